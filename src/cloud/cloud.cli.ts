import { Command } from 'commander';
import { readFileSync } from 'fs';
import type { CliContext } from '../cli-context';
import { exitCodeFor } from '../cli-exit';
import type { Reason } from '../common/reason';
import type { CloudDecisionResponse } from './cloud.service';

/**
 * `chipguard screen-customer customer.json` — the body of POST /v1/cloud/customers/screen from a file
 * (or `-` for stdin), validated the same way, decided and stored in the same database.
 */
export function registerCloudCommands(program: Command, cli: CliContext): void {
  program
    .command('screen-customer')
    .description('vet a cloud (IaaS) customer from a JSON file shaped like POST /v1/cloud/customers/screen; the decision is stored')
    .argument('<file>', 'the request JSON, or - for stdin')
    .option('--json', 'print the full decision as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const text = readFileSync(file === '-' ? 0 : file, 'utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      }
      await cli.app(async (app) => {
        const [{ BadRequestException, HttpException }, { validationPipe }, { CloudCustomerRequestDto }, { CloudService }] = await Promise.all([
          import('@nestjs/common'),
          import('../common/http'),
          import('./cloud.dto'),
          import('./cloud.service'),
        ]);
        let res: CloudDecisionResponse;
        try {
          const dto = (await validationPipe.transform(body, { type: 'body', metatype: CloudCustomerRequestDto })) as InstanceType<
            typeof CloudCustomerRequestDto
          >;
          res = await app.get(CloudService).screenCustomer(dto);
        } catch (e) {
          if (e instanceof BadRequestException) {
            const msg = (e.getResponse() as { message?: string | string[] }).message;
            throw new Error(`invalid request:\n  ${(Array.isArray(msg) ? msg : [String(msg)]).join('\n  ')}`);
          }
          if (e instanceof HttpException) throw new Error(e.message);
          throw e;
        }
        process.stdout.write(opts.json ? JSON.stringify(res, null, 2) + '\n' : formatDecision(res));
        process.exitCode = exitCodeFor(res.decision);
      });
    });
}

/** A decision for a person at a terminal. */
export function formatDecision(res: CloudDecisionResponse): string {
  const lines: string[] = [];
  lines.push(`${res.decision.toUpperCase()}  risk ${res.riskScore}/100  ${res.id}`);
  const c = res.compute;
  lines.push(`compute: ${c.acceleratorCount} accelerators, total TPP ${c.totalTpp.toLocaleString('en-US')}, ${c.h100Equivalents} H100-equivalents`);
  for (const a of c.accelerators) {
    lines.push(`  ${a.quantity} x ${a.model} -> ${a.resolvedModel ?? 'UNKNOWN'}${a.tpp !== null ? ` (TPP ${a.tpp} each)` : ''}`);
  }
  lines.push(
    `rules ${res.rulesVersion}; lists ${
      Object.entries(res.listVersions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
  );
  if (res.reasons.length === 0) lines.push('no reasons: nothing found');
  for (const r of res.reasons as Reason[]) {
    lines.push(`- [${r.severity}] ${r.code} (${r.subject}): ${r.message}`);
    lines.push(`    ${r.citation}`);
  }
  return lines.join('\n') + '\n';
}

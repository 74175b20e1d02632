import { Command } from 'commander';
import { readFileSync } from 'fs';
import type { CliContext } from '../cli-context';
import { exitCodeFor } from '../cli-exit';
import type { Reason, Severity } from '../common/reason';
import type { TransactionRequestDto } from './transaction.dto';
import type { DecisionResponse } from './transactions.service';

/**
 * `chipguard screen-order order.json [--json]` — the body of POST /v1/transactions/screen from a file (or `-`
 * for stdin), validated as the API validates it, decided by the same TransactionsService and stored in the
 * same database (DATABASE_URL). Prints the decision for a person: the outcome first, then the reasons grouped
 * by subject.
 */
export function registerTransactionsCommands(program: Command, cli: CliContext): void {
  program
    .command('screen-order')
    .description('decide one order (a JSON file shaped like POST /v1/transactions/screen): allow / review / deny with every reason; the decision is stored')
    .argument('<order.json>', 'the request JSON, or - for stdin')
    .option('--json', 'print the full decision as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const body = readJson(file);
      const checked = await validateOrderRequest(body);
      if (!checked.dto) throw new Error(`${file}: invalid order:\n  ${checked.errors.join('\n  ')}`);
      const dto = checked.dto;
      await cli.app(async (app, config) => {
        const { BadRequestException, HttpException, ServiceUnavailableException } = await import('@nestjs/common');
        const [{ TransactionsService }, { subjectLabel }] = await Promise.all([import('./transactions.service'), import('../decision')]);
        let res: DecisionResponse;
        try {
          res = await app.get(TransactionsService).screenOrder(dto);
        } catch (e) {
          if (e instanceof ServiceUnavailableException) {
            throw new Error(
              `no decision: no restricted-party list is loaded in the database (${config.databaseUrl}). ` +
                'chipguard never decides without lists; import them first (chipguard lists import … or chipguard lists update).',
            );
          }
          if (e instanceof BadRequestException) throw new Error(`${file}: invalid order:\n  ${messagesOf(e).join('\n  ')}`);
          if (e instanceof HttpException) throw new Error(e.message);
          throw e;
        }
        process.stdout.write(opts.json ? JSON.stringify(res, null, 2) + '\n' : formatOrderDecision(res, dto, subjectLabel));
        process.exitCode = exitCodeFor(res.decision);
      });
    });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

function messagesOf(e: { getResponse(): unknown; message: string }): string[] {
  const msg = (e.getResponse() as { message?: string | string[] }).message;
  return Array.isArray(msg) ? msg : [String(msg ?? e.message)];
}

/** The request validated as POST /v1/transactions/screen validates its body (the one request validator, loaded lazily). */
export async function validateOrderRequest(
  plain: unknown,
): Promise<{ dto: TransactionRequestDto; errors?: undefined } | { dto?: undefined; errors: string[] }> {
  const [{ validateRequest }, { TransactionRequestDto }] = await Promise.all([import('../common/request-validation'), import('./transaction.dto')]);
  return validateRequest(TransactionRequestDto, plain, 'the order');
}

const RANK: Record<Severity, number> = { info: 0, review: 1, deny: 2 };
const SUBJECT_ORDER = ['order', 'buyer', 'endUser', 'shipTo', 'billTo', 'intermediaries', 'payment', 'items', 'customer'];

function subjectRank(subject: string): number {
  const head = subject.split(/[.[]/)[0];
  const i = SUBJECT_ORDER.indexOf(head);
  return i < 0 ? SUBJECT_ORDER.length : i;
}

/** "Buyer — Inspur …", "Item 1 — 10 x HGX H100 (NVIDIA HGX H100 8-GPU baseboard)", "Order". */
function heading(subject: string, res: DecisionResponse, dto: TransactionRequestDto, subjectLabel: (subject: string) => string): string {
  const item = /^items\[(\d+)\]$/.exec(subject);
  if (item) {
    const i = Number(item[1]);
    const req = dto.items[i];
    const it = res.items[i];
    return `Item ${i + 1} — ${req ? `${req.quantity} x ${req.model}` : subject}${it?.resolvedModel && it.resolvedModel !== req?.model ? ` (${it.resolvedModel})` : ''}`;
  }
  if (subject === 'order') return 'Order';
  const party = res.parties.find((p) => p.subject === subject);
  const label = subject === 'customer' ? 'Customer' : subjectLabel(subject);
  return party ? `${label} — ${party.name}` : label;
}

/** The decision for a person at a terminal: outcome, versions, items, then the reasons grouped by subject. */
export function formatOrderDecision(res: DecisionResponse, dto: TransactionRequestDto, subjectLabel: (subject: string) => string): string {
  const lines: string[] = [];
  const when = dto.date ?? res.createdAt.slice(0, 10);
  lines.push(`${res.decision.toUpperCase()}  risk ${res.riskScore}/100  ${res.id}`);
  lines.push(`order ${res.reference ?? '(no reference)'} of ${when}, export from ${dto.exportFrom ?? 'US'}`);
  lines.push(`rules ${res.rulesVersion}`);
  const versions = Object.entries(res.listVersions ?? {});
  lines.push(`lists ${versions.length ? versions.map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`);

  lines.push('');
  lines.push('Items');
  for (const it of res.items) {
    const req = dto.items[it.index];
    const facts = [
      it.eccn,
      it.tpp !== null ? `TPP ${it.tpp}` : undefined,
      it.licenseRequired ? 'licence required' : 'no licence required',
      it.licenseExceptions.length ? `exceptions ${it.licenseExceptions.join('/')}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${it.index + 1}. ${req?.quantity ?? '?'} x ${it.model} -> ${it.resolvedModel ?? 'UNKNOWN'}: ${facts}`);
  }

  const groups = new Map<string, Reason[]>();
  for (const r of res.reasons) groups.set(r.subject, [...(groups.get(r.subject) ?? []), r]);
  const worst = (rs: Reason[]) => Math.max(...rs.map((r) => RANK[r.severity]));
  const ordered = [...groups.entries()].sort(
    ([a, ra], [b, rb]) => worst(rb) - worst(ra) || subjectRank(a) - subjectRank(b) || a.localeCompare(b, 'en', { numeric: true }),
  );
  lines.push('');
  if (ordered.length === 0) lines.push('Reasons: none (nothing found)');
  else lines.push(`Reasons (${res.reasons.length}), grouped by subject`);
  for (const [subject, reasons] of ordered) {
    lines.push('');
    lines.push(heading(subject, res, dto, subjectLabel));
    for (const r of [...reasons].sort((a, b) => RANK[b.severity] - RANK[a.severity])) {
      lines.push(`  ${r.severity.toUpperCase().padEnd(6)} ${r.code}: ${r.message}`);
      lines.push(`         ${r.citation}`);
    }
  }
  return lines.join('\n') + '\n';
}

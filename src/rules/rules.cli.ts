/**
 * `chipguard classify <model> --to <country> [--date] [--quantity] [--json]`:
 * the same classification and licence result as POST /v1/items/classify, for a person.
 */
import type { Command } from 'commander';
import { exitCodeFor } from '../cli-exit';
import { isCountryCode } from '../common/countries';
import { outcomeOf } from '../common/reason';
import { loadConfig } from '../config/config';
import { classifyRequest, ClassifyResponse } from './classify-request';
import { loadRuleBook, today } from './rulebook';

const MARK: Record<string, string> = { deny: 'DENY  ', review: 'REVIEW', info: 'info  ' };

export function formatClassification(res: ClassifyResponse): string {
  const lines: string[] = [];
  for (const it of res.items) {
    lines.push(`Item ${it.index}: ${it.resolvedModel ?? '(not in catalog)'}${it.catalogId ? ` [${it.catalogId}]` : ''}`);
    lines.push(`  ECCN:                ${it.eccn}`);
    lines.push(`  TPP:                 ${it.tpp ?? 'unknown'}${it.acceleratorsPerUnit > 1 ? ` per accelerator, ${it.acceleratorsPerUnit} per unit` : ''}`);
    lines.push(`  Performance density: ${it.performanceDensity ?? 'unknown'}`);
    lines.push(`  Datacenter:          ${it.datacenter === null ? 'unknown' : it.datacenter ? 'yes' : 'no'}`);
    lines.push(`  Basis:               ${it.basis}`);
    lines.push(
      `  Licence required to ${res.destination} on ${res.date}: ${it.licenseRequired ? 'YES' : 'no'}${it.reviewPolicy ? ` (${it.reviewPolicy.replace(/_/g, ' ')})` : ''}`,
    );
    lines.push(`  Licence exceptions:  ${it.licenseExceptions.length ? it.licenseExceptions.join(', ') : 'none'}`);
    lines.push('  Reasons:');
    for (const r of it.reasons) {
      lines.push(`    ${MARK[r.severity]} ${r.code}: ${r.message}`);
      lines.push(`           ${r.citation}`);
    }
  }
  lines.push(`Rules version: ${res.rulesVersion}`);
  return lines.join('\n');
}

export function registerRulesCommands(program: Command): void {
  program
    .command('classify')
    .description('Classify an accelerator (3A090/4A090/.z) and say whether shipping it to a country needs a licence')
    .argument('<model>', 'model as a buyer would type it, e.g. "H20" or "H100 SXM5 80GB"')
    .requiredOption('--to <country>', 'destination, ISO 3166-1 alpha-2 (e.g. CN)')
    .option('--date <YYYY-MM-DD>', 'rules in force on this date (default today)')
    .option('--quantity <n>', 'quantity', '1')
    .option('--part-number <pn>', 'part number')
    .option('--hq <country>', "end user's headquarters country (headquarters rule)")
    .option('--parent <country>', "end user's ultimate parent's headquarters country")
    .option('--from <country>', 'exporting country', 'US')
    .option('--json', 'print JSON as the HTTP API returns it')
    .action(
      (
        model: string,
        opts: { to: string; date?: string; quantity: string; partNumber?: string; hq?: string; parent?: string; from: string; json?: boolean },
      ) => {
        for (const [flag, v] of [
          ['--to', opts.to],
          ['--hq', opts.hq],
          ['--parent', opts.parent],
          ['--from', opts.from],
        ] as const) {
          if (v !== undefined && !isCountryCode(v)) throw new Error(`${flag}: "${v}" is not an ISO 3166-1 alpha-2 country code`);
        }
        if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new Error(`--date: "${opts.date}" is not YYYY-MM-DD`);
        const quantity = Number(opts.quantity);
        if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1e7)
          throw new Error(`--quantity: "${opts.quantity}" must be a whole number from 1 to 10000000`);
        if (!model.trim() || model.length > 200) throw new Error('<model>: 1 to 200 characters');
        const book = loadRuleBook(loadConfig(process.env).dataDir);
        const res = classifyRequest(book, {
          items: [{ model, quantity, partNumber: opts.partNumber }],
          destination: opts.to.toUpperCase(),
          date: opts.date ?? today(),
          exportFrom: opts.from.toUpperCase(),
          headquartersCountry: opts.hq?.toUpperCase(),
          ultimateParentCountry: opts.parent?.toUpperCase(),
        });
        process.stdout.write((opts.json ? JSON.stringify(res, null, 2) : formatClassification(res)) + '\n');
        process.exitCode = exitCodeFor(outcomeOf(res.items.flatMap((it) => it.reasons)));
      },
    );
}

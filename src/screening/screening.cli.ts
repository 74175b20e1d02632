import { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { exitCodeFor } from '../cli-exit';
import { isCountryCode } from '../common/countries';
import { LIST_CODES, ListCode } from '../lists/list-entry';

/** `chipguard screen "name" [--country CN] [--address …] [--type entity] [--sources EL,SDN] [--json]` */
export function registerScreeningCommands(program: Command, cli: CliContext): void {
  program
    .command('screen')
    .description('screen one name against the restricted-party lists loaded in the database')
    .argument('<name>', 'company or person name')
    .option('-c, --country <code>', 'ISO country code of the party')
    .option('-a, --address <text>', 'address of the party')
    .option('-t, --type <type>', 'entity | individual | vessel | aircraft')
    .option('-s, --sources <codes>', `comma-separated list codes (${LIST_CODES.join(', ')})`)
    .option('-l, --limit <n>', 'at most this many matches', '10')
    .option('--json', 'print the JSON result')
    .action(async (name: string, opts: { country?: string; address?: string; type?: string; sources?: string; limit: string; json?: boolean }) => {
      if (opts.country && !isCountryCode(opts.country)) throw new Error(`--country must be an ISO 3166-1 alpha-2 code, got "${opts.country}"`);
      const sources = opts.sources?.split(',').map((s) => s.trim().toUpperCase());
      const unknown = sources?.filter((s) => !(LIST_CODES as readonly string[]).includes(s));
      if (unknown?.length) throw new Error(`unknown list code(s): ${unknown.join(', ')}`);
      if (opts.type && !['entity', 'individual', 'vessel', 'aircraft'].includes(opts.type))
        throw new Error(`--type must be entity, individual, vessel or aircraft`);
      await cli.screening(async ({ lists, screen }) => {
        if (lists.isEmpty())
          throw new Error('no restricted-party list is loaded in the database: run `chipguard lists import` or `chipguard lists update` first');
        const result = screen(
          { name, country: opts.country?.toUpperCase(), address: opts.address, type: opts.type as 'entity' | undefined },
          { sources: sources as ListCode[] | undefined, limit: Number(opts.limit) || 10 },
        );
        process.exitCode = exitCodeFor(result.status);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ ...result, listVersions: lists.versionDates() }, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `${result.status.toUpperCase()}  "${name}"${opts.country ? ` (${opts.country.toUpperCase()})` : ''}${lists.hasSample() ? '  [SAMPLE LISTS ONLY]' : ''}\n`,
        );
        for (const m of result.matches) {
          process.stdout.write(`  ${m.score.toFixed(2)}  ${m.source.padEnd(4)} ${m.matchedOn.padEnd(7)} ${m.name}  [${m.entryId}]\n`);
          if (m.matchedName !== m.name) process.stdout.write(`        matched: ${m.matchedName}\n`);
          process.stdout.write(`        ${m.explanation}\n`);
        }
        if (!result.matches.length) process.stdout.write('  no entry at or above the review threshold\n');
      });
    });
}

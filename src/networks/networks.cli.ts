import { Command } from 'commander';
import { createReadStream, statSync, writeFileSync } from 'fs';
import { basename, dirname, extname, join } from 'path';
import type { CliContext } from '../cli-context';

/** `chipguard accounts <file> --out clusters.csv`: POST /v1/cloud/accounts/screen, offline, with a progress bar. */
export function registerNetworksCommands(program: Command, cli: CliContext): void {
  program
    .command('accounts')
    .description(
      'cluster a provider\'s accounts (CSV, NDJSON or {"accounts": [...]} JSON, streamed): account farms and links to listed parties, as a CSV of clusters',
    )
    .argument('<file>', 'accounts file (.csv, .ndjson / .jsonl, .json)')
    .option('-o, --out <clusters.csv>', 'where to write the clusters (default: <file>-clusters.csv beside the input)')
    .option('--min-size <n>', 'smallest cluster written', '2')
    .option('--json', 'write the whole report as JSON instead of CSV')
    .action(async (file: string, opts: { out?: string; minSize: string; json?: boolean }) => {
      const { formatOf } = await import('./account-stream');
      const format = formatOf(undefined, file);
      if (!format) throw new Error(`cannot tell the format of ${file}: name it .csv, .ndjson, .jsonl or .json`);
      const out = opts.out ?? join(dirname(file), `${basename(file, extname(file))}-clusters.${opts.json ? 'json' : 'csv'}`);
      const total = statSync(file).size;
      await cli.app(async (app) => {
        // loaded here, not at the top: `chipguard --help` and the other commands stay fast
        const [{ Presets, SingleBar }, { clustersCsv }, { AccountsService }] = await Promise.all([
          import('cli-progress'),
          import('./accounts'),
          import('./accounts.service'),
        ]);
        const bar = new SingleBar(
          // a line every few seconds when stderr is not a terminal (a log, a pipe), redrawn in place when it is
          {
            format: ' accounts [{bar}] {percentage}% | {value}/{total} MB | {eta}s left',
            hideCursor: true,
            stream: process.stderr,
            noTTYOutput: true,
            notTTYSchedule: 5000,
          },
          Presets.shades_classic,
        );
        bar.start(Math.max(1, Math.round(total / 1e6)), 0);
        const stream = createReadStream(file, { highWaterMark: 1 << 20 });
        let read = 0;
        stream.on('data', (chunk) => {
          read += chunk.length;
          bar.update(Math.round(read / 1e6));
        });
        try {
          const report = await app.get(AccountsService).screen(stream, format, { minSize: Math.max(1, Number(opts.minSize) || 2) });
          bar.update(Math.max(1, Math.round(total / 1e6)));
          bar.stop();
          writeFileSync(out, opts.json ? JSON.stringify(report) : clustersCsv(report.clusters));
          const s = report.summary;
          process.stdout.write(
            `${s.accounts} account(s), ${s.errors} error(s) in ${s.seconds.toFixed(1)} s: ${s.clusters} cluster(s), ${s.farms} account farm(s) (${s.accountsInFarms} accounts), ${s.linkedToRestricted} linked to a listed party -> ${out}\n`,
          );
          for (const e of report.errors.slice(0, 10))
            process.stdout.write(`record ${e.index}${e.accountId ? ` (${e.accountId})` : ''}: ${e.errors.join('; ')}\n`);
        } catch (e) {
          bar.stop();
          const r = (e as { getResponse?: () => unknown }).getResponse?.();
          throw r ? new Error(JSON.stringify(r)) : e;
        }
      });
    });
}

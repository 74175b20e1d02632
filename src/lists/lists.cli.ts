import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { readFileSync } from 'fs';
import { basename } from 'path';
import { withAppContext } from '../cli-context';
import { LIST_FORMATS, ListFormat, ListParseError } from './list-entry';
import { ImportFile, ListsService } from './lists.service';
import { detectFormat } from './parse';

/** `chipguard lists import <file…> --format <f>`, `chipguard lists update`, `chipguard lists show`. */
export function registerListsCommands(program: Command): void {
  const lists = program.command('lists').description('restricted-party lists: import, update, show');

  lists
    .command('import')
    .description('import an official list file (ofac-csv: sdn.csv add.csv alt.csv sdn_comments.csv together)')
    .argument('<files...>', 'the file, or the OFAC CSV set')
    .option('-f, --format <format>', `one of ${LIST_FORMATS.join(', ')} (guessed from the content when omitted)`)
    .action(async (paths: string[], opts: { format?: string }) => {
      const files: ImportFile[] = paths.map((p, i) => ({ role: i === 0 ? 'file' : roleOf(p), name: basename(p), data: readFileSync(p) }));
      const format = (opts.format ?? detectFormat(files[0].name, files[0].data)) as ListFormat | undefined;
      if (!format || !LIST_FORMATS.includes(format)) {
        throw new Error(`unknown format ${opts.format ?? '(could not guess)'}; use --format with one of ${LIST_FORMATS.join(', ')}`);
      }
      await withAppContext(async (app) => {
        const bar = new SingleBar({ format: ' {phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true }, Presets.shades_classic);
        let started = false;
        try {
          const result = await app.get(ListsService).importFiles(format, files, {
            progress: (phase, done, total) => {
              if (!process.stderr.isTTY && phase !== 'write') return;
              if (!started) {
                bar.start(total, done, { phase });
                started = true;
              }
              bar.setTotal(total);
              bar.update(done, { phase });
            },
          });
          if (started) bar.stop();
          process.stdout.write(`${result.status}: ${result.message}\n`);
          for (const c of result.codes) process.stdout.write(`  ${c.code.padEnd(12)} ${String(c.entryCount).padStart(7)} entries (version ${c.versionId})\n`);
          for (const w of result.warnings.slice(0, 20)) process.stdout.write(`  warning: ${w}\n`);
        } catch (e) {
          if (started) bar.stop();
          if (e instanceof ListParseError) throw new Error(`${format}: ${e.message} — nothing was changed, the active version stays`);
          throw e;
        }
      });
    });

  lists
    .command('update')
    .description('download every list from its official URL, check it parses, import it (needs internet)')
    .action(async () => {
      await withAppContext(async (app) => {
        const result = await app.get(ListsService).updateFromOfficialSources((m) => process.stdout.write(m + '\n'));
        process.stdout.write(`updated ${result.imported.length} list file(s); ${result.failed.length} failed\n`);
        if (result.failed.length) process.exitCode = 1;
      });
    });

  lists
    .command('show')
    .description('the active version of each list code')
    .action(async () => {
      await withAppContext(async (app) => {
        for (const v of app.get(ListsService).active.activeVersions()) {
          process.stdout.write(
            `${v.code.padEnd(12)} ${String(v.entryCount).padStart(7)}  ${v.publishDate ?? v.importedAt.slice(0, 10)}  ${v.format.padEnd(12)} ${v.sample ? '[SAMPLE] ' : ''}${v.fileName}\n`,
          );
        }
      });
    });
}

function roleOf(path: string): string {
  const n = basename(path).toLowerCase();
  return n.includes('comment') ? 'comments' : n.includes('add') ? 'add' : n.includes('alt') ? 'alt' : 'file';
}

import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { createHash } from 'crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'fs';
import { basename } from 'path';
import { withAppContext } from '../cli-context';
import { LIST_FORMATS, ListFormat, ListParseError } from './list-entry';
import { ImportAuthority, ImportFile, ImportResult, ListsService, ProgressFn } from './lists.service';
import { ListSafetyError } from './list-safety';
import { cliActor } from '../auth/keys.cli';
import { detectFormat, isStreamingFormat, parseListStream } from './parse';
import { isGzip } from './parsers/util';

/** `chipguard lists import <file…> --format <f>`, `chipguard lists update`, `chipguard lists show`. */
export function registerListsCommands(program: Command): void {
  const lists = program.command('lists').description('restricted-party lists: import, update, show');

  lists
    .command('import')
    .description('import an official list file (ofac-csv: sdn.csv add.csv alt.csv sdn_comments.csv together)')
    .argument('<files...>', 'the file, or the OFAC CSV set')
    .option('-f, --format <format>', `one of ${LIST_FORMATS.join(', ')} (guessed from the content when omitted)`)
    .option('--force', 'replace the active version even when the file would shrink (LIST_SHRINK) or roll back (LIST_OLDER) a list')
    .option('--reason <why>', 'why a forced import is right (required with --force; recorded with who forced it)')
    .action(async (paths: string[], opts: { format?: string; force?: boolean; reason?: string }) => {
      const authority = importAuthority(opts);
      const format = (opts.format ?? detectFormat(basename(paths[0]), head(paths[0]))) as ListFormat | undefined;
      if (!format || !LIST_FORMATS.includes(format)) {
        throw new Error(`unknown format ${opts.format ?? '(could not guess)'}; use --format with one of ${LIST_FORMATS.join(', ')}`);
      }
      // one XML file: read in chunks and parsed record by record (never held whole); the rest: read into memory
      const streamed = paths.length === 1 && isStreamingFormat(format);
      const files: ImportFile[] = streamed ? [] : paths.map((p, i) => ({ role: i === 0 ? 'file' : roleOf(p), name: basename(p), data: readFileSync(p) }));
      await withAppContext(async (app) => {
        const bar = new SingleBar({ format: ' {phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true }, Presets.shades_classic);
        let started = false;
        try {
          const progress: ProgressFn = (phase, done, total) => {
            if (!process.stderr.isTTY && phase !== 'write') return;
            if (!started) {
              bar.start(total, done, { phase });
              started = true;
            }
            bar.setTotal(total);
            bar.update(done, { phase });
          };
          const service = app.get(ListsService);
          const result = streamed
            ? await importStreamed(service, format, paths[0], progress, authority)
            : await service.importFiles(format, files, { progress, ...authority });
          if (started) bar.stop();
          process.stdout.write(`${result.status}: ${result.message}\n`);
          for (const c of result.codes) process.stdout.write(`  ${c.code.padEnd(12)} ${String(c.entryCount).padStart(7)} entries (version ${c.versionId})\n`);
          for (const w of result.warnings.slice(0, 20)) process.stdout.write(`  warning: ${w}\n`);
        } catch (e) {
          if (started) bar.stop();
          if (e instanceof ListParseError) throw new Error(`${format}: ${e.message} — nothing was changed, the active version stays`);
          if (e instanceof ListSafetyError) throw new Error(`${e.code}: ${e.message} — nothing was changed; --force --reason "…" replaces it anyway`);
          throw e;
        }
      });
    });

  lists
    .command('update')
    .description('download every list from its official URL, check it parses, import it (needs internet); a file that would shrink or roll back a list is refused')
    .option('--force', 'import even files that would shrink (LIST_SHRINK) or roll back (LIST_OLDER) a list')
    .option('--reason <why>', 'why (required with --force)')
    .action(async (opts: { force?: boolean; reason?: string }) => {
      const authority = importAuthority(opts);
      await withAppContext(async (app) => {
        const result = await app.get(ListsService).updateFromOfficialSources((m) => process.stdout.write(m + '\n'), authority);
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

/** The start of a file, enough for detectFormat() (a gzip file is read whole: its head cannot be unpacked alone). */
function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return isGzip(buf.subarray(0, n)) ? readFileSync(path) : buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** importFiles() for one XML file read as a stream: hashed (sha256 of the file, as importFiles) while it is parsed. */
function importAuthority(opts: { force?: boolean; reason?: string }): ImportAuthority {
  if (opts.force && !opts.reason?.trim()) throw new Error('--force needs --reason "why"');
  return { by: cliActor(), force: !!opts.force, reason: opts.reason };
}

async function importStreamed(service: ListsService, format: ListFormat, path: string, progress: ProgressFn, authority: ImportAuthority): Promise<ImportResult> {
  const name = basename(path);
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  progress('parse', 0, 1);
  try {
    const parsed = await parseListStream(format, hashed(), { fileName: name });
    progress('parse', 1, 1);
    return await service.importParsed(parsed, { ...authority, format, fileName: name, sha256: hash.digest('hex'), sample: false, progress });
  } finally {
    stream.destroy();
  }
}

function roleOf(path: string): string {
  const n = basename(path).toLowerCase();
  return n.includes('comment') ? 'comments' : n.includes('add') ? 'add' : n.includes('alt') ? 'alt' : 'file';
}

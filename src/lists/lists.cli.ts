import { Command } from 'commander';
import { createHash } from 'crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'fs';
import { basename } from 'path';
import type { CliContext } from '../cli-context';
import { LIST_FORMATS, ListFormat, ListParseError } from './list-entry';
import type { ImportAuthority, ImportFile, ImportResult, ListsService, ProgressFn } from './lists.service';
import { ListSafetyError } from './list-safety';
import { cliActor } from '../auth/keys.cli';
import { isGzip } from './parsers/util';

/** One import of `lists import`: a single file, or the files of one OFAC CSV set. */
interface PlannedImport {
  format: ListFormat;
  paths: string[];
  /** ImportFile role of each path (ofac-csv: file | add | alt | comments) */
  roles: string[];
}

/** `chipguard lists import <file…> --format <f>`, `chipguard lists update`, `chipguard lists show`. */
export function registerListsCommands(program: Command, cli: CliContext): void {
  const lists = program.command('lists').description('restricted-party lists: import, update, show');

  lists
    .command('import')
    .description('import official list files, each on its own (the OFAC CSV set sdn.csv add.csv alt.csv sdn_comments.csv as one)')
    .argument('<files...>', 'list files, and/or the files of an OFAC CSV set')
    .option('-f, --format <format>', `one of ${LIST_FORMATS.join(', ')} for every file (guessed from each file's content when omitted)`)
    .option('--force', 'replace the active version even when the file would shrink (LIST_SHRINK) or roll back (LIST_OLDER) a list')
    .option('--reason <why>', 'why a forced import is right (required with --force; recorded with who forced it)')
    .action(async (paths: string[], opts: { format?: string; force?: boolean; reason?: string }) => {
      const authority = importAuthority(opts);
      const plan = await planImports(paths, opts.format);
      await cli.app(async (app) => {
        const { ListsService } = await import('./lists.service');
        const service = app.get(ListsService);
        const failed: string[] = [];
        for (const planned of plan) {
          try {
            await importOne(service, planned, authority);
          } catch (e) {
            if (!(e instanceof ListParseError || e instanceof ListSafetyError) || plan.length === 1) throw failure(planned, e);
            failed.push(failure(planned, e).message);
            process.stdout.write(`failed: ${failed[failed.length - 1]}\n`);
          }
        }
        if (failed.length) throw new Error(`${failed.length} of ${plan.length} imports failed (the others were imported):\n  ${failed.join('\n  ')}`);
      });
    });

  lists
    .command('update')
    .description(
      'download every list from its official URL, check it parses, import it (needs internet); a file that would shrink or roll back a list is refused',
    )
    .option('--force', 'import even files that would shrink (LIST_SHRINK) or roll back (LIST_OLDER) a list')
    .option('--reason <why>', 'why (required with --force)')
    .action(async (opts: { force?: boolean; reason?: string }) => {
      const authority = importAuthority(opts);
      await cli.app(async (app) => {
        const { ListsService } = await import('./lists.service');
        const result = await app.get(ListsService).updateFromOfficialSources((m) => process.stdout.write(m + '\n'), authority);
        process.stdout.write(`updated ${result.imported.length} list file(s); ${result.failed.length} failed\n`);
        if (result.failed.length) process.exitCode = 1;
      });
    });

  lists
    .command('show')
    .description('the active version of each list code')
    .action(async () => {
      await cli.lists(async (lists) => {
        for (const v of lists.activeVersions()) {
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

async function importStreamed(
  service: ListsService,
  format: ListFormat,
  path: string,
  progress: ProgressFn,
  authority: ImportAuthority,
): Promise<ImportResult> {
  const { parseListStream } = await import('./parse');
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

/**
 * What `lists import` will do with its files: with --format ofac-csv (or when every file is part of an OFAC CSV
 * set) one import of the set; otherwise one import per file, its format given or guessed from its content.
 * Refuses before importing anything when a format cannot be guessed.
 */
async function planImports(paths: string[], formatOption?: string): Promise<PlannedImport[]> {
  if (formatOption !== undefined && !LIST_FORMATS.includes(formatOption as ListFormat)) {
    throw new Error(`unknown format ${formatOption}; use --format with one of ${LIST_FORMATS.join(', ')}`);
  }
  if (formatOption === 'ofac-csv') return [{ format: 'ofac-csv', paths, roles: paths.map((p, i) => (i === 0 ? 'file' : roleOf(p))) }];
  if (formatOption) return paths.map((p) => ({ format: formatOption as ListFormat, paths: [p], roles: ['file'] }));
  const { detectFile } = await import('./parse');
  const plan: PlannedImport[] = [];
  const ofacSets = new Map<string, PlannedImport>();
  for (const p of paths) {
    const detected = detectFile(basename(p), head(p));
    if (!detected) throw new Error(`${p}: could not guess the list format; nothing was imported. Use --format with one of ${LIST_FORMATS.join(', ')}`);
    if (detected.format !== 'ofac-csv') {
      plan.push({ format: detected.format, paths: [p], roles: ['file'] });
      continue;
    }
    // the files of one OFAC CSV set (SDN or consolidated) are one import
    const key = detected.list ?? 'sdn';
    let set = ofacSets.get(key);
    if (!set) {
      set = { format: 'ofac-csv', paths: [], roles: [] };
      ofacSets.set(key, set);
      plan.push(set);
    }
    set.paths.push(p);
    set.roles.push(detected.ofacCsvPart === 'prim' ? 'file' : (detected.ofacCsvPart ?? roleOf(p)));
  }
  return plan;
}

/** Imports one planned file (or OFAC CSV set) and prints what became active. */
async function importOne(service: ListsService, planned: PlannedImport, authority: ImportAuthority): Promise<void> {
  const { SingleBar, Presets } = await import('cli-progress');
  const { isStreamingFormat } = await import('./parse');
  const { format, paths } = planned;
  const bar = new SingleBar({ format: ' {phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true }, Presets.shades_classic);
  let started = false;
  const progress: ProgressFn = (phase, done, total) => {
    if (!process.stderr.isTTY && phase !== 'write') return;
    if (!started) {
      bar.start(total, done, { phase });
      started = true;
    }
    bar.setTotal(total);
    bar.update(done, { phase });
  };
  try {
    // one XML file: read in chunks and parsed record by record (never held whole); the rest: read into memory
    const result =
      paths.length === 1 && isStreamingFormat(format)
        ? await importStreamed(service, format, paths[0], progress, authority)
        : await service.importFiles(format, paths.map((p, i) => ({ role: planned.roles[i], name: basename(p), data: readFileSync(p) })) as ImportFile[], {
            progress,
            ...authority,
          });
    process.stdout.write(`${result.status}: ${result.message}\n`);
    for (const c of result.codes) process.stdout.write(`  ${c.code.padEnd(12)} ${String(c.entryCount).padStart(7)} entries (version ${c.versionId})\n`);
    for (const w of result.warnings.slice(0, 20)) process.stdout.write(`  warning: ${w}\n`);
  } finally {
    if (started) bar.stop();
  }
}

/** A failed import as the message a person reads: which file, why, and that nothing changed. */
function failure(planned: PlannedImport, e: unknown): Error {
  const files = planned.paths.map((p) => basename(p)).join(' + ');
  if (e instanceof ListSafetyError) return new Error(`${files}: ${e.code}: ${e.message} — nothing was changed; --force --reason "…" replaces it anyway`);
  if (!(e instanceof ListParseError)) return e instanceof Error ? e : new Error(String(e));
  return new Error(`${planned.format}: ${files}: ${e.message} — nothing was changed, the active version stays`);
}

function roleOf(path: string): string {
  const n = basename(path).toLowerCase();
  return n.includes('comment') ? 'comments' : n.includes('add') ? 'add' : n.includes('alt') ? 'alt' : 'file';
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'crypto';
import { createReadStream, readdirSync, readFileSync } from 'fs';
import { basename, join } from 'path';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ListEntryRow, ListVersionRow } from '../database/entities';
import { DecisionStore } from '../database/decision-store';
import { asOfDate, dedupeEntries, ListSafetyError, ListSafetyProblem, listSafetyProblems } from './list-safety';
import { ActiveLists, ActiveListVersion } from './active-lists';
import { RefreshSchedule } from './refresh-schedule';
import { ListCode, ListEntry, ListFormat, ListParseError, ParsedList } from './list-entry';
import { downloadAllOfficialLists } from './official-sources';
import { detectFormat, ListInput, parseListFile, parseListStream } from './parse';
import { formatEntry } from './formats';

export interface ImportFile {
  /** for ofac-csv: prim | add | alt | comments; otherwise file */
  role: string;
  name: string;
  data: Buffer;
}

export interface ImportResult {
  status: 'imported' | 'unchanged';
  message: string;
  importId: string;
  format: ListFormat;
  fileName: string;
  sha256: string;
  publishDate: string | null;
  entryCount: number;
  codes: { code: ListCode; entryCount: number; versionId: number }[];
  warnings: string[];
  /** records dropped because they repeat an entry id */
  duplicatesDropped?: number;
  /** a forced import: the safety problems it overrode, who forced it and why */
  forced?: { by: string; reason: string; overrode: ListSafetyProblem[] };
}

/** Who imports, and whether a refused import (LIST_SHRINK / LIST_OLDER) is forced, with a reason. */
export interface ImportAuthority {
  by?: string;
  force?: boolean;
  reason?: string;
}

export type ProgressFn = (phase: string, done: number, total: number) => void;

const INSERT_CHUNK = 400;

/**
 * Versioned, all-or-nothing list imports and the in-memory active lists.
 * A file is parsed and validated whole, written as new versions in one transaction, and only then
 * made active (per list code); a failure changes nothing.
 */
@Injectable()
export class ListsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly active = new ActiveLists();
  private readonly logger = new Logger('lists');
  private syncTimer: NodeJS.Timeout | undefined;
  /** the scheduled refresh (LIST_REFRESH_INTERVAL); undefined when it is off */
  readonly refresh: RefreshSchedule | undefined;
  private destroyed = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: DecisionStore,
  ) {
    if (config.listRefresh !== 'off') this.refresh = new RefreshSchedule(() => this.scheduledRefresh(), { intervalMs: config.listRefresh });
  }

  async onModuleInit(): Promise<void> {
    await this.loadActiveFromDatabase();
    if (this.active.isEmpty() && !this.config.autoUpdate && this.config.loadSample) await this.loadSample();
    if (this.config.listSyncSeconds > 0) {
      // several instances on one database: pick up versions another instance activated
      this.syncTimer = setInterval(
        () => void this.syncWithDatabase().catch((e: Error) => this.logger.warn(`list sync failed: ${e.message}`)),
        this.config.listSyncSeconds * 1000,
      );
      this.syncTimer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.destroyed = true;
    this.refresh?.stop();
  }

  /**
   * One scheduled refresh: every official list downloaded and imported under the list-safety rules (never
   * forced: a file that would shrink or roll back a list is refused and logged). The active versions stay for
   * every file that fails; the refresh fails (retried with backoff, /health degraded) when any source failed.
   */
  async scheduledRefresh(): Promise<void> {
    const result = await this.updateFromOfficialSources((m) => this.logger.log(`scheduled list refresh: ${m}`), { by: 'system:scheduled-refresh' });
    if (result.failed.length) {
      const message = result.failed.map((f) => `${f.source}: ${f.error}`).join('; ');
      this.logger.warn(`scheduled list refresh: ${result.failed.length} source(s) failed, their active versions stay: ${message}`);
      throw new Error(message);
    }
  }

  /** Reloads the active lists when the database's active versions differ from the ones in memory. */
  async syncWithDatabase(): Promise<boolean> {
    const rows = await this.db.getRepository(ListVersionRow).find({ where: { active: true }, select: ['id'], order: { id: 'ASC' } });
    const inDb = rows.map((r) => r.id).join(',');
    const inMemory = this.active
      .activeVersions()
      .map((v) => v.versionId)
      .sort((a, b) => a - b)
      .join(',');
    if (inDb === inMemory) return false;
    await this.loadActiveFromDatabase(true);
    return true;
  }

  /** With an empty database: download the official lists once, in the background; fall back to the sample. */
  onApplicationBootstrap(): void {
    if (!this.active.isEmpty() || !this.config.autoUpdate) {
      this.refresh?.start();
      return;
    }
    void this.updateFromOfficialSources()
      .then(
        () => this.refresh?.record(),
        (e: Error) => {
          this.logger.warn(`automatic list update failed: ${e.message}`);
          this.refresh?.record(e); // retried with backoff by the schedule
          return this.config.loadSample && this.active.isEmpty() ? this.loadSample() : undefined;
        },
      )
      .catch((e: Error) => this.logger.error(`could not load the bundled sample: ${e.message}`))
      .finally(() => (this.destroyed ? undefined : this.refresh?.start()));
  }

  /** Parse, validate and import one file (or the ofac-csv set). Throws ListParseError for a bad file. */
  async importFiles(format: ListFormat, files: ImportFile[], opts: { sample?: boolean; progress?: ProgressFn } & ImportAuthority = {}): Promise<ImportResult> {
    if (files.length === 0) throw new ListParseError('no file given');
    const sha256 = hashFiles(files);
    const fileName = files.map((f) => f.name).join(' + ');
    opts.progress?.('parse', 0, 1);
    const parsed = parseListFile(format, toListInput(format, files));
    opts.progress?.('parse', 1, 1);
    return this.importParsed(parsed, { ...opts, format, fileName, sha256, sample: opts.sample ?? false, progress: opts.progress });
  }

  /**
   * One XML list file on disk (an upload's temp file), read in chunks and parsed record by record, hashed
   * (sha256 of the file, as importFiles) on the way: never held whole in memory.
   */
  async importFromFile(format: ListFormat, path: string, fileName: string, authority: ImportAuthority = {}): Promise<ImportResult> {
    const hash = createHash('sha256');
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    async function* hashed(): AsyncGenerator<Buffer> {
      for await (const chunk of stream) {
        hash.update(chunk as Buffer);
        yield chunk as Buffer;
      }
    }
    try {
      const parsed = await parseListStream(format, hashed(), { fileName });
      return await this.importParsed(parsed, { ...authority, format, fileName, sha256: hash.digest('hex'), sample: false });
    } finally {
      stream.destroy();
    }
  }

  async importParsed(
    parsed: ParsedList,
    meta: { format: ListFormat; fileName: string; sha256: string; sample: boolean; progress?: ProgressFn } & ImportAuthority,
  ): Promise<ImportResult> {
    if (parsed.entries.length === 0) throw new ListParseError('the file holds no records');
    const { entries: distinct, duplicates } = dedupeEntries(parsed.entries);
    if (duplicates) parsed = { ...parsed, entries: distinct, warnings: [`${duplicates} record(s) repeat an entry id and were dropped`, ...parsed.warnings] };
    const byCode = new Map<ListCode, ListEntry[]>();
    for (const e of parsed.entries) {
      const list = byCode.get(e.source) ?? [];
      list.push(e);
      byCode.set(e.source, list);
    }
    const codes = [...byCode.keys()].sort();
    const base = {
      format: meta.format,
      fileName: meta.fileName,
      sha256: meta.sha256,
      publishDate: parsed.publishDate ?? null,
      entryCount: parsed.entries.length,
      warnings: parsed.warnings,
    };

    const unchanged = codes.every((c) => this.active.version(c)?.sha256 === meta.sha256);
    if (unchanged) {
      return {
        ...base,
        status: 'unchanged',
        message: `identical file (sha256 ${meta.sha256.slice(0, 12)}…) is already the active version of ${codes.join(', ')}; nothing changed`,
        importId: this.active.version(codes[0])!.importId,
        codes: codes.map((code) => ({ code, entryCount: byCode.get(code)!.length, versionId: this.active.version(code)!.versionId })),
      };
    }

    // list safety: a real active version is not gutted or rolled back without a forced import and a reason
    const problems = meta.sample
      ? []
      : codes.flatMap((code) => {
          const active = this.active.version(code);
          if (!active || active.sample) return [];
          const entries = byCode.get(code)!;
          const activeEntries = this.active.entriesOf(code);
          const activeIds = new Set(activeEntries.map((e) => e.entryId));
          return listSafetyProblems(
            code,
            { entryCount: entries.length, asOf: asOfDate(parsed.publishDate, entries), stated: !!parsed.publishDate },
            { entryCount: active.entryCount, asOf: asOfDate(active.publishDate, activeEntries), stated: !!active.publishDate },
            this.config.listMaxDropPercent,
            entries.every((e) => activeIds.has(e.entryId)),
          );
        });
    if (problems.length && !meta.force) throw new ListSafetyError(problems);
    if (problems.length && !meta.reason?.trim()) throw new Error('a forced import needs a reason');
    const by = meta.by ?? 'system';
    const forced = problems.length ? { by, reason: meta.reason!.trim(), overrode: problems } : undefined;

    const importId = randomUUID();
    const importedAt = new Date().toISOString();
    const total = parsed.entries.length;
    let written = 0;
    const sampleCodesToDrop = meta.sample
      ? []
      : this.active
          .activeVersions()
          .filter((v) => v.sample && !byCode.has(v.code))
          .map((v) => v.code);

    // the import and its chained record (file sha256, counts, who, a forced import's reason) commit together
    let newVersions: ActiveListVersion[] = [];
    const event = {
      importId,
      format: meta.format,
      fileName: meta.fileName,
      sha256: meta.sha256,
      publishDate: parsed.publishDate ?? null,
      sample: meta.sample,
      codes: codes.map((code) => ({ code, entryCount: byCode.get(code)!.length })),
      duplicatesDropped: duplicates,
      ...(forced ? { forced: true, reason: forced.reason, overrode: problems.map((p) => p.code) } : {}),
    };
    await this.store.writeEvent(
      { kind: 'list.import', subject: `list ${codes.join(',')}`.slice(0, 300), by, createdAt: importedAt, data: JSON.stringify(event) },
      async (tx) => {
        const versions: ActiveListVersion[] = [];
        for (const code of codes) {
          const entries = byCode.get(code)!;
          const row = await tx.getRepository(ListVersionRow).save({
            code,
            importId,
            format: meta.format,
            fileName: meta.fileName,
            sha256: meta.sha256,
            publishDate: parsed.publishDate ?? null,
            entryCount: entries.length,
            importedAt,
            active: false,
            sample: meta.sample,
          });
          for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
            const chunk = entries.slice(i, i + INSERT_CHUNK).map((e) => ({
              versionId: row.id,
              source: e.source,
              entryId: e.entryId.slice(0, 200),
              name: e.name.slice(0, 1024),
              data: JSON.stringify(e),
            }));
            await tx.createQueryBuilder().insert().into(ListEntryRow).values(chunk).updateEntity(false).execute();
            written += chunk.length;
            meta.progress?.('write', written, total);
          }
          versions.push({
            versionId: row.id,
            code,
            importId,
            format: meta.format,
            fileName: meta.fileName,
            sha256: meta.sha256,
            publishDate: parsed.publishDate ?? null,
            entryCount: entries.length,
            importedAt,
            sample: meta.sample,
          });
        }
        // switch: the new versions become active for their codes; an official import retires the sample everywhere
        await tx.getRepository(ListVersionRow).update({ code: In([...codes, ...sampleCodesToDrop]), active: true }, { active: false });
        await tx.getRepository(ListVersionRow).update({ id: In(versions.map((v) => v.versionId)) }, { active: true });
        newVersions = versions;
      },
    );

    this.active.replace(
      newVersions.map((v) => ({ version: v, entries: byCode.get(v.code)! })),
      sampleCodesToDrop,
    );
    this.logger.log(`imported ${meta.fileName} (${meta.format}): ${codes.map((c) => `${c} ${byCode.get(c)!.length}`).join(', ')}`);
    return {
      ...base,
      status: 'imported',
      message: `imported ${total} records as the active version of ${codes.join(', ')}${forced ? ` (forced by ${by}: ${forced.reason})` : ''}`,
      importId,
      codes: newVersions.map((v) => ({ code: v.code, entryCount: v.entryCount, versionId: v.versionId })),
      ...(duplicates ? { duplicatesDropped: duplicates } : {}),
      ...(forced ? { forced } : {}),
    };
  }

  /** Download every official list and import each one that parses; fails when none could be had. */
  async updateFromOfficialSources(
    progress?: (message: string) => void,
    authority: ImportAuthority = { by: 'system:lists-update' },
  ): Promise<{ imported: ImportResult[]; failed: { source: string; error: string }[] }> {
    const imported: ImportResult[] = [];
    const failed: { source: string; error: string }[] = [];
    const downloads = downloadAllOfficialLists({
      overrides: this.config.listSourceOverrides,
      timeoutMs: this.config.listDownloadTimeoutSeconds * 1000,
      sourceTimeoutsMs: Object.fromEntries(Object.entries(this.config.listDownloadTimeouts).map(([id, s]) => [id, s * 1000])),
    });
    for await (const d of downloads) {
      if ('error' in d) {
        failed.push({ source: d.source, error: d.error });
        progress?.(`${d.source}: ${d.error}`);
        continue;
      }
      try {
        const r = await this.importFiles(d.format, d.files, authority);
        imported.push(r);
        progress?.(`${d.source}: ${r.message}`);
      } catch (e) {
        // a file that would shrink or roll back a list is refused (never forced here) and named as such
        const error = e instanceof ListSafetyError ? `${e.code}: ${e.message} (refused; the active version stays)` : (e as Error).message;
        failed.push({ source: d.source, error });
        progress?.(`${d.source}: ${error}`);
      }
    }
    if (imported.length === 0) {
      throw new Error(`no official list could be downloaded and imported (${failed.map((f) => `${f.source}: ${f.error}`).join('; ')})`);
    }
    return { imported, failed };
  }

  /** The bundled sample (data/sample-lists): marked as a sample; decisions made on it carry LISTS_SAMPLE_ONLY. */
  async loadSample(): Promise<ImportResult[]> {
    const dir = join(this.config.dataDir, 'sample-lists');
    const results: ImportResult[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => /\.(csv|xml|json)$/.test(n))
      .sort()) {
      const data = readFileSync(join(dir, name));
      const format = detectFormat(name, data);
      if (!format) throw new ListParseError(`sample list ${name}: not a known list format`);
      results.push(await this.importFiles(format, [{ role: 'file', name: `sample:${name}`, data }], { sample: true, by: 'system:sample' }));
    }
    this.logger.warn(
      'loaded the bundled SAMPLE lists: decisions will be held for review (LISTS_SAMPLE_ONLY); load the real lists with `npx chipguard lists update` (internet) or `npx chipguard lists import <files…>`',
    );
    return results;
  }

  /** The entries of one stored version (for replaying an old decision against the lists it used). */
  async versionEntries(versionId: number): Promise<ListEntry[]> {
    const rows = await this.db.getRepository(ListEntryRow).find({ where: { versionId }, select: ['data'] });
    return rows.map((r) => JSON.parse(r.data) as ListEntry);
  }

  private async loadActiveFromDatabase(replaceAll = false): Promise<void> {
    const versions = await this.db.getRepository(ListVersionRow).find({ where: { active: true } });
    if (versions.length === 0 && !replaceAll) return;
    const updates = [];
    for (const v of versions) {
      updates.push({
        version: {
          versionId: v.id,
          code: v.code as ListCode,
          importId: v.importId,
          format: v.format,
          fileName: v.fileName,
          sha256: v.sha256,
          publishDate: v.publishDate,
          entryCount: v.entryCount,
          importedAt: v.importedAt,
          sample: !!v.sample,
        },
        entries: await this.versionEntries(v.id),
      });
    }
    const stale = replaceAll
      ? this.active
          .activeVersions()
          .map((v) => v.code)
          .filter((c) => !versions.some((v) => v.code === c))
      : [];
    this.active.replace(updates, stale);
    this.logger.log(`active lists loaded from the database: ${versions.map((v) => `${v.code} ${v.entryCount}`).join(', ')}`);
  }
}

function hashFiles(files: ImportFile[]): string {
  if (files.length === 1) return createHash('sha256').update(files[0].data).digest('hex');
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.role.localeCompare(b.role))) {
    h.update(f.role + ':' + createHash('sha256').update(f.data).digest('hex') + '\n');
  }
  return h.digest('hex');
}

/** The parser's input for a format: ofac-csv takes the sdn/add/alt/comments set, the rest one file. */
export function toListInput(format: ListFormat, files: ImportFile[]): ListInput {
  if (formatEntry(format)?.input === 'set') {
    const byRole = (role: string) => files.find((f) => f.role === role)?.data;
    const prim = byRole('prim') ?? byRole('file') ?? files.find((f) => /sdn\.csv$|prim/i.test(f.name))?.data;
    if (!prim) throw new ListParseError('ofac-csv needs the primary file (sdn.csv or cons_prim.csv) as field "file" or "prim"');
    return {
      files: {
        prim,
        add: byRole('add') ?? files.find((f) => /add\.csv$/i.test(f.name))?.data,
        alt: byRole('alt') ?? files.find((f) => /alt\.csv$/i.test(f.name))?.data,
        comments: byRole('comments') ?? files.find((f) => /comments\.csv$/i.test(f.name))?.data,
      },
    } as ListInput;
  }
  return { data: files[0].data, fileName: basename(files[0].name) } as ListInput;
}

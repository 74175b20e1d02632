/**
 * `chipguard screen` without the app: the active versions and the allow-list read straight from the database,
 * and the screening index restored from a snapshot on disk while the active versions (and the screening code and
 * word lists) are those it was built from; otherwise built from the entries and its snapshot written for the
 * next call. The snapshot is derived data: deleting it only makes the next `screen` slower.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import type { CliScreening } from './cli-context';
import type { AppConfig } from './config/config';
import { ActiveLists, ActiveListVersion } from './lists/active-lists';
import type { AllowListRecord, ListDbReader } from './lists/list-db-reader';
import type { ScreeningIndex } from './screening/screening-index';
import { screeningDataDir } from './screening/wordlists';

/** Where the index snapshots of this database live: SCREEN_INDEX_CACHE, else beside the SQLite file, else in the temp folder. */
export function indexCacheDir(config: AppConfig): string | undefined {
  if (config.screenIndexCache === 'off') return undefined;
  if (config.screenIndexCache) return resolve(config.screenIndexCache);
  const url = config.databaseUrl;
  if (url.startsWith('sqlite:')) return url === 'sqlite::memory:' ? undefined : `${resolve(url.slice('sqlite:'.length))}-index`;
  return join(tmpdir(), `chipguard-index-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`);
}

let codeFingerprint: string | undefined;

/** The screening code and its word lists: a snapshot made by other code is never restored. */
function screeningFingerprint(): string {
  if (codeFingerprint) return codeFingerprint;
  const h = createHash('sha256');
  const codeDir = dirname(require.resolve('./screening/screening-index'));
  const dataDir = screeningDataDir();
  for (const dir of [codeDir, dataDir]) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(js|ts|json)$/.test(name) || /\.(spec|testing)\.ts$/.test(name)) continue;
      h.update(`${name}\n`).update(readFileSync(join(dir, name)));
    }
  }
  return (codeFingerprint = h.digest('hex'));
}

/** The snapshot's file name for these active versions. */
export function indexCacheKey(versions: ActiveListVersion[]): string {
  const h = createHash('sha256').update(screeningFingerprint());
  for (const v of [...versions].sort((a, b) => a.versionId - b.versionId)) h.update(`|${v.versionId}:${v.importId}:${v.sha256}:${v.entryCount}`);
  return h.digest('hex').slice(0, 32);
}

/** The index of the active entries: from its snapshot when there is a valid one, else built (and its snapshot written). */
export async function loadScreeningIndex(
  reader: ListDbReader,
  versions: ActiveListVersion[],
  cacheDir: string | undefined,
): Promise<{ index: ScreeningIndex; from: 'snapshot' | 'built' }> {
  const [{ ScreeningIndex: Index }, { restoreIndex, snapshotIndex }] = await Promise.all([
    import('./screening/screening-index'),
    import('./screening/index-snapshot'),
  ]);
  const file = cacheDir ? join(cacheDir, `${indexCacheKey(versions)}.idx`) : undefined;
  if (file && existsSync(file)) {
    try {
      return { index: restoreIndex(readFileSync(file)), from: 'snapshot' };
    } catch {
      rmSync(file, { force: true }); // unreadable or not answering as built: rebuilt below
    }
  }
  const index = Index.build(await reader.entries(versions.map((v) => v.versionId)));
  if (file && cacheDir) {
    try {
      writeSnapshot(cacheDir, file, snapshotIndex(index));
    } catch {
      // a cache that cannot be written only costs the next call the build
    }
  }
  return { index, from: 'built' };
}

function writeSnapshot(dir: string, file: string, data: Buffer): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
  // only the snapshot of the active versions is kept
  for (const name of readdirSync(dir)) if (name.endsWith('.idx') && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
}

/** When an allow-list entry stops suppressing (entries recorded before expiry existed: ALLOWLIST_DAYS after they were made), as ScreeningService. */
function expiry(row: AllowListRecord, days: number): string {
  return row.expiresAt ?? new Date(Date.parse(row.createdAt) + days * 86_400_000).toISOString();
}

/** The CliContext.screening runner: the database read without the app, the index from its snapshot when it can be. */
export async function withCliScreening<T>(config: AppConfig, fn: (s: CliScreening, config: AppConfig) => Promise<T>): Promise<T> {
  const [{ openListDbReader }, { partyKey }] = await Promise.all([import('./lists/list-db-reader'), import('./screening/normalise')]);
  const reader = await openListDbReader(config.databaseUrl);
  try {
    const versions = await reader.activeVersions();
    const lists = versionsOnly(versions);
    let index: ScreeningIndex | undefined;
    const allow = new Map<string, Map<string, string>>();
    for (const row of await reader.allowList()) {
      const m = allow.get(row.partyKey) ?? new Map<string, string>();
      m.set(`${row.source}|${row.entryId}`, expiry(row, config.allowlistDays));
      allow.set(row.partyKey, m);
    }
    if (versions.length) index = (await loadScreeningIndex(reader, versions, indexCacheDir(config))).index;
    return await fn(
      {
        lists,
        screen(query, opts = {}) {
          if (!index) throw new Error('no restricted-party list is loaded in the database');
          const allowed = allow.get(partyKey(query.name, query.country));
          const now = new Date().toISOString();
          return index.screen(query, {
            sources: opts.sources,
            limit: opts.limit,
            matchThreshold: config.screenMatchThreshold,
            reviewThreshold: config.screenReviewThreshold,
            suppressed: allowed ? (e) => (allowed.get(`${e.source}|${e.entryId}`) ?? '') > now : undefined,
          });
        },
      },
      config,
    );
  } finally {
    await reader.close();
  }
}

/** The CliContext.lists runner: the active versions, without their entries. */
export async function withCliLists<T>(config: AppConfig, fn: (lists: ActiveLists, config: AppConfig) => Promise<T>): Promise<T> {
  const { openListDbReader } = await import('./lists/list-db-reader');
  const reader = await openListDbReader(config.databaseUrl);
  try {
    return await fn(versionsOnly(await reader.activeVersions()), config);
  } finally {
    await reader.close();
  }
}

function versionsOnly(versions: ActiveListVersion[]): ActiveLists {
  const lists = new ActiveLists();
  if (versions.length) lists.replace(versions.map((version) => ({ version, entries: [] })));
  return lists;
}

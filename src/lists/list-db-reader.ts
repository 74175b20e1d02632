/**
 * Read-only access to the active lists and the allow-list straight through the database driver (sqlite3 or pg),
 * without TypeORM or the app: what the fast CLI commands (`screen`, `lists show`) need. It never creates a
 * database or runs migrations: a database that does not exist yet has no active list.
 * The tables and columns are those of src/database/entities.ts.
 */
import { existsSync } from 'fs';
import { resolve } from 'path';
import type { ActiveListVersion } from './active-lists';
import type { ListCode, ListEntry } from './list-entry';

/** An allow-list entry in force (not revoked), as stored. */
export interface AllowListRecord {
  partyKey: string;
  source: string;
  entryId: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface ListDbReader {
  /** the active version of each list code, by version id */
  activeVersions(): Promise<ActiveListVersion[]>;
  /** the entries of these versions, in the order the versions are given, each version's in stored order */
  entries(versionIds: number[]): Promise<ListEntry[]>;
  /** allow-list entries not revoked (expiry is the caller's) */
  allowList(): Promise<AllowListRecord[]>;
  close(): Promise<void>;
}

type Row = Record<string, unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

const VERSION_COLUMNS = ['id', 'code', 'importId', 'format', 'fileName', 'sha256', 'publishDate', 'entryCount', 'importedAt', 'sample'];

export async function openListDbReader(databaseUrl: string): Promise<ListDbReader> {
  const query = databaseUrl.startsWith('sqlite:') ? await sqliteQuery(databaseUrl.slice('sqlite:'.length)) : await postgresQuery(databaseUrl);
  // a database without the tables yet (never started, never imported): no active list
  const orEmpty = (e: unknown): Row[] => {
    if (/no such table|does not exist/i.test((e as Error).message ?? '')) return [];
    throw e;
  };
  const param = databaseUrl.startsWith('sqlite:') ? (i: number) => `?${i}` : (i: number) => `$${i}`;
  return {
    async activeVersions() {
      const rows = await query(`SELECT ${VERSION_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "list_version" WHERE "active" ORDER BY "id"`).catch(orEmpty);
      return rows.map((v) => ({
        versionId: Number(v.id),
        code: v.code as ListCode,
        importId: String(v.importId),
        format: String(v.format),
        fileName: String(v.fileName),
        sha256: String(v.sha256),
        publishDate: (v.publishDate as string | null) ?? null,
        entryCount: Number(v.entryCount),
        importedAt: String(v.importedAt),
        sample: !!v.sample,
      }));
    },
    async entries(versionIds) {
      const out: ListEntry[] = [];
      for (const id of versionIds) {
        const rows = await query(`SELECT "data" FROM "list_entry" WHERE "versionId" = ${param(1)} ORDER BY "id"`, [id]);
        for (const r of rows) out.push(JSON.parse(String(r.data)) as ListEntry);
      }
      return out;
    },
    async allowList() {
      const rows = await query(`SELECT * FROM "screening_allow" WHERE "revokedAt" IS NULL`).catch(orEmpty);
      return rows.map((r) => ({
        partyKey: String(r.partyKey),
        source: String(r.source),
        entryId: String(r.entryId),
        createdAt: String(r.createdAt),
        expiresAt: (r.expiresAt as string | null) ?? null,
      }));
    },
    close: () => query.close(),
  };
}

async function sqliteQuery(file: string): Promise<Query & { close(): Promise<void> }> {
  const sqlite3 = await import('sqlite3');
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:' && !existsSync(path)) return Object.assign(async () => [] as Row[], { close: async () => undefined });
  const db = await new Promise<InstanceType<typeof sqlite3.Database>>((ok, fail) => {
    const d: InstanceType<typeof sqlite3.Database> = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (e) => (e ? fail(e) : ok(d)));
  });
  db.configure('busyTimeout', 10_000);
  const q = (sql: string, params: unknown[] = []) => new Promise<Row[]>((ok, fail) => db.all(sql, params, (e, rows) => (e ? fail(e) : ok(rows as Row[]))));
  return Object.assign(q, { close: () => new Promise<void>((ok) => db.close(() => ok())) });
}

async function postgresQuery(url: string): Promise<Query & { close(): Promise<void> }> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[];
  return Object.assign(q, { close: () => client.end() });
}

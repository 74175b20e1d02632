/**
 * Tamper evidence beyond the chain itself: the rows that act on outcomes (allow-list entries, API keys, list
 * versions) must each agree with the chained event that recorded them. An edited row, a row added without
 * its event (a key slipped into the table), or a row deleted after its event is reported.
 * Plain TypeScript over arrays (the tables are small: keys, imports, reviewed false positives).
 */
import type { ChainEvent } from './chain-verify';

export interface AllowRecord {
  id: number;
  seq: number | null;
  partyKey: string;
  source: string;
  entryId: string;
  by: string;
  note: string | null;
  decisionId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}
export interface KeyRecord {
  id: number;
  name: string;
  role: string;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}
export interface ListVersionRecord {
  id: number;
  code: string;
  importId: string;
  sha256: string;
  entryCount: number;
  publishDate: string | null;
}

export interface RecordProblem {
  table: 'screening_allow' | 'api_key' | 'list_version';
  id: number | string;
  problem: string;
}

function parse(e: ChainEvent): Record<string, unknown> {
  try {
    return JSON.parse(e.data) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function checkRecords(
  events: readonly ChainEvent[],
  rows: { allow: readonly AllowRecord[]; keys: readonly KeyRecord[]; lists: readonly ListVersionRecord[] },
): { problems: RecordProblem[]; legacy: { allow: number; lists: number } } {
  const problems: RecordProblem[] = [];
  const byKind = (k: string) => events.filter((e) => e.kind === k).map((e) => ({ e, d: parse(e) }));

  // allow-list: each entry equals its allowlist.add event; a revocation needs its allowlist.revoke event
  const adds = new Map(byKind('allowlist.add').map((x) => [x.e.seq, x]));
  const revokes = new Map(byKind('allowlist.revoke').map((x) => [Number(x.d.id), x]));
  const chainedAllowIds = rows.allow.filter((r) => r.seq !== null).map((r) => r.id);
  const firstChainedAllow = chainedAllowIds.length ? Math.min(...chainedAllowIds) : Infinity;
  let legacyAllow = 0;
  const seenAdds = new Set<number>();
  for (const r of rows.allow) {
    if (r.seq === null && r.id < firstChainedAllow && !r.revokedAt) {
      legacyAllow++; // recorded before allow-list entries were chained
      continue;
    }
    const add = r.seq !== null ? adds.get(r.seq) : undefined;
    if (!add) {
      problems.push({ table: 'screening_allow', id: r.id, problem: 'allow-list entry without a chained record (added outside chipguard?)' });
      continue;
    }
    seenAdds.add(r.seq!);
    for (const f of ['partyKey', 'source', 'entryId', 'by', 'note', 'decisionId', 'createdAt', 'expiresAt'] as const) {
      if ((add.d[f] ?? null) !== (r[f] ?? null))
        problems.push({ table: 'screening_allow', id: r.id, problem: `${f} differs from its chained record (seq ${r.seq})` });
    }
    const rev = revokes.get(r.id);
    if (r.revokedAt && !rev) problems.push({ table: 'screening_allow', id: r.id, problem: 'revoked without a chained revocation' });
    if (!r.revokedAt && rev) problems.push({ table: 'screening_allow', id: r.id, problem: `revoked at seq ${rev.e.seq}, but the row is in force again` });
    if (r.revokedAt && rev && (r.revokedBy !== rev.e.by || (r.revokeReason ?? null) !== (rev.d.reason ?? null) || r.revokedAt !== rev.e.createdAt)) {
      problems.push({ table: 'screening_allow', id: r.id, problem: `the revocation differs from its chained record (seq ${rev.e.seq})` });
    }
  }
  for (const [seq] of adds) {
    if (!seenAdds.has(seq))
      problems.push({ table: 'screening_allow', id: `seq ${seq}`, problem: 'chained allow-list entry is missing from the table (deleted?)' });
  }

  // keys: every key row was created by a key.create event (same name, role, hash); revocations match key.revoke events
  const creates = byKind('key.create');
  const usedCreates = new Set<number>();
  for (const k of rows.keys) {
    const c = creates.find((x) => x.d.keyHash === k.keyHash && !usedCreates.has(x.e.seq));
    if (!c) {
      problems.push({ table: 'api_key', id: k.id, problem: `key "${k.name}" has no chained creation (inserted or edited outside chipguard?)` });
      continue;
    }
    usedCreates.add(c.e.seq);
    if (c.d.name !== k.name || c.d.role !== k.role)
      problems.push({ table: 'api_key', id: k.id, problem: `name or role differs from its chained creation (seq ${c.e.seq})` });
  }
  const revokedPerName = new Map<string, number>();
  for (const x of byKind('key.revoke')) revokedPerName.set(String(x.d.name), (revokedPerName.get(String(x.d.name)) ?? 0) + 1);
  const names = new Set([...rows.keys.map((k) => k.name), ...revokedPerName.keys()]);
  for (const name of names) {
    const rowsRevoked = rows.keys.filter((k) => k.name === name && k.revokedAt).length;
    if (rowsRevoked !== (revokedPerName.get(name) ?? 0)) {
      problems.push({
        table: 'api_key',
        id: name,
        problem: `${rowsRevoked} revoked key(s) named "${name}" in the table, ${revokedPerName.get(name) ?? 0} chained revocation(s)`,
      });
    }
  }

  // list versions: each row belongs to a chained list.import (same file sha256, code and entry count)
  const imports = new Map(byKind('list.import').map((x) => [String(x.d.importId), x]));
  const chainedListIds = rows.lists.filter((r) => imports.has(r.importId)).map((r) => r.id);
  const firstChainedList = chainedListIds.length ? Math.min(...chainedListIds) : Infinity;
  let legacyLists = 0;
  const seenImports = new Map<string, number>();
  for (const v of rows.lists) {
    const imp = imports.get(v.importId);
    if (!imp) {
      if (v.id < firstChainedList) legacyLists++;
      else problems.push({ table: 'list_version', id: v.id, problem: `list version ${v.code} (import ${v.importId}) has no chained import record` });
      continue;
    }
    seenImports.set(v.importId, (seenImports.get(v.importId) ?? 0) + 1);
    const codes = (imp.d.codes as { code: string; entryCount: number }[] | undefined) ?? [];
    const c = codes.find((x) => x.code === v.code);
    if (imp.d.sha256 !== v.sha256) problems.push({ table: 'list_version', id: v.id, problem: `sha256 differs from the chained import (seq ${imp.e.seq})` });
    if (!c || c.entryCount !== v.entryCount)
      problems.push({ table: 'list_version', id: v.id, problem: `${v.code} entry count differs from the chained import (seq ${imp.e.seq})` });
    if ((imp.d.publishDate ?? null) !== (v.publishDate ?? null))
      problems.push({ table: 'list_version', id: v.id, problem: `publish date differs from the chained import (seq ${imp.e.seq})` });
  }
  for (const [importId, x] of imports) {
    const n = ((x.d.codes as unknown[]) ?? []).length;
    if ((seenImports.get(importId) ?? 0) !== n)
      problems.push({
        table: 'list_version',
        id: `import ${importId}`,
        problem: `the chained import (seq ${x.e.seq}) recorded ${n} list version(s), the table holds ${seenImports.get(importId) ?? 0}`,
      });
  }
  return { problems, legacy: { allow: legacyAllow, lists: legacyLists } };
}

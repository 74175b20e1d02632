import { createHash } from 'crypto';

/**
 * Tamper evidence: every stored decision and disposition carries the hash of the record before it
 * (one chain over both, ordered by `seq`). Editing, deleting or reordering a stored record breaks the chain.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k])).join(',') + '}';
}

export type ChainKind = 'decision' | 'disposition' | 'event';

export function chainHash(prevHash: string, kind: ChainKind, fields: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update('\n').update(kind).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** The fields of a decision row that the chain protects (status is derived from dispositions, so not here). */
export function decisionHashFields(r: {
  seq: number;
  id: string;
  kind: string;
  reference: string | null;
  decision: string;
  orderDate: string;
  createdAt: string;
  rulesVersion: string;
  listVersions: string;
  request: string;
  response: string;
}): Record<string, unknown> {
  return {
    seq: r.seq,
    id: r.id,
    kind: r.kind,
    reference: r.reference,
    decision: r.decision,
    orderDate: r.orderDate,
    createdAt: r.createdAt,
    rulesVersion: r.rulesVersion,
    listVersions: r.listVersions,
    request: r.request,
    response: r.response,
  };
}

export function dispositionHashFields(r: {
  seq: number;
  decisionId: string;
  action: string;
  note: string | null;
  by: string;
  createdAt: string;
  suppressions: string | null;
  fourEyes?: boolean | null;
}): Record<string, unknown> {
  // fourEyes only when set, so records written before it existed hash as they did
  return {
    seq: r.seq,
    decisionId: r.decisionId,
    action: r.action,
    note: r.note,
    by: r.by,
    createdAt: r.createdAt,
    suppressions: r.suppressions,
    fourEyes: r.fourEyes ? true : undefined,
  };
}

/** A chained event (allow-list entry, list import, key change). */
export function eventHashFields(r: { seq: number; kind: string; subject: string; by: string; createdAt: string; data: string }): Record<string, unknown> {
  return { seq: r.seq, kind: r.kind, subject: r.subject, by: r.by, createdAt: r.createdAt, data: r.data };
}

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
  const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k])).join(',') + '}';
}

export function chainHash(prevHash: string, kind: 'decision' | 'disposition', fields: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update('\n').update(kind).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** The fields of a decision row that the chain protects (status is derived from dispositions, so not here). */
export function decisionHashFields(r: {
  seq: number; id: string; kind: string; reference: string | null; decision: string; orderDate: string; createdAt: string;
  rulesVersion: string; listVersions: string; request: string; response: string;
}): Record<string, unknown> {
  return {
    seq: r.seq, id: r.id, kind: r.kind, reference: r.reference, decision: r.decision, orderDate: r.orderDate,
    createdAt: r.createdAt, rulesVersion: r.rulesVersion, listVersions: r.listVersions, request: r.request, response: r.response,
  };
}

export function dispositionHashFields(r: {
  seq: number; decisionId: string; action: string; note: string | null; by: string; createdAt: string; suppressions: string | null;
}): Record<string, unknown> {
  return { seq: r.seq, decisionId: r.decisionId, action: r.action, note: r.note, by: r.by, createdAt: r.createdAt, suppressions: r.suppressions };
}

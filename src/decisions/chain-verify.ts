/**
 * Tamper evidence, checked: walk every stored decision and disposition in chain order (`seq`), recompute
 * each record's hash from its protected fields and the previous record's hash, and report the first record
 * where the chain breaks (content edited, a record deleted or reordered, a link rewritten).
 * Also checks that each decision's status agrees with its dispositions (status is derived, not hashed).
 * Plain TypeScript over two paged readers, so it runs on the database (CLI) or on an export (tests).
 */
import { chainHash, decisionHashFields, dispositionHashFields, eventHashFields, GENESIS_HASH } from '../database/hash-chain';
import { statusAfter } from './four-eyes';

export interface ChainDecision {
  seq: number;
  id: string;
  kind: string;
  reference: string | null;
  decision: string;
  status: string;
  orderDate: string;
  createdAt: string;
  rulesVersion: string;
  listVersions: string;
  request: string;
  response: string;
  prevHash: string;
  hash: string;
}

export interface ChainDisposition {
  seq: number;
  id?: number;
  decisionId: string;
  action: string;
  note: string | null;
  by: string;
  createdAt: string;
  suppressions: string | null;
  fourEyes?: boolean | null;
  prevHash: string;
  hash: string;
}

/** A chained event: an allow-list entry added or revoked, a list import, a key created or revoked. */
export interface ChainEvent {
  seq: number;
  id?: number;
  kind: string;
  subject: string;
  by: string;
  createdAt: string;
  data: string;
  prevHash: string;
  hash: string;
}

/** Reads rows with seq > afterSeq, ascending, at most `limit`. */
export interface ChainSource {
  decisions(afterSeq: number, limit: number): Promise<ChainDecision[]>;
  dispositions(afterSeq: number, limit: number): Promise<ChainDisposition[]>;
  events?(afterSeq: number, limit: number): Promise<ChainEvent[]>;
}

export interface ChainBreak {
  seq: number;
  kind: 'decision' | 'disposition' | 'event';
  /** decision id, or "disposition <row id> of <decision id>" */
  id: string;
  problem: string;
}

export interface ChainReport {
  ok: boolean;
  records: number;
  decisions: number;
  dispositions: number;
  events: number;
  /** the last record checked: keep it somewhere else to detect deletion of the newest records */
  head: { seq: number; hash: string } | null;
  firstBroken: ChainBreak | null;
  /** `--expect-head`: the head kept elsewhere must be a record of the intact chain (else records were deleted or rewritten) */
  expectedHead?: { hash: string; seq: number | null; found: boolean };
  /** decisions whose stored status disagrees with their dispositions (first 100) */
  statusMismatches: { id: string; seq: number; status: string; expected: string }[];
}

type Rec = { kind: 'decision'; row: ChainDecision } | { kind: 'disposition'; row: ChainDisposition } | { kind: 'event'; row: ChainEvent };

async function* paged<T extends { seq: number }>(read: (after: number, limit: number) => Promise<T[]>, pageSize: number): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const page = await read(after, pageSize);
    for (const r of page) yield r;
    if (page.length < pageSize) return;
    after = page[page.length - 1].seq;
  }
}

/** Merge the tables into one stream ordered by seq. */
async function* merged(source: ChainSource, pageSize: number): AsyncGenerator<Rec> {
  const streams: { kind: Rec['kind']; it: AsyncGenerator<{ seq: number }>; next?: IteratorResult<{ seq: number }> }[] = [
    { kind: 'decision', it: paged((a, l) => source.decisions(a, l), pageSize) },
    { kind: 'disposition', it: paged((a, l) => source.dispositions(a, l), pageSize) },
    ...(source.events ? [{ kind: 'event' as const, it: paged((a, l) => source.events!(a, l), pageSize) }] : []),
  ];
  for (const s of streams) s.next = await s.it.next();
  for (;;) {
    let best: (typeof streams)[number] | undefined;
    for (const s of streams) if (!s.next!.done && (!best || s.next!.value.seq < best.next!.value.seq)) best = s;
    if (!best) return;
    yield { kind: best.kind, row: best.next!.value } as Rec;
    best.next = await best.it.next();
  }
}

function recordId(r: Rec): string {
  if (r.kind === 'decision') return r.row.id;
  if (r.kind === 'event') return `${r.row.kind} (${r.row.subject})`;
  return `disposition ${r.row.id ?? '?'} of ${r.row.decisionId}`;
}

function expectedHash(r: Rec): string {
  if (r.kind === 'decision') return chainHash(r.row.prevHash, 'decision', decisionHashFields(r.row));
  if (r.kind === 'event') return chainHash(r.row.prevHash, 'event', eventHashFields(r.row));
  return chainHash(r.row.prevHash, 'disposition', dispositionHashFields(r.row));
}

export async function verifyChain(
  source: ChainSource,
  opts: { pageSize?: number; onProgress?: (records: number) => void; onEvent?: (e: ChainEvent) => void; expectHead?: string } = {},
): Promise<ChainReport> {
  const pageSize = opts.pageSize ?? 2000;
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let records = 0;
  let decisions = 0;
  let dispositions = 0;
  let events = 0;
  let expectedHeadSeq: number | null = null;
  let firstBroken: ChainBreak | null = null;
  /** review decisions: id -> [seq, stored status, expected status] */
  const review = new Map<string, [number, string, string]>();
  const statusMismatches: ChainReport['statusMismatches'] = [];
  const known = new Set<string>();

  for await (const r of merged(source, pageSize)) {
    records++;
    if (r.kind === 'decision') decisions++;
    else if (r.kind === 'event') {
      events++;
      opts.onEvent?.(r.row);
    } else dispositions++;
    if (opts.onProgress && records % 10_000 === 0) opts.onProgress(records);
    if (!firstBroken) {
      const brk = (problem: string) => (firstBroken = { seq: r.row.seq, kind: r.kind, id: recordId(r), problem });
      if (r.row.seq === prevSeq) brk(`seq ${r.row.seq} appears twice`);
      else if (r.row.seq !== prevSeq + 1)
        brk(`records with seq ${prevSeq + 1}${r.row.seq - 1 > prevSeq + 1 ? `..${r.row.seq - 1}` : ''} are missing (deleted?)`);
      else if (r.row.prevHash !== prevHash) brk(`prevHash does not match the hash of record seq ${prevSeq} (a record before it, or this link, was altered)`);
      else if (r.row.hash !== expectedHash(r)) brk('content altered: the stored hash does not match the hash recomputed from the record');
      else if (r.kind === 'disposition' && !known.has(r.row.decisionId)) brk(`disposes decision ${r.row.decisionId}, which is not earlier in the chain`);
    }
    prevSeq = r.row.seq;
    prevHash = r.row.hash;
    if (opts.expectHead && r.row.hash === opts.expectHead && !firstBroken) expectedHeadSeq = r.row.seq;

    if (r.kind === 'decision') {
      known.add(r.row.id);
      if (r.row.decision === 'review') review.set(r.row.id, [r.row.seq, r.row.status, 'open']);
      // an allow / deny decision is closed unless a re-screen reopened it (then its status is checked at the end)
      else if (r.row.status !== 'closed') review.set(r.row.id, [r.row.seq, r.row.status, 'closed']);
    } else if (r.kind === 'disposition') {
      const entry = review.get(r.row.decisionId);
      if (entry) entry[2] = statusAfter(r.row);
    }
  }
  for (const [id, [seq, status, expected]] of review) {
    if (status !== expected && statusMismatches.length < 100) statusMismatches.push({ id, seq, status, expected });
  }
  statusMismatches.sort((a, b) => a.seq - b.seq);
  return {
    ok: !firstBroken && statusMismatches.length === 0 && (!opts.expectHead || expectedHeadSeq !== null),
    records,
    decisions,
    dispositions,
    events,
    ...(opts.expectHead ? { expectedHead: { hash: opts.expectHead, seq: expectedHeadSeq, found: expectedHeadSeq !== null } } : {}),
    head: records ? { seq: prevSeq, hash: prevHash } : null,
    firstBroken,
    statusMismatches,
  };
}

/** A ChainSource over in-memory rows (an export, a test). */
export function arraySource(decisions: ChainDecision[], dispositions: ChainDisposition[], events: ChainEvent[] = []): ChainSource {
  const d = [...decisions].sort((a, b) => a.seq - b.seq);
  const p = [...dispositions].sort((a, b) => a.seq - b.seq);
  const e = [...events].sort((a, b) => a.seq - b.seq);
  const read =
    <T extends { seq: number }>(rows: T[]) =>
    async (after: number, limit: number) =>
      rows.filter((r) => r.seq > after).slice(0, limit);
  return { decisions: read(d), dispositions: read(p), events: read(e) };
}

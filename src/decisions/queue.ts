/**
 * The review queue's query language: filters, limit and an opaque seq-based cursor (newest first).
 * Plain TypeScript: validates the raw query string values and returns field errors for a 400.
 */
import { LIST_CODES } from '../lists/list-entry';

export const OUTCOMES = ['allow', 'review', 'deny'] as const;
/**
 * open = review not yet disposed; disposed = released or blocked; closed = allow/deny (nothing to dispose);
 * reopened = a list update made the stored decision stricter: a linked `rescreen` review decision holds the finding;
 * pending_approval = a first release awaiting the second (four eyes)
 */
export const STATUSES = ['open', 'reopened', 'pending_approval', 'disposed', 'released', 'blocked', 'closed'] as const;
export const ORDERS = ['newest', 'oldest'] as const;
/** most decision ids one `ids` filter takes (a batch's held results opened in the queue) */
export const MAX_IDS = 100;
/** rescreen = a re-screen finding (a review linked to the decision it reopens) */
export const KINDS = ['transaction', 'cloud', 'rescreen'] as const;

export interface DecisionFilter {
  decision?: string[];
  /** stored status values (disposed expanded to released + blocked) */
  status?: string[];
  /** createdAt date range, inclusive, YYYY-MM-DD */
  from?: string;
  to?: string;
  /** order/ship date range, inclusive */
  orderFrom?: string;
  orderTo?: string;
  reference?: string;
  /** lower-case substring of any party name */
  party?: string;
  /** list code that matched */
  source?: string;
  reasonCode?: string;
  kind?: string;
  /** decision ids (at most MAX_IDS) */
  ids?: string[];
}

export interface ListQuery {
  filter: DecisionFilter;
  limit: number;
  /** newest first (default) or oldest first, by seq */
  order: (typeof ORDERS)[number];
  /** seq past which to continue: below it when newest first, above it when oldest first */
  cursorSeq?: number;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

const FILTER_KEYS: readonly string[] = [
  'decision',
  'status',
  'from',
  'to',
  'orderFrom',
  'orderTo',
  'reference',
  'party',
  'source',
  'reasonCode',
  'kind',
  'ids',
] as const;
const PAGE_KEYS = ['limit', 'cursor', 'order'] as const;
/** Every query parameter GET /v1/decisions takes (DecisionQueryDto documents them). */
export const LIST_QUERY_KEYS = [...FILTER_KEYS, ...PAGE_KEYS];

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(v + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The day after a YYYY-MM-DD date (exclusive upper bound for a createdAt timestamp). */
export function nextDay(date: string): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
}

export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ s: seq })).toString('base64url');
}

export function decodeCursor(cursor: string): number | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown };
    return typeof v.s === 'number' && Number.isInteger(v.s) && v.s > 0 ? v.s : undefined;
  } catch {
    return undefined;
  }
}

function values(v: unknown): string[] {
  const arr = Array.isArray(v) ? v : [v];
  return arr
    .flatMap((x) => String(x).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Validates the filters of a raw query; unknown parameters are errors too (a typo must not widen the queue). */
export function parseFilter(query: Record<string, unknown>, extraKeys: string[] = []): { filter: DecisionFilter; errors: string[] } {
  const errors: string[] = [];
  const filter: DecisionFilter = {};
  for (const key of Object.keys(query)) {
    if (!FILTER_KEYS.includes(key) && !extraKeys.includes(key))
      errors.push(`unknown query parameter ${key} (allowed: ${[...FILTER_KEYS, ...extraKeys].join(', ')})`);
  }
  const single = (key: string): string | undefined => {
    const v = query[key];
    if (v === undefined || v === '') return undefined;
    if (Array.isArray(v) || typeof v !== 'string') {
      errors.push(`${key} must be given once`);
      return undefined;
    }
    return v.trim();
  };
  if (query.decision !== undefined) {
    const d = values(query.decision).map((s) => s.toLowerCase());
    const bad = d.filter((s) => !(OUTCOMES as readonly string[]).includes(s));
    if (bad.length || !d.length) errors.push(`decision must be one or more of ${OUTCOMES.join(', ')}`);
    else filter.decision = [...new Set(d)];
  }
  if (query.status !== undefined) {
    const s = values(query.status).map((x) => x.toLowerCase());
    const bad = s.filter((x) => !(STATUSES as readonly string[]).includes(x));
    if (bad.length || !s.length) errors.push(`status must be one or more of ${STATUSES.join(', ')}`);
    else filter.status = [...new Set(s.flatMap((x) => (x === 'disposed' ? ['released', 'blocked'] : [x])))];
  }
  for (const key of ['from', 'to', 'orderFrom', 'orderTo'] as const) {
    const v = single(key);
    if (v === undefined) continue;
    if (!isIsoDate(v)) errors.push(`${key} must be a date YYYY-MM-DD`);
    else filter[key] = v;
  }
  if (filter.from && filter.to && filter.from > filter.to) errors.push('from must not be after to');
  if (filter.orderFrom && filter.orderTo && filter.orderFrom > filter.orderTo) errors.push('orderFrom must not be after orderTo');
  const reference = single('reference');
  if (reference !== undefined) {
    if (reference.length > 200) errors.push('reference must be at most 200 characters');
    else filter.reference = reference;
  }
  const party = single('party');
  if (party !== undefined) {
    if (party.length > 512) errors.push('party must be at most 512 characters');
    else filter.party = party.toLowerCase();
  }
  const source = single('source');
  if (source !== undefined) {
    const s = source.toUpperCase();
    if (!(LIST_CODES as readonly string[]).includes(s)) errors.push(`source must be a list code (${LIST_CODES.join(', ')})`);
    else filter.source = s;
  }
  const reasonCode = single('reasonCode');
  if (reasonCode !== undefined) {
    const c = reasonCode.toUpperCase();
    if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(c)) errors.push('reasonCode must be an UPPER_SNAKE reason code');
    else filter.reasonCode = c;
  }
  const kind = single('kind');
  if (kind !== undefined) {
    if (!(KINDS as readonly string[]).includes(kind)) errors.push(`kind must be one of ${KINDS.join(', ')}`);
    else filter.kind = kind;
  }
  if (query.ids !== undefined && query.ids !== '') {
    const ids = [...new Set(values(query.ids))];
    if (!ids.length || ids.length > MAX_IDS) errors.push(`ids must be 1 to ${MAX_IDS} comma-separated decision ids`);
    else if (ids.some((id) => !/^[\w-]{1,40}$/.test(id))) errors.push('ids must be decision ids (letters, digits, _ and -)');
    else filter.ids = ids;
  }
  return { filter, errors };
}

/** GET /v1/decisions: filters + limit + order + cursor. */
export function parseListQuery(query: Record<string, unknown>): { query: ListQuery; errors: string[] } {
  const { filter, errors } = parseFilter(query, [...PAGE_KEYS]);
  let order: ListQuery['order'] = 'newest';
  if (query.order !== undefined && query.order !== '') {
    if (typeof query.order !== 'string' || !(ORDERS as readonly string[]).includes(query.order)) errors.push(`order must be one of ${ORDERS.join(', ')}`);
    else order = query.order as ListQuery['order'];
  }
  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined && query.limit !== '') {
    const raw = String(query.limit);
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) errors.push(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
    else limit = Number(raw);
  }
  let cursorSeq: number | undefined;
  if (query.cursor !== undefined && query.cursor !== '') {
    cursorSeq = typeof query.cursor === 'string' ? decodeCursor(query.cursor) : undefined;
    if (cursorSeq === undefined) errors.push('cursor is not a cursor this service returned');
  }
  return { query: { filter, limit, order, cursorSeq }, errors };
}

/** Escape a LIKE pattern (used with ESCAPE '\'). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * The filter as an SQL condition over the decision table (alias `d`) with named parameters, driver-neutral
 * (SQLite and PostgreSQL). Party names, reason codes and sources are stored delimited by '|'.
 */
export function filterSql(filter: DecisionFilter, alias = 'd'): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.decision) {
    where.push(`${alias}.decision IN (:...fDecision)`);
    params.fDecision = filter.decision;
  }
  if (filter.status) {
    where.push(`${alias}.status IN (:...fStatus)`);
    params.fStatus = filter.status;
  }
  if (filter.from) {
    where.push(`${alias}.createdAt >= :fFrom`);
    params.fFrom = filter.from;
  }
  if (filter.to) {
    where.push(`${alias}.createdAt < :fTo`);
    params.fTo = nextDay(filter.to);
  }
  if (filter.orderFrom) {
    where.push(`${alias}.orderDate >= :fOrderFrom`);
    params.fOrderFrom = filter.orderFrom;
  }
  if (filter.orderTo) {
    where.push(`${alias}.orderDate <= :fOrderTo`);
    params.fOrderTo = filter.orderTo;
  }
  if (filter.reference) {
    where.push(`${alias}.reference = :fReference`);
    params.fReference = filter.reference;
  }
  if (filter.party) {
    where.push(`${alias}.partyNames LIKE :fParty ESCAPE '\\'`);
    params.fParty = `%${likeEscape(filter.party)}%`;
  }
  if (filter.source) {
    where.push(`${alias}.matchedSources LIKE :fSource ESCAPE '\\'`);
    params.fSource = `%|${likeEscape(filter.source)}|%`;
  }
  if (filter.reasonCode) {
    where.push(`${alias}.reasonCodes LIKE :fReason ESCAPE '\\'`);
    params.fReason = `%|${likeEscape(filter.reasonCode)}|%`;
  }
  if (filter.kind) {
    where.push(`${alias}.kind = :fKind`);
    params.fKind = filter.kind;
  }
  if (filter.ids) {
    where.push(`${alias}.id IN (:...fIds)`);
    params.fIds = filter.ids;
  }
  return { where, params };
}

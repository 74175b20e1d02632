import { LRUCache } from 'lru-cache';
import type { AsyncOrderHistory, BuyerSummary, RelatedKeys, RelatedOrder } from '../risk';

/** One stored order as the history sees it. `seq` is its place in the hash chain (unique). */
export interface HistoryRecord {
  seq: number;
  buyerKey: string;
  acceleratorCount: number;
  /** ISO datetime */
  createdAt: string;
}

/** Everything stored for one buyer, with what the cache needs to answer "strictly before" exactly. */
export interface BuyerAggregate {
  count: number;
  total: number;
  firstSeen?: string;
  /** the latest createdAt, and the orders created at exactly that instant */
  newest?: string;
  atNewest?: { count: number; total: number };
  /** the highest seq counted (records committed later have a higher one) */
  maxSeq: number;
}

/** The indexed queries of the stored decisions (src/database/history-db.ts). */
export interface HistoryDatabase {
  buyerSummary(buyerKey: string, before: string): Promise<BuyerSummary>;
  buyerAggregate(buyerKey: string): Promise<BuyerAggregate>;
  /** the newest `limit` orders carrying `key`, created at or after `since`, newest first */
  keyRecords(key: string, since: string, limit: number): Promise<HistoryRecord[]>;
}

export interface OrderHistoryLimits {
  /** cache capacity in records (each key's records, plus one per cached buyer) */
  cacheRecords: number;
  /** per history key, only the newest this many related orders of the window are read */
  relatedLimit: number;
  /** how long a cached answer is trusted without the database (other instances write too) */
  ttlMs: number;
}

interface KeyEntry {
  /** the window start the records were read from; a query reaching further back goes to the database */
  since: string;
  /** newest `relatedLimit` records created at or after `since`, oldest first */
  records: HistoryRecord[];
}

type Entry = { kind: 'buyer'; agg: BuyerAggregate } | { kind: 'key'; key: KeyEntry };

/**
 * The order history the red flags read (first large order, structuring), answered by the database
 * through its indexes, with a bounded LRU cache in front so a busy buyer costs no query per order.
 * The cache is kept exact: every decision this process commits is added to the entries it touches
 * (`recorded`), and a decision committed while an entry is being read is merged in by its seq.
 * Memory is bounded by `cacheRecords`, whatever the size of the history.
 */
export class CachedOrderHistory implements AsyncOrderHistory {
  private readonly cache: LRUCache<string, Entry>;
  /** records committed while an entry was being read from the database, by cache key */
  private readonly loading = new Map<string, HistoryRecord[]>();

  constructor(
    private readonly db: HistoryDatabase,
    readonly limits: OrderHistoryLimits,
  ) {
    this.cache = new LRUCache<string, Entry>({
      maxSize: limits.cacheRecords,
      sizeCalculation: (e) => (e.kind === 'buyer' ? 1 : 1 + e.key.records.length),
      ttl: limits.ttlMs,
    });
  }

  get cachedRecords(): number {
    return this.cache.calculatedSize;
  }

  /** A decision was committed (the store calls this before the request gets its answer). */
  recorded(rec: HistoryRecord, keys: string[]): void {
    const buyerId = 'b\u0000' + rec.buyerKey;
    this.loading.get(buyerId)?.push(rec);
    const buyer = this.cache.peek(buyerId);
    if (buyer?.kind === 'buyer') addToAggregate(buyer.agg, rec);
    for (const k of new Set(keys)) {
      const id = 'k\u0000' + k;
      this.loading.get(id)?.push(rec);
      const e = this.cache.peek(id);
      if (e?.kind !== 'key' || rec.createdAt < e.key.since) continue;
      insertSorted(e.key.records, rec, this.limits.relatedLimit);
      this.cache.set(id, e, { noUpdateTTL: true }); // its size changed
    }
  }

  async buyerSummary(buyerKey: string, before: string): Promise<BuyerSummary> {
    const id = 'b\u0000' + buyerKey;
    let e = this.cache.get(id);
    if (e?.kind !== 'buyer') {
      e = await this.load(
        id,
        () => this.db.buyerAggregate(buyerKey),
        (agg, late) => {
          for (const r of late) if (r.seq > agg.maxSeq) addToAggregate(agg, r);
          return { kind: 'buyer', agg };
        },
      );
    }
    if (e.kind !== 'buyer') throw new Error('order history: a buyer entry was expected');
    const a = e.agg;
    if (!a.count || (a.newest !== undefined && before > a.newest)) return summaryOf(a.count, a.total, a.firstSeen);
    if (before === a.newest) return summaryOf(a.count - a.atNewest!.count, a.total - a.atNewest!.total, a.firstSeen);
    return this.db.buyerSummary(buyerKey, before); // a time before the latest order (clock skew): exact from the database
  }

  async recentRelatedOrders(keys: RelatedKeys, sinceIso: string): Promise<RelatedOrder[]> {
    const lists = await Promise.all(keys.keys.map((k) => this.keyRecords(k, sinceIso)));
    const seen = new Set<number>();
    const out: HistoryRecord[] = [];
    for (const list of lists) {
      for (const r of list) {
        if (r.createdAt < sinceIso || seen.has(r.seq)) continue;
        seen.add(r.seq);
        out.push(r);
      }
    }
    out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.seq - b.seq));
    return out.map((r) => ({ buyerKey: r.buyerKey, acceleratorCount: r.acceleratorCount, createdAt: r.createdAt }));
  }

  private async keyRecords(key: string, since: string): Promise<HistoryRecord[]> {
    const id = 'k\u0000' + key;
    const e = this.cache.get(id);
    if (e?.kind === 'key' && since >= e.key.since) {
      const recs = e.key.records;
      // the window moved on: records before it can never be asked for again by a live order
      let drop = 0;
      while (drop < recs.length && recs[drop].createdAt < since) drop++;
      if (drop) {
        recs.splice(0, drop);
        e.key.since = since;
        this.cache.set(id, e, { noUpdateTTL: true });
      }
      return recs;
    }
    const limit = this.limits.relatedLimit;
    // a query reaching further back than the cached window replaces it (the wider window is a superset)
    const loaded = await this.load(
      id,
      async () => (await this.db.keyRecords(key, since, limit)).reverse(),
      (records, late) => {
        const have = new Set(records.map((r) => r.seq));
        for (const r of late) if (!have.has(r.seq) && r.createdAt >= since) insertSorted(records, r, limit);
        return { kind: 'key', key: { since, records } };
      },
    );
    return loaded.kind === 'key' ? loaded.key.records : [];
  }

  /**
   * Read an entry from the database and cache it; records committed while the read ran are handed to
   * `merge` (by seq it knows which the read already saw). Merge and cache happen in one synchronous step,
   * so no commit can fall between them.
   */
  private async load<T>(id: string, read: () => Promise<T>, merge: (value: T, late: HistoryRecord[]) => Entry): Promise<Entry> {
    const late: HistoryRecord[] = [];
    const outer = this.loading.get(id);
    this.loading.set(id, late);
    try {
      const entry = merge(await read(), late);
      this.cache.set(id, entry);
      return entry;
    } finally {
      if (outer) {
        outer.push(...late);
        this.loading.set(id, outer);
      } else if (this.loading.get(id) === late) this.loading.delete(id);
    }
  }
}

function summaryOf(orderCount: number, acceleratorTotal: number, firstSeen: string | undefined): BuyerSummary {
  return orderCount > 0 && firstSeen ? { orderCount, acceleratorTotal, firstSeen } : { orderCount: 0, acceleratorTotal: 0 };
}

/** Counts one stored order into a buyer's aggregate (the cache, and the buyer_summary rows of a group commit). */
export function addToAggregate(a: BuyerAggregate, r: Omit<HistoryRecord, 'buyerKey'>): void {
  a.count++;
  a.total += r.acceleratorCount;
  if (a.firstSeen === undefined || r.createdAt < a.firstSeen) a.firstSeen = r.createdAt;
  if (a.newest === undefined || r.createdAt > a.newest) {
    a.newest = r.createdAt;
    a.atNewest = { count: 1, total: r.acceleratorCount };
  } else if (r.createdAt === a.newest) {
    a.atNewest!.count++;
    a.atNewest!.total += r.acceleratorCount;
  }
  if (r.seq > a.maxSeq) a.maxSeq = r.seq;
}

/** Insert in createdAt order (almost always at the end) and keep only the newest `limit`. */
function insertSorted(recs: HistoryRecord[], r: HistoryRecord, limit: number): void {
  let i = recs.length;
  while (i > 0 && recs[i - 1].createdAt > r.createdAt) i--;
  recs.splice(i, 0, r);
  if (recs.length > limit) recs.splice(0, recs.length - limit);
}

import { MemoryOrderHistory } from '../risk';
import { BuyerAggregate, CachedOrderHistory, HistoryDatabase, HistoryRecord } from './order-history';

/** A stand-in for the database with the same answers as src/database/history-db.ts, counting its reads. */
class ArrayDatabase implements HistoryDatabase {
  readonly rows: (HistoryRecord & { keys: string[] })[] = [];
  reads = 0;
  /** resolved reads wait for this (to let commits land while a read is in flight) */
  gate: Promise<void> = Promise.resolve();

  async buyerSummary(buyerKey: string, before: string) {
    this.reads++;
    const mine = this.rows.filter((r) => r.buyerKey === buyerKey && r.createdAt < before);
    await this.gate;
    const firstSeen = mine.map((r) => r.createdAt).sort()[0];
    return mine.length
      ? { orderCount: mine.length, acceleratorTotal: mine.reduce((t, r) => t + r.acceleratorCount, 0), firstSeen }
      : { orderCount: 0, acceleratorTotal: 0 };
  }

  async buyerAggregate(buyerKey: string): Promise<BuyerAggregate> {
    this.reads++;
    const mine = this.rows.filter((r) => r.buyerKey === buyerKey); // snapshot at the start of the read
    await this.gate;
    if (!mine.length) return { count: 0, total: 0, maxSeq: 0 };
    const times = mine.map((r) => r.createdAt).sort();
    const newest = times[times.length - 1];
    const at = mine.filter((r) => r.createdAt === newest);
    return {
      count: mine.length,
      total: mine.reduce((t, r) => t + r.acceleratorCount, 0),
      firstSeen: times[0],
      newest,
      atNewest: { count: at.length, total: at.reduce((t, r) => t + r.acceleratorCount, 0) },
      maxSeq: Math.max(...mine.map((r) => r.seq)),
    };
  }

  async keyRecords(key: string, since: string, limit: number): Promise<HistoryRecord[]> {
    this.reads++;
    const hits = this.rows.filter((r) => r.keys.includes(key) && r.createdAt >= since);
    await this.gate;
    return hits
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit)
      .map(({ seq, buyerKey, acceleratorCount, createdAt }) => ({ seq, buyerKey, acceleratorCount, createdAt }));
  }
}

/** Commit one order to the database, the cache and the reference history, as the decision store does. */
function commit(db: ArrayDatabase, cached: CachedOrderHistory, ref: MemoryOrderHistory, rec: HistoryRecord, keys: string[]): void {
  db.rows.push({ ...rec, keys });
  ref.add({ buyerKey: rec.buyerKey, keys, acceleratorCount: rec.acceleratorCount, createdAt: rec.createdAt });
  cached.recorded(rec, keys);
}

const T = (minute: number) => new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString();
const limits = { cacheRecords: 10_000, relatedLimit: 1000, ttlMs: 60_000 };

describe('CachedOrderHistory', () => {
  it('answers exactly as the reference history, before and after its entries are cached', async () => {
    const db = new ArrayDatabase();
    const cached = new CachedOrderHistory(db, limits);
    const ref = new MemoryOrderHistory();
    const buyers = ['acme', 'globex', 'initech'];
    let seq = 0;
    for (let i = 0; i < 300; i++) {
      const buyer = buyers[i % 3];
      const keys = [`n:${buyer}`, i % 5 === 0 ? 'a:SG:1 harbour road' : `a:SE:${buyer} street`];
      // mostly increasing times, some equal and some out of order (concurrent requests)
      const minute = i - (i % 7 === 0 ? 3 : 0);
      commit(db, cached, ref, { seq: ++seq, buyerKey: buyer, acceleratorCount: 1 + (i % 40), createdAt: T(minute) }, keys);
      if (i % 10 === 0) {
        for (const b of buyers) {
          for (const before of [T(minute), T(minute + 1), T(minute - 1), T(minute - 50)]) {
            expect([b, before, await cached.buyerSummary(b, before)]).toEqual([b, before, ref.buyerSummary(b, before)]);
          }
          const keysOf = { buyerKey: b, keys: [`n:${b}`, 'a:SG:1 harbour road'] };
          for (const since of [T(minute - 30), T(minute - 10)]) {
            const got = await cached.recentRelatedOrders(keysOf, since);
            const want = ref.recentRelatedOrders(keysOf, since).sort((x, y) => x.createdAt.localeCompare(y.createdAt));
            expect(got.map((o) => `${o.buyerKey}@${o.createdAt}#${o.acceleratorCount}`).sort()).toEqual(
              want.map((o) => `${o.buyerKey}@${o.createdAt}#${o.acceleratorCount}`).sort(),
            );
            expect(got.map((o) => o.createdAt)).toEqual([...got.map((o) => o.createdAt)].sort());
          }
        }
      }
    }
  });

  it('serves a busy buyer from the cache: no database read per order', async () => {
    const db = new ArrayDatabase();
    const cached = new CachedOrderHistory(db, limits);
    const ref = new MemoryOrderHistory();
    const keys = { buyerKey: 'acme', keys: ['n:acme'] };
    await cached.buyerSummary('acme', T(0));
    await cached.recentRelatedOrders(keys, T(-60));
    const readsAfterWarmUp = db.reads;
    for (let i = 1; i <= 100; i++) {
      commit(db, cached, ref, { seq: i, buyerKey: 'acme', acceleratorCount: 8, createdAt: T(i) }, ['n:acme']);
      expect((await cached.buyerSummary('acme', T(i + 1))).orderCount).toBe(i);
      expect(await cached.recentRelatedOrders(keys, T(i - 60))).toHaveLength(Math.min(i, 61)); // T(i - 60) … T(i), both ends included
    }
    expect(db.reads).toBe(readsAfterWarmUp);
  });

  it('does not lose an order committed while its entry is being read', async () => {
    const db = new ArrayDatabase();
    const cached = new CachedOrderHistory(db, limits);
    const ref = new MemoryOrderHistory();
    commit(db, cached, ref, { seq: 1, buyerKey: 'acme', acceleratorCount: 8, createdAt: T(1) }, ['n:acme']);
    let open!: () => void;
    db.gate = new Promise((r) => (open = r));
    const summary = cached.buyerSummary('acme', T(10));
    const related = cached.recentRelatedOrders({ buyerKey: 'acme', keys: ['n:acme'] }, T(0));
    // committed after the reads took their snapshot, before they returned
    commit(db, cached, ref, { seq: 2, buyerKey: 'acme', acceleratorCount: 16, createdAt: T(2) }, ['n:acme']);
    open();
    expect(await summary).toEqual({ orderCount: 2, acceleratorTotal: 24, firstSeen: T(1) });
    expect((await related).map((o) => o.acceleratorCount)).toEqual([8, 16]);
    db.gate = Promise.resolve();
    expect(await cached.buyerSummary('acme', T(10))).toEqual(ref.buyerSummary('acme', T(10)));
  });

  it('keeps memory bounded: the cache never holds more than its capacity, whatever the history', async () => {
    const db = new ArrayDatabase();
    const cached = new CachedOrderHistory(db, { cacheRecords: 500, relatedLimit: 50, ttlMs: 60_000 });
    const ref = new MemoryOrderHistory();
    for (let i = 0; i < 2000; i++) {
      const buyer = `buyer ${i % 400}`;
      commit(db, cached, ref, { seq: i + 1, buyerKey: buyer, acceleratorCount: 4, createdAt: T(i) }, [`n:${buyer}`, 'a:shared address']);
      await cached.recentRelatedOrders({ buyerKey: buyer, keys: [`n:${buyer}`, 'a:shared address'] }, T(i - 10_000));
      await cached.buyerSummary(buyer, T(i + 1));
      expect(cached.cachedRecords).toBeLessThanOrEqual(500);
    }
    // the newest relatedLimit orders of a key are read, not the whole window
    const r = await cached.recentRelatedOrders({ buyerKey: 'x', keys: ['a:shared address'] }, T(-1));
    expect(r).toHaveLength(50);
    expect(r[49].createdAt).toBe(T(1999));
  });
});

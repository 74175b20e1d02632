import type { BuyerSummary, OrderHistory, RelatedKeys, RelatedOrder } from '../risk';

interface Rec {
  buyerKey: string;
  acceleratorCount: number;
  createdAt: string;
}

/** Records of one key in creation order, with running totals so a summary is a binary search. */
class Timeline {
  readonly recs: Rec[] = [];
  private readonly cumulative: number[] = [];
  private sorted = true;

  add(rec: Rec): void {
    const last = this.recs[this.recs.length - 1];
    if (last && rec.createdAt < last.createdAt) this.sorted = false;
    this.recs.push(rec);
    this.cumulative.push((this.cumulative[this.cumulative.length - 1] ?? 0) + rec.acceleratorCount);
  }

  /** index of the first record created at or after `iso` */
  private lowerBound(iso: string): number {
    this.ensureSorted();
    let lo = 0;
    let hi = this.recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.recs[mid].createdAt < iso) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  summaryBefore(before: string): BuyerSummary {
    const n = this.lowerBound(before);
    if (n === 0) return { orderCount: 0, acceleratorTotal: 0 };
    return { orderCount: n, acceleratorTotal: this.cumulative[n - 1], firstSeen: this.recs[0].createdAt };
  }

  between(since: string, before?: string): Rec[] {
    const from = this.lowerBound(since);
    const to = before ? this.lowerBound(before) : this.recs.length;
    return this.recs.slice(from, Math.max(from, to));
  }

  private ensureSorted(): void {
    if (this.sorted) return;
    this.recs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let sum = 0;
    this.recs.forEach((r, i) => (this.cumulative[i] = sum += r.acceleratorCount));
    this.sorted = true;
  }
}

/**
 * The order history the red flags read (first large order, structuring), kept in memory from the
 * stored decisions so a request does no database read. Answers only from records created strictly
 * before / since the given time, so a replay at the original time sees what the original saw.
 * Each query is a binary search over the records of a buyer or key, whatever the history's size.
 */
export class InMemoryOrderHistory implements OrderHistory {
  private readonly byBuyer = new Map<string, Timeline>();
  private readonly byKey = new Map<string, Timeline>();

  add(buyerKey: string | null, acceleratorCount: number, createdAt: string, keys: string[]): void {
    if (!buyerKey) return;
    const rec: Rec = { buyerKey, acceleratorCount, createdAt };
    timeline(this.byBuyer, buyerKey).add(rec);
    for (const k of new Set(keys)) timeline(this.byKey, k).add(rec);
  }

  buyerSummary(buyerKey: string, before: string): BuyerSummary {
    return this.byBuyer.get(buyerKey)?.summaryBefore(before) ?? { orderCount: 0, acceleratorTotal: 0 };
  }

  recentRelatedOrders(keys: RelatedKeys, sinceIso: string, beforeIso?: string): RelatedOrder[] {
    const seen = new Set<Rec>();
    const out: RelatedOrder[] = [];
    const take = (t: Timeline | undefined) => {
      for (const r of t?.between(sinceIso, beforeIso) ?? []) {
        if (seen.has(r)) continue;
        seen.add(r);
        out.push({ buyerKey: r.buyerKey, acceleratorCount: r.acceleratorCount, createdAt: r.createdAt });
      }
    };
    take(this.byBuyer.get(keys.buyerKey));
    for (const k of keys.keys) take(this.byKey.get(k));
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** A view that never sees records at or after `before` (replays, re-screens). */
  asOf(before: string): OrderHistory {
    return {
      buyerSummary: (buyerKey, b) => this.buyerSummary(buyerKey, b < before ? b : before),
      recentRelatedOrders: (keys, since) => this.recentRelatedOrders(keys, since, before),
    };
  }
}

function timeline(map: Map<string, Timeline>, key: string): Timeline {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Timeline()));
  return t;
}

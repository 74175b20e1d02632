import type { BuyerSummary, OrderHistory, RelatedKeys, RelatedOrder } from '../risk';

interface Rec {
  buyerKey: string;
  acceleratorCount: number;
  createdAt: string;
}

/**
 * The order history the red flags read (first large order, structuring), kept in memory from the
 * stored decisions so a request does no database read. Answers only from records created strictly
 * before / since the given time, so a replay at the original time sees what the original saw.
 */
export class InMemoryOrderHistory implements OrderHistory {
  private readonly byBuyer = new Map<string, Rec[]>();
  private readonly byKey = new Map<string, Rec[]>();

  add(buyerKey: string | null, acceleratorCount: number, createdAt: string, keys: string[]): void {
    if (!buyerKey) return;
    const rec: Rec = { buyerKey, acceleratorCount, createdAt };
    push(this.byBuyer, buyerKey, rec);
    for (const k of new Set(keys)) push(this.byKey, k, rec);
  }

  buyerSummary(buyerKey: string, before: string): BuyerSummary {
    let orderCount = 0;
    let acceleratorTotal = 0;
    let firstSeen: string | undefined;
    for (const r of this.byBuyer.get(buyerKey) ?? []) {
      if (r.createdAt >= before) continue;
      orderCount++;
      acceleratorTotal += r.acceleratorCount;
      if (!firstSeen || r.createdAt < firstSeen) firstSeen = r.createdAt;
    }
    return { orderCount, acceleratorTotal, ...(firstSeen ? { firstSeen } : {}) };
  }

  recentRelatedOrders(keys: RelatedKeys, sinceIso: string, beforeIso?: string): RelatedOrder[] {
    const seen = new Set<Rec>();
    const out: RelatedOrder[] = [];
    const take = (list: Rec[] | undefined) => {
      for (const r of list ?? []) {
        if (seen.has(r) || r.createdAt < sinceIso || (beforeIso && r.createdAt >= beforeIso)) continue;
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

function push<K>(map: Map<K, Rec[]>, key: K, rec: Rec): void {
  const list = map.get(key);
  if (list) list.push(rec);
  else map.set(key, [rec]);
}

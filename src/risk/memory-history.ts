/**
 * A minimal in-memory OrderHistory: the reference semantics of the two history queries, used by the tests
 * and usable wherever no decision store is wired (CLI one-offs). The decision store must answer the same way.
 */
import type { Order } from '../common/order';
import { relatedKeys } from './keys';
import type { BuyerSummary, OrderHistory, RelatedKeys, RelatedOrder } from './types';

export interface StoredOrderRecord {
  buyerKey: string;
  /** RelatedKeys.keys of the stored order */
  keys: string[];
  acceleratorCount: number;
  /** ISO datetime */
  createdAt: string;
}

export class MemoryOrderHistory implements OrderHistory {
  readonly records: StoredOrderRecord[] = [];

  add(record: StoredOrderRecord): this {
    this.records.push(record);
    return this;
  }

  /** Store an order as the decision store would: its keys, its controlled accelerator count, its time. */
  addOrder(order: Order, acceleratorCount: number, createdAt: string): this {
    const k = relatedKeys(order);
    return this.add({ buyerKey: k.buyerKey, keys: k.keys, acceleratorCount, createdAt });
  }

  buyerSummary(buyerKey: string, before: string): BuyerSummary {
    const mine = this.records.filter((r) => r.buyerKey === buyerKey && r.createdAt < before);
    const firstSeen = mine.map((r) => r.createdAt).sort()[0];
    return {
      orderCount: mine.length,
      acceleratorTotal: mine.reduce((t, r) => t + r.acceleratorCount, 0),
      ...(firstSeen ? { firstSeen } : {}),
    };
  }

  recentRelatedOrders(keys: RelatedKeys, sinceIso: string): RelatedOrder[] {
    const want = new Set(keys.keys);
    return this.records
      .filter((r) => r.createdAt >= sinceIso && (r.buyerKey === keys.buyerKey || r.keys.some((k) => want.has(k))))
      .map((r) => ({ buyerKey: r.buyerKey, acceleratorCount: r.acceleratorCount, createdAt: r.createdAt }));
  }
}

/** Red flags: order history (stored decisions). Each is a catalogue row (id, severity, weight, citation, fields read) with its detect(). */
import { relatedKeys } from '../keys';
import { attrs, hits } from './shared';
import type { RedFlag, RedFlagHit, RiskContext } from '../types';

/** The exact history queries the detectors make; snapshotHistory() prefetches these. */
export function historyQueries(ctx: Pick<RiskContext, 'order' | 'now' | 'params'>, windowDays: number) {
  const keys = relatedKeys(ctx.order);
  return {
    buyerKey: keys.buyerKey,
    before: ctx.now.toISOString(),
    keys,
    since: new Date(ctx.now.getTime() - windowDays * 86_400_000).toISOString(),
  };
}

export const firstLargeOrder: RedFlag = {
  id: 'FIRST_LARGE_ORDER',
  name: 'firstLargeOrder',
  severity: 'review',
  weight: 0.3,
  scope: 'controlled',
  source:
    'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): first-time buyers ordering large volumes; 15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): orders inconsistent with the purchaser\'s needs',
  reads: ['buyer.name (history)', 'attributes.priorOrderCount', 'attributes.priorOrdersUsd', 'items'],
  detect: (ctx, f) => {
    const n = f.controlledAccelerators;
    if (n < f.params.largeOrderAccelerators) return undefined;
    const a = attrs(ctx);
    if ((typeof a.priorOrderCount === 'number' && a.priorOrderCount > 0) || (typeof a.priorOrdersUsd === 'number' && a.priorOrdersUsd > 0)) {
      return undefined;
    }
    const q = historyQueries(ctx, f.params.structuring.windowDays);
    const summary = ctx.history.buyerSummary(q.buyerKey, q.before);
    if (summary.orderCount > 0) return undefined;
    return {
      subject: 'buyer',
      message: `First order from '${ctx.order.buyer.name}' and it is for ${n} controlled accelerators`,
      evidence: {
        buyerKey: q.buyerKey,
        storedOrders: summary.orderCount,
        priorOrderCount: a.priorOrderCount ?? null,
        accelerators: n,
        limit: f.params.largeOrderAccelerators,
      },
    };
  },
};

export const structuring: RedFlag = {
  id: 'FIRST_LARGE_ORDER',
  name: 'structuring',
  severity: 'review',
  weight: 0.4,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): orders inconsistent with the purchaser\'s needs; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): first-time or recently formed buyers ordering large volumes (related buyers and order sizes just under the levels 100 / 500 are chipguard parameters)',
  reads: ['buyer', 'billTo', 'payment.payerName', 'shipTo.address (history: related orders)', 'items'],
  detect: (ctx, f) => {
    const n = f.controlledAccelerators;
    if (n <= 0) return undefined;
    const s = f.params.structuring;
    const q = historyQueries(ctx, s.windowDays);
    const related = ctx.history.recentRelatedOrders(q.keys, q.since).filter((o) => o.createdAt < q.before);
    if (!related.length) return undefined;
    const justUnder = (x: number) => s.levels.find((L) => x >= Math.ceil(L * (1 - s.bandBelow)) && x < L);
    const out: RedFlagHit[] = [];
    const level = justUnder(n);
    if (level !== undefined) {
      const same = related.filter((o) => justUnder(o.acceleratorCount) === level);
      if (same.length + 1 >= s.minOrders) {
        const buyers = [...new Set([q.buyerKey, ...same.map((o) => o.buyerKey)])].sort();
        out.push({
          subject: 'order',
          message: `${same.length + 1} orders in ${s.windowDays} days from ${buyers.length > 1 ? `${buyers.length} related buyers` : 'this buyer'} each just under ${level} accelerators (this one: ${n})`,
          evidence: {
            pattern: 'just_under_level',
            level,
            accelerators: n,
            orders: same.length + 1,
            buyers,
            total: n + same.reduce((t, o) => t + o.acceleratorCount, 0),
            windowDays: s.windowDays,
          },
        });
      }
    }
    if (n < f.params.largeOrderAccelerators) {
      const small = related.filter((o) => o.acceleratorCount < f.params.largeOrderAccelerators);
      const buyers = [...new Set([q.buyerKey, ...small.map((o) => o.buyerKey)])].sort();
      const total = n + small.reduce((t, o) => t + o.acceleratorCount, 0);
      if (buyers.length >= s.minRelatedBuyers && total >= s.aggregateAccelerators) {
        out.push({
          subject: 'order',
          message: `${buyers.length} buyers sharing an address, bill-to, payer or identifier placed ${small.length + 1} small orders totalling ${total} accelerators in ${s.windowDays} days`,
          evidence: { pattern: 'related_buyers', buyers, orders: small.length + 1, total, accelerators: n, windowDays: s.windowDays, sharedKeys: q.keys.keys },
        });
      }
    }
    return hits(out);
  },
};

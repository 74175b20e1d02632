import { InMemoryOrderHistory } from './order-history';

describe('InMemoryOrderHistory', () => {
  const h = new InMemoryOrderHistory();
  h.add('acme', 8, '2026-01-01T00:00:00.000Z', ['a:SG:1 main st']);
  h.add('acme', 16, '2026-02-01T00:00:00.000Z', []);
  h.add('other', 90, '2026-02-10T00:00:00.000Z', ['a:SG:1 main st']);
  h.add('acme', 4, '2026-01-15T00:00:00.000Z', []); // out of order: still counted in its place

  it('summarises a buyer strictly before a time', () => {
    expect(h.buyerSummary('acme', '2026-01-01T00:00:00.000Z')).toEqual({ orderCount: 0, acceleratorTotal: 0 });
    expect(h.buyerSummary('acme', '2026-01-20T00:00:00.000Z')).toEqual({ orderCount: 2, acceleratorTotal: 12, firstSeen: '2026-01-01T00:00:00.000Z' });
    expect(h.buyerSummary('acme', '2027-01-01T00:00:00.000Z').orderCount).toBe(3);
    expect(h.buyerSummary('nobody', '2027-01-01T00:00:00.000Z').orderCount).toBe(0);
  });

  it('finds related orders through shared keys, once each, in time order', () => {
    const r = h.recentRelatedOrders({ buyerKey: 'acme', keys: ['a:SG:1 main st'] }, '2026-01-10T00:00:00.000Z');
    expect(r.map((o) => `${o.buyerKey}:${o.acceleratorCount}`)).toEqual(['acme:4', 'acme:16', 'other:90']);
  });

  it('asOf hides everything at or after the given time (replay)', () => {
    const past = h.asOf('2026-02-01T00:00:00.000Z');
    expect(past.buyerSummary('acme', '2027-01-01T00:00:00.000Z').orderCount).toBe(2);
    expect(past.recentRelatedOrders({ buyerKey: 'x', keys: ['a:SG:1 main st'] }, '2025-01-01T00:00:00.000Z')).toHaveLength(1);
  });
});

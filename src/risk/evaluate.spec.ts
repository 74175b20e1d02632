import { outcomeOf } from '../common/reason';
import { applyCombinationRules, riskScore, snapshotHistory } from './evaluate';
import { relatedKeys } from './keys';
import { RED_FLAGS } from './flags';
import type { AsyncOrderHistory, EvaluatedHit, RedFlag } from './types';
import { cleanOrder, ctxFor, fired, hitsOf, NOW, orderWith, run } from './fakes.testing';
import { evaluateRedFlags } from './evaluate';

const h = (id: string, severity: EvaluatedHit['severity'], weight: number) => ({ id, severity, weight });

describe('riskScore', () => {
  it('is 0 with no hits', () => {
    expect(riskScore([])).toBe(0);
  });
  it('combines independent flags by noisy OR: 1 - (1-0.5)(1-0.4) = 0.7', () => {
    expect(riskScore([h('A', 'review', 0.5), h('B', 'review', 0.4)])).toBe(70);
  });
  it('counts a flag id once, at its largest weight', () => {
    expect(riskScore([h('A', 'review', 0.3), h('A', 'review', 0.35)])).toBe(35);
  });
  it('info-only hits never exceed the cap', () => {
    expect(riskScore([h('HUB', 'info', 0.1), h('X', 'info', 0.5)])).toBe(20);
    expect(riskScore([h('HUB', 'info', 0.1)])).toBe(10);
  });
  it('a review hit lifts to the review floor, a deny hit to the deny floor', () => {
    expect(riskScore([h('WEB', 'review', 0.15)])).toBe(25);
    expect(riskScore([h('RELABEL', 'deny', 0.8)])).toBe(90);
    expect(riskScore([h('RELABEL', 'deny', 0.8), h('A', 'review', 0.5), h('B', 'review', 0.5)])).toBe(95);
  });
  it('mitigations subtract, never below 0', () => {
    expect(riskScore([h('A', 'review', 0.5), h('BILL_TO_SG_ONLY', 'info', -0.1)])).toBe(40);
    expect(riskScore([h('BILL_TO_SG_ONLY', 'info', -0.1)])).toBe(0);
  });
  it('stays within 0..100', () => {
    expect(riskScore(Array.from({ length: 30 }, (_, i) => h(`F${i}`, 'deny', 1)))).toBe(100);
  });
});

describe('combination rules', () => {
  const hit = (id: string, severity: EvaluatedHit['severity'] = 'review', evidence: Record<string, unknown> = {}): EvaluatedHit => ({
    id,
    name: id,
    severity,
    weight: 0.3,
    subject: 'order',
    message: id,
    evidence,
    source: 's',
    reads: [],
  });
  it('payment from a restricted country + forwarder -> both deny', () => {
    const out = applyCombinationRules([hit('PAYMENT_FROM_RESTRICTED'), hit('FORWARDER_AS_CONSIGNEE')]);
    expect(out.map((x) => `${x.id}:${x.severity}:${x.escalatedBy}`)).toEqual([
      'PAYMENT_FROM_RESTRICTED:deny:RESTRICTED_PAYMENT_WITH_DIVERSION_FLAG',
      'FORWARDER_AS_CONSIGNEE:deny:FORWARDER_PAID_FROM_RESTRICTED_COUNTRY',
    ]);
  });
  it('forwarder + third-party payment or unnamed end user, without restricted payment -> stays review', () => {
    const out = applyCombinationRules([
      hit('FORWARDER_AS_CONSIGNEE'),
      hit('THIRD_PARTY_PAYMENT', 'review', { pattern: 'payer_not_party' }),
      hit('END_USER_UNVERIFIABLE'),
    ]);
    expect(out.map((x) => x.severity)).toEqual(['review', 'review', 'review']);
  });
  it('a third-party payer escalates only with restricted payment, and only its payer pattern', () => {
    const out = applyCombinationRules([
      hit('PAYMENT_FROM_RESTRICTED'),
      hit('THIRD_PARTY_PAYMENT', 'review', { pattern: 'payer_not_party' }),
      hit('THIRD_PARTY_PAYMENT', 'review', { pattern: 'origin_not_in_transaction' }),
    ]);
    expect(out.map((x) => x.severity)).toEqual(['review', 'deny', 'review']);
  });
  it('an info partner (buyer taken as end user) does not combine', () => {
    const out = applyCombinationRules([hit('PAYMENT_FROM_RESTRICTED'), hit('END_USER_UNVERIFIABLE', 'info')]);
    expect(out.map((x) => x.severity)).toEqual(['review', 'info']);
  });
  it('a single review flag is not escalated', () => {
    expect(applyCombinationRules([hit('LINE_OF_BUSINESS_MISMATCH')])[0].severity).toBe('review');
  });
});

describe('evaluateRedFlags', () => {
  it('ALX-like order: new SG shell, forwarder consignee, unknown end user, paid from HK -> deny, score >= 90', () => {
    const o = orderWith((o) => {
      o.buyer = { name: 'ALX Solutions Inc', country: 'US', incorporatedOn: '2026-05-01', kind: 'distributor' };
      delete o.endUser;
      o.shipTo = { name: 'Swift Freight Pte Ltd', country: 'SG', kind: 'freight_forwarder', address: '1 Changi North Way' };
      delete o.billTo;
      o.payment = { payerName: 'Kowloon Trading Ltd', originCountry: 'HK' };
      o.attributes = { servicesDeclined: true };
      o.items = [{ model: 'H100 SXM5', kind: 'chip', quantity: 96 }];
    });
    const r = run(o);
    expect(outcomeOf(r.reasons)).toBe('deny');
    expect(r.riskScore).toBeGreaterThanOrEqual(90);
    const codes = new Set(r.reasons.map((x) => x.code));
    for (const c of [
      'PAYMENT_FROM_RESTRICTED',
      'THIRD_PARTY_PAYMENT',
      'FORWARDER_AS_CONSIGNEE',
      'END_USER_UNVERIFIABLE',
      'NEW_COMPANY',
      'DECLINES_INSTALL_SUPPORT',
      'FIRST_LARGE_ORDER',
      'TRANSSHIPMENT_HUB',
    ]) {
      expect(codes).toContain(c);
    }
    expect(r.reasons[0].severity).toBe('deny'); // most severe first
  });

  it('reasons carry code, severity, message, citation, subject and evidence with the detector', () => {
    const r = run(orderWith((o) => ((o.attributes!.servicesDeclined = true), (o.attributes!.oemInstallationPurchased = false))));
    expect(r.reasons).toEqual([
      {
        code: 'DECLINES_INSTALL_SUPPORT',
        severity: 'review',
        message: 'Buyer declined installation, warranty or support for the hardware',
        citation: expect.stringContaining('15 CFR Part 732, Supplement No. 3'),
        subject: 'order',
        evidence: { servicesDeclined: true, oemInstallationPurchased: false, detector: 'servicesDeclined', weight: 0.3 },
      },
    ]);
    expect(r.riskScore).toBe(30);
  });

  it('hub alone (info) never puts an order on review and stays <= 20', () => {
    const r = run(orderWith((o) => ((o.shipTo!.country = 'MY'), (o.endUser!.country = 'MY'))));
    expect(fired(r)).toEqual(['transshipmentHub:info']);
    expect(outcomeOf(r.reasons)).toBe('allow');
    expect(r.riskScore).toBeLessThanOrEqual(20);
  });

  it('controlled-scope flags do not run for uncontrolled orders; deception flags do', () => {
    const o = orderWith((o) => {
      o.shipTo!.kind = 'freight_forwarder';
      o.payment = { payerName: 'Someone Else', originCountry: 'HK' };
      o.attributes!.relabelRequested = true;
    });
    expect(fired(run(o, { controlled: false }))).toEqual(['relabelOrSerialTamper:review']);
  });

  it('fails closed: a detector that throws becomes a review reason', () => {
    const broken: RedFlag = {
      ...RED_FLAGS[0],
      name: 'broken',
      detect: () => {
        throw new Error('db down');
      },
    };
    const r = evaluateRedFlags(ctxFor(cleanOrder()), [broken]);
    expect(r.reasons[0]).toMatchObject({ code: 'RISK_CHECK_FAILED', severity: 'review', evidence: { detector: 'broken', error: 'db down' } });
    expect(r.riskScore).toBe(25);
  });

  it('params can be overridden per call', () => {
    const o = orderWith((o) => (o.buyer.incorporatedOn = '2025-10-01'));
    expect(hitsOf(evaluateRedFlags({ ...ctxFor(o), params: { newCompanyMonths: 24 } }), 'newCompany')).toHaveLength(1);
  });
});

describe('snapshotHistory', () => {
  it('prefetches the two queries an async store answers and serves them synchronously', async () => {
    const o = orderWith((o) => delete o.attributes!.priorOrderCount);
    const calls: string[] = [];
    const store: AsyncOrderHistory = {
      buyerSummary: async (key, before) => (calls.push(`summary ${key} ${before}`), { orderCount: 2, acceleratorTotal: 32 }),
      recentRelatedOrders: async (keys, since) => (calls.push(`related ${keys.keys.length} ${since}`), []),
    };
    const history = await snapshotHistory(store, o, NOW);
    expect(calls[0]).toBe(`summary hansa compute ${NOW.toISOString()}`);
    expect(calls[1]).toBe(`related ${relatedKeys(o).keys.length} ${new Date(NOW.getTime() - 30 * 86_400_000).toISOString()}`);
    const r = run(o, { history });
    expect(hitsOf(r, 'firstLargeOrder')).toEqual([]); // two stored orders
    expect(r.reasons).toEqual([]);
  });
});

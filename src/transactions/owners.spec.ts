/**
 * The affiliates (50 %) rule and the OFAC 50 % rule applied to a transaction's declared owners
 * (order-level beneficialOwners): dated rule data, with the post-suspension reading from configuration.
 */
import { join } from 'path';
import type { Order } from '../common/order';
import { outcomeOf } from '../common/reason';
import { loadRuleBook } from '../rules';
import type { PartyQuery, ScreeningMatch, ScreeningResult } from '../screening';
import { fakeMatch } from '../screening/fake-match.testing';
import { DecisionInputs, decideOrder } from './decide-order';
import { MemoryOrderHistory } from '../risk/memory-history';

const rules = loadRuleBook(join(__dirname, '..', '..', 'data'));

const LISTED: Record<string, ScreeningMatch> = {
  'listed parent co': fakeMatch('EL', 'Listed Parent Co., Ltd.'),
  'blocked holding': fakeMatch('SDN', 'BLOCKED HOLDING LTD'),
};
const screen = (q: PartyQuery): ScreeningResult => {
  const m = LISTED[q.name.toLowerCase()];
  return m ? { status: 'match', matches: [m] } : { status: 'clear', matches: [] };
};

function order(date: string, owners: Order['beneficialOwners']): Order {
  const party = { name: 'Sakura Compute KK', country: 'JP', headquartersCountry: 'JP', kind: 'data_center_operator' as const };
  return {
    reference: 'UT-OWN',
    date,
    exportFrom: 'US',
    buyer: { ...party },
    endUser: { ...party },
    shipTo: { name: 'Sakura Compute Tokyo DC', country: 'JP', address: 'Koto-ku, Tokyo' },
    items: [{ model: 'H100 SXM5', quantity: 8 }],
    payment: { payerName: 'Sakura Compute KK', originCountry: 'JP' },
    attributes: {
      priorOrderCount: 3,
      oemInstallationPurchased: true,
      siteStatus: 'operational',
      siteType: 'data_center',
      sitePowerMw: 10,
      endUserVerified: true,
      ownersDisclosed: true,
    },
    beneficialOwners: owners,
  } as Order;
}

function decide(o: Order, over: Partial<DecisionInputs> = {}) {
  const body = decideOrder({
    order: o,
    rules,
    screen,
    lists: { sample: false, stale: [], maxAgeDays: 7, versionDates: {}, versionIds: {} },
    history: new MemoryOrderHistory(),
    now: new Date(`${o.date}T10:00:00Z`),
    matchThreshold: 0.9,
    ...over,
  });
  const owner = body.reasons.find((r) => r.subject === 'beneficialOwners[0]' && r.code === 'PARTY_LIST_MATCH');
  return { body, owner, outcome: outcomeOf(body.reasons) };
}

describe('affiliates rule as dated rule data', () => {
  it.each([
    ['2025-09-28', null],
    ['2025-09-29', { inForce: true, uncertain: false }],
    ['2025-11-10', { inForce: false, uncertain: false }],
    ['2026-11-09', { inForce: false, uncertain: false }],
    ['2026-11-10', { inForce: true, uncertain: true }],
  ])('on %s', (date, expected) => {
    const s = rules.affiliatesRule(date);
    if (expected === null) expect(s).toBeNull();
    else expect(s).toMatchObject({ ...expected, ownershipPercentMin: 50, lists: ['EL', 'MEU'] });
  });
  it('after the suspension the configured reading decides and the text says it is uncertain', () => {
    const s = rules.affiliatesRule('2026-12-01', 'suspended')!;
    expect(s).toMatchObject({ inForce: false, uncertain: true });
    expect(s.text).toMatch(/uncertain.*AFFILIATES_RULE_AFTER_SUSPENSION=suspended/);
    expect(s.citation).toMatch(/90 FR 47201.*90 FR 50857/);
  });
});

describe('order-level beneficialOwners: the listing of a majority owner extends to the buyer', () => {
  // a Singapore-registered listed owner, so the HQ rule (owner in D:5) does not mix in
  const majority = [{ name: 'Listed Parent Co', country: 'SG', ownershipPercent: 60 }];
  it('Entity List owner of 60 % while the rule is in force (Oct 2025): deny, citing the affiliates rule', () => {
    const r = decide(order('2025-10-15', majority));
    expect(r.owner).toMatchObject({ severity: 'deny' });
    expect(r.owner!.citation).toMatch(/90 FR 47201/);
    expect(r.outcome).toBe('deny');
    expect(r.body.parties.some((p) => p.subject === 'beneficialOwners[0]' && p.status === 'match')).toBe(true);
  });
  it('during the suspension: review (a red flag, not a stop)', () => {
    const r = decide(order('2026-08-20', majority));
    expect(r.owner).toMatchObject({ severity: 'review' });
    expect(r.owner!.message).toMatch(/suspended/);
    expect(r.outcome).toBe('review');
  });
  it('after Nov 9 2026: deny by default, review with AFFILIATES_RULE_AFTER_SUSPENSION=suspended; both say it is uncertain', () => {
    const strict = decide(order('2026-11-20', majority));
    expect(strict.owner).toMatchObject({ severity: 'deny' });
    expect(strict.owner!.message).toMatch(/uncertain/);
    const lenient = decide(order('2026-11-20', majority), { affiliatesAfterSuspension: 'suspended' });
    expect(lenient.owner).toMatchObject({ severity: 'review' });
    expect(lenient.owner!.message).toMatch(/uncertain/);
  });
  it('a minority owner is review; an owner of unknown share is review', () => {
    expect(decide(order('2025-10-15', [{ name: 'Listed Parent Co', ownershipPercent: 20 }])).owner).toMatchObject({ severity: 'review' });
    expect(decide(order('2025-10-15', [{ name: 'Listed Parent Co' }])).owner!.message).toMatch(/share is not stated/);
  });
  it('an SDN owner of 50 % blocks the buyer (OFAC 50 % rule) on any date', () => {
    const r = decide(order('2026-08-20', [{ name: 'Blocked Holding', ownershipPercent: 50 }]));
    expect(r.owner).toMatchObject({ severity: 'deny' });
    expect(r.owner!.citation).toMatch(/50 Percent Rule/);
  });
  it('clean owners change nothing', () => {
    expect(decide(order('2026-11-20', [{ name: 'Tokyo Holdings KK', country: 'JP', ownershipPercent: 100 }])).outcome).toBe('allow');
  });
});

describe("a majority owner headquartered in D:5 is the buyer's ultimate parent for the HQ rule", () => {
  it('a Japanese buyer 70 % owned by a Shenzhen company: HQ rule, deny for H100', () => {
    const r = decide(order('2026-11-20', [{ name: 'Shenzhen Holding Co', country: 'CN', ownershipPercent: 70 }]));
    expect(r.body.reasons.some((x) => x.code === 'LICENSE_REQUIRED_HQ' && x.severity === 'deny')).toBe(true);
    expect(r.outcome).toBe('deny');
  });
  it('a 30 % owner does not make it the ultimate parent', () => {
    const r = decide(order('2026-11-20', [{ name: 'Shenzhen Holding Co', country: 'CN', ownershipPercent: 30 }]));
    expect(r.body.reasons.some((x) => x.code === 'LICENSE_REQUIRED_HQ')).toBe(false);
  });
});

/**
 * Unit tests of the decision core (decideOrder) with the real rule book and a fake screening function:
 * determinism and replay, fail-closed list states, list-match severities, the most restrictive reason wins.
 */
import { join } from 'path';
import type { Order } from '../common/order';
import { loadRuleBook } from '../rules';
import type { PartyQuery, ScreeningMatch, ScreeningResult } from '../screening';
import { fakeMatch } from '../screening/fake-match.testing';
import type { ListState } from '../decision';
import { DecisionInputs, decideOrder } from './decide-order';
import { MemoryOrderHistory } from '../risk';

const rules = loadRuleBook(join(__dirname, '..', '..', 'data'));
const NOW = new Date('2026-11-27T10:00:00.000Z');

const LISTS: ListState = { sample: false, stale: [], maxAgeDays: 7, versionDates: { EL: '2026-07-09', SDN: '2026-06-30' }, versionIds: { EL: 2, SDN: 3 } };

const clear = (): ScreeningResult => ({ status: 'clear', matches: [] });

const match = (source: ScreeningMatch['source'], score: number, name = 'Listed Co., Ltd.'): ScreeningMatch => fakeMatch(source, name, score);

/** An established Japanese operator buying 8 H100 for its own site: allow. */
function cleanOrder(): Order {
  const party = { name: 'Sakura Compute KK', country: 'JP', headquartersCountry: 'JP', kind: 'data_center_operator' as const };
  return {
    reference: 'UT-1',
    date: '2026-11-20',
    exportFrom: 'US',
    buyer: { ...party },
    endUser: { ...party },
    shipTo: { name: 'Sakura Compute Tokyo DC', country: 'JP', address: 'Koto-ku, Tokyo' },
    items: [{ model: 'H100 SXM5', quantity: 64 }],
    endUse: 'LLM training in own data centre',
    payment: { payerName: 'Sakura Compute KK', originCountry: 'JP' },
    attributes: {
      priorOrderCount: 3,
      oemInstallationPurchased: true,
      siteStatus: 'operational',
      siteType: 'data_center',
      sitePowerMw: 10,
      endUserVerified: true,
    },
  } as Order;
}

function inputs(order: Order, over: Partial<DecisionInputs> = {}): DecisionInputs {
  return { order, rules, screen: clear, lists: LISTS, history: new MemoryOrderHistory(), now: NOW, matchThreshold: 0.9, ...over };
}

describe('decideOrder', () => {
  it('allows a clean allied order with info reasons only', () => {
    const body = decideOrder(inputs(cleanOrder()));
    expect(body.reasons.filter((r) => r.severity !== 'info')).toEqual([]);
    expect(body.decision).toBe('allow');
    expect(body.listVersions).toEqual(LISTS.versionDates);
    expect(body.rulesVersion).toBe(rules.ruleSetFor('2026-11-20').id);
  });

  it('is deterministic: the same inputs give the same body', () => {
    const order = cleanOrder();
    order.shipTo = { name: 'Forwarder', country: 'SG', kind: 'freight_forwarder' };
    order.payment = { payerName: 'Some HK Payer Ltd', originCountry: 'HK' };
    const history = new MemoryOrderHistory();
    const a = decideOrder(inputs(order, { history }));
    const b = decideOrder(inputs(JSON.parse(JSON.stringify(order)), { history }));
    expect(b).toEqual(a);
    expect(a.decision).toBe('deny');
  });

  it('replays: at the original time, with history as of then, a stored order gets the same decision', () => {
    const order = cleanOrder();
    delete (order as { attributes?: unknown }).attributes;
    const history = new MemoryOrderHistory();
    const first = decideOrder(inputs(order, { history }));
    expect(first.reasons.map((r) => r.code)).toContain('FIRST_LARGE_ORDER');
    // the first decision is now part of the history
    history.add({ buyerKey: 'sakura compute', keys: [], acceleratorCount: 64, createdAt: NOW.toISOString() });
    const replay = decideOrder(inputs(JSON.parse(JSON.stringify(order)), { history }));
    expect(replay).toEqual(first);
  });

  it('fails closed on the list state: sample or stale lists are review, never allow', () => {
    const sample = decideOrder(inputs(cleanOrder(), { lists: { ...LISTS, sample: true } }));
    expect(sample.decision).toBe('review');
    expect(sample.reasons.find((r) => r.code === 'LISTS_SAMPLE_ONLY')?.severity).toBe('review');
    const stale = decideOrder(inputs(cleanOrder(), { lists: { ...LISTS, stale: [{ code: 'EL', asOf: '2026-01-01', ageDays: 330 }] } }));
    expect(stale.decision).toBe('review');
    expect(stale.reasons.find((r) => r.code === 'LISTS_STALE')?.message).toMatch(/EL \(2026-01-01\)/);
  });

  it('fails closed on an unknown item: review, never allow', () => {
    const order = cleanOrder();
    order.items.push({ model: 'Nonexistent Accelerator QX-1', quantity: 1 });
    const body = decideOrder(inputs(order));
    expect(body.decision).toBe('review');
    expect(body.reasons.some((r) => r.code === 'UNKNOWN_ITEM' && r.subject === 'items[1]')).toBe(true);
  });

  it('a match takes the list consequence (EL deny, UVL review); a possible match is review', () => {
    const screenWith =
      (m: ScreeningMatch) =>
      (q: PartyQuery): ScreeningResult =>
        q.name === 'Sakura Compute KK' ? { status: 'match', matches: [m] } : clear();
    const el = decideOrder(inputs(cleanOrder(), { screen: screenWith(match('EL', 0.97)) }));
    expect(el.decision).toBe('deny');
    expect(el.reasons.find((r) => r.code === 'PARTY_LIST_MATCH')).toMatchObject({ severity: 'deny', subject: 'buyer', evidence: { source: 'EL' } });
    const uvl = decideOrder(inputs(cleanOrder(), { screen: screenWith(match('UVL', 0.97)) }));
    expect(uvl.decision).toBe('review');
    const possible = decideOrder(inputs(cleanOrder(), { screen: screenWith(match('SDN', 0.85)) }));
    expect(possible.decision).toBe('review');
    expect(possible.reasons.find((r) => r.code === 'PARTY_POSSIBLE_MATCH')).toMatchObject({ severity: 'review', evidence: { source: 'SDN' } });
  });

  it('the most restrictive reason wins and reasons are sorted deny, review, info', () => {
    const order = cleanOrder();
    order.shipTo = { name: 'Moscow DC', country: 'RU' };
    order.endUser = { name: 'Moscow DC', country: 'RU' };
    const body = decideOrder(inputs(order));
    expect(body.decision).toBe('deny');
    const ranks = body.reasons.map((r) => ({ deny: 2, review: 1, info: 0 })[r.severity]);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });
});

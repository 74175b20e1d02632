import { Readable } from 'stream';
import { AccountClusterer, accountErrors, AccountInput } from './accounts';
import { readAccounts } from './account-stream';
import { addressValues, dampedWeight, normaliseIdentifier } from './identifiers';
import { createHmac } from 'crypto';
import { Hasher, LinkGraph, NodeOrder } from './link-graph';
import { KeyTable } from './key-table';
import { farmQuality, generatePopulation } from './synthetic-accounts.testing';
import { evaluateNetworkFlags, linkedToRestricted, NetworkContext, NetworkFlag } from './flags';

const RESTRICTED = new Set(['CN', 'HK', 'MO', 'RU', 'IR', 'BY', 'KP']);
const restricted = (c: string) => RESTRICTED.has(c);

describe('identifier normalisation', () => {
  const one = (type: string, v: string) => normaliseIdentifier(type, v).map((x) => `${x.type}=${x.value}`);

  it('lower-cases e-mails and derives the domain (not for free mail)', () => {
    expect(one('email', 'Li.Wei@WWW.Example.COM')).toEqual(['email=li.wei@example.com', 'email_domain=example.com']);
    expect(one('email', 'someone@Gmail.com')).toEqual(['email=someone@gmail.com']);
    expect(one('email', 'not-an-email')).toEqual([]);
  });

  it('keeps the digits of a phone, domains without www or scheme, bank accounts without spaces', () => {
    expect(one('phone', '+86 (21) 5555-0101')).toEqual(['phone=862155550101']);
    expect(one('phone', '0086 21 5555 0101')).toEqual(['phone=862155550101']);
    expect(one('website_domain', 'https://www.Example.com/about')).toEqual(['website_domain=example.com']);
    expect(one('bank_account', 'de89 3704 0044 0532 0130 00')).toEqual(['bank_account=DE89370400440532013000']);
    expect(normaliseIdentifier('bank_account', 'DE89 3704 0044 0532 0130 00')[0].hint).toBe('…3000');
  });

  it('gives an IP its /24, and an ASN one spelling', () => {
    expect(one('ip', '203.0.113.77')).toEqual(['ip=203.0.113.77', 'ip24=203.0.113.0/24']);
    expect(one('ip', '300.1.1.1')).toEqual([]);
    expect(one('asn', 'as16509')).toEqual(['asn=AS16509']);
    expect(one('unknown_type', 'x')).toEqual([]);
  });

  it('an address with a unit is a strong exact address plus a weak building; without a unit only the building', () => {
    const withUnit = addressValues('Room 1302, 13th Floor, No. 2388 Chenhang Highway, Minhang District, Shanghai', 'CN');
    expect(withUnit.map((v) => v.type)).toEqual(['address', 'building']);
    const sameBuilding = addressValues('Room 808, No. 2388 Chenhang Highway, Minhang District, Shanghai', 'CN');
    expect(sameBuilding[1].value).toBe(withUnit[1].value);
    expect(sameBuilding[0].value).not.toBe(withUnit[0].value);
    expect(addressValues('2388 Chenhang Highway, Shanghai', 'CN').map((v) => v.type)).toEqual(['building']);
  });

  it('damps ubiquitous values by document frequency', () => {
    expect(dampedWeight('bank_account', 3)).toBe(1);
    expect(dampedWeight('bank_account', 50)).toBeCloseTo(0.1);
    expect(dampedWeight('asn', 2)).toBeLessThan(dampedWeight('ip24', 2));
    expect(dampedWeight('bank_account', 10_000)).toBe(0);
  });
});

describe('hashed link values', () => {
  it('gives the Hasher the hashes it gave before (stored graphs keep matching)', () => {
    const secret = Buffer.alloc(32, 3);
    const h = new Hasher(secret);
    expect(h.hash('email', 'li.wei@example.com')).toBe(createHmac('sha256', secret).update('email\u0000li.wei@example.com').digest('hex'));
    expect(h.nodeId('party', 'acme', 'CN')).toBe(`n${createHmac('sha256', secret).update('node:party\u0000acme|CN').digest('hex').slice(0, 24)}`);
  });
});

describe('link graph', () => {
  const h = new Hasher(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
  const vals = (...pairs: [string, string][]) => h.values(pairs.flatMap(([t, v]) => normaliseIdentifier(t, v)));

  it('links nodes by shared hashed values, strongest first; a value held by thousands links nobody', () => {
    const g = new LinkGraph();
    for (const [id, v] of [
      ['a', vals(['bank_account', 'GB29 NWBK 6016 1331 9268 19'], ['asn', '16509'])],
      ['b', vals(['bank_account', 'GB29NWBK60161331926819'])],
      ['c', vals(['asn', 'AS16509'], ['phone', '+44 20 7946 0000'])],
    ] as const) {
      g.upsertNode(id, 'party', id.toUpperCase(), 'transaction');
      g.link(id, v as never);
    }
    for (let i = 0; i < 2100; i++) {
      g.upsertNode(`x${i}`, 'party', `X${i}`, 'transaction');
      g.link(`x${i}`, vals(['asn', '16509']));
    }
    const nb = g.neighbours('new', vals(['bank_account', 'gb29nwbk60161331926819'], ['asn', '16509'], ['phone', '442079460000']));
    expect(nb.map((n) => n.node.id).slice(0, 3)).toEqual(['a', 'b', 'c']);
    expect(nb[0].strength).toBeCloseTo(1);
    expect(nb.some((n) => n.node.id.startsWith('x'))).toBe(false);
    // the stored form is an HMAC, not the value
    expect(JSON.stringify([...g.values.keys()])).not.toContain('NWBK');
  });

  it('neighbours(…, minStrength) are the links of at least that strength, with the same strengths and evidence', () => {
    const g = new LinkGraph();
    const people = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    people.forEach((id, i) => {
      g.upsertNode(id, 'party', id, 'transaction');
      const mine: [string, string][] = [['asn', '3320']];
      if (i % 2 === 0) mine.push(['phone', '+49 30 1234567']);
      if (i % 3 === 0) mine.push(['email', 'ops@shared.example']);
      if (i === 5) mine.push(['bank_account', 'DE89370400440532013000']);
      g.link(id, vals(...mine) as never);
    });
    const query = vals(['asn', '3320'], ['phone', '+49 30 1234567'], ['email', 'ops@shared.example'], ['bank_account', 'DE89 3704 0044 0532 0130 00']);
    const all = g.neighbours('p0', query);
    for (const min of [0.1, 0.6, 0.8, 1, 1.5, 10]) {
      const strong = g.neighbours('p0', query, min);
      expect(strong).toEqual(all.filter((n) => n.strength >= min));
    }
    expect(g.neighbours('p0', query, 0.8).map((n) => n.node.id)).toEqual(expect.arrayContaining(['p3', 'p5']));
  });

  it('keeps its index of orders by site in step with the orders (out-of-order arrivals, the oldest dropped past 500)', () => {
    const g = new LinkGraph();
    const n = g.upsertNode('fwd', 'party', 'Forwarder', 'transaction');
    const order = (k: number, site: string | null, minute: number): NodeOrder => ({
      decisionId: `dec_${String(k).padStart(6, '0')}`,
      role: 'intermediaries[0]',
      createdAt: new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString(),
      accelerators: 1,
      kw: 1,
      siteHash: site,
      sitePowerKw: null,
      decision: 'allow',
    });
    const sites = ['s0', 's1', 's2', null];
    const check = () => {
      for (const s of ['s0', 's1', 's2']) expect(g.ordersAtSite(n, s)).toEqual(n.orders.filter((o) => o.siteHash === s));
      expect(g.ordersAtSite(n, 'elsewhere')).toEqual([]);
    };
    for (let k = 0; k < 40; k++) g.addOrder(n, order(k, sites[k % 4], k));
    check(); // built from the orders on the first read
    for (let k = 40; k < 700; k++) g.addOrder(n, order(k, sites[(k * 7) % 4], k % 10 === 0 ? k - 25 : k)); // some arrive late
    g.addOrder(n, order(650, sites[(650 * 7) % 4], 650)); // the same decision and role again: not added twice
    expect(n.orders).toHaveLength(500);
    expect(n.orders.map((o) => o.createdAt)).toEqual([...n.orders.map((o) => o.createdAt)].sort());
    check();
  });

  it('keeps each decision id of a node once, the newest 200, whatever order they come in', () => {
    const g = new LinkGraph();
    const n = g.upsertNode('buyer', 'party', 'Buyer', 'transaction');
    const id = (k: number) => `dec_${String(k).padStart(6, '0')}`;
    for (let k = 0; k < 300; k++) {
      g.addDecision(n, id(k));
      g.addDecision(n, id(k)); // the same party in a second role
      if (k % 5 === 0) g.addDecision(n, id(k - 3)); // an older one again (replayed)
    }
    expect(n.decisionIds).toEqual(Array.from({ length: 200 }, (_, i) => id(100 + i)));
    g.addDecision(n, id(50)); // older than any kept, not among them: added as the newest arrival
    expect(n.decisionIds[n.decisionIds.length - 1]).toBe(id(50));
    expect(new Set(n.decisionIds).size).toBe(200);
  });
});

describe('accounts in bulk', () => {
  const base = (id: string, extra: Partial<AccountInput> = {}): AccountInput => ({ accountId: id, createdAt: '2026-05-01T10:00:00Z', ...extra });

  it('rejects bad records field by field', () => {
    expect(accountErrors({ accountId: '', createdAt: 'yesterday', identifiers: [{ type: 'shoe_size', value: 'x' }], usage: { tokensOut: -1 } })).toEqual([
      'accountId must be a string of 1 to 128 characters',
      'createdAt must be an ISO date or date-time',
      expect.stringContaining('identifiers[0].type must be one of LEI'),
      'usage.tokensOut must be a number >= 0',
    ]);
    expect(accountErrors(base('a1', { identifiers: [{ type: 'ip', value: '1.2.3.4' }] }))).toEqual([]);
  });

  it('finds a planted farm and leaves a company whose employees share a corporate card alone', () => {
    const c = new AccountClusterer();
    for (let i = 0; i < 12; i++) {
      c.add(
        base(`farm${i}`, {
          createdAt: new Date(Date.parse('2026-05-01T00:00:00Z') + i * 3_600_000).toISOString(),
          country: i % 2 ? 'HK' : 'SG',
          identifiers: [
            { type: 'payment_fingerprint', value: `fp_${i % 3}` },
            { type: 'device_id', value: `dev_${i % 4}` },
            { type: 'email', value: `u${i}@gmail.com` },
          ],
          usage: { requests: 20_000, tokensOut: 9_000_000 + i * 10_000, distinctPrompts: 19_000 },
        }),
      );
    }
    for (let i = 0; i < 30; i++) {
      c.add(
        base(`emp${i}`, {
          createdAt: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 3 * 86_400_000).toISOString(),
          organisation: 'Blueorbit Technologies',
          country: 'US',
          identifiers: [
            { type: 'payment_fingerprint', value: 'fp_corporate_amex' },
            { type: 'email', value: `e${i}@blueorbit.com` },
            { type: 'asn', value: '16509' },
          ],
          usage: { requests: 100 * (i + 1), tokensOut: 50_000 * (i + 1) ** 1.5, distinctPrompts: 20 * (i + 1) },
        }),
      );
    }
    for (let i = 0; i < 50; i++)
      c.add(
        base(`solo${i}`, {
          identifiers: [
            { type: 'asn', value: '16509' },
            { type: 'payment_fingerprint', value: `fp_solo_${i}` },
          ],
        }),
      );
    const clusters = c.clusters({ restricted });
    const farm = clusters.find((x) => x.accountIds.includes('farm0'))!;
    expect(farm.accountIds.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `farm${i}`).sort());
    expect(farm.reasons[0].code).toBe('ACCOUNT_FARM');
    expect(farm.reasons[0].message).toMatch(/signed up within 48 hours/);
    expect(farm.shared.some((s) => s.type === 'payment_fingerprint')).toBe(true);
    const company = clusters.find((x) => x.accountIds.includes('emp0'))!;
    expect(company.accountIds).toHaveLength(30);
    expect(company.reasons.map((r) => r.code)).not.toContain('ACCOUNT_FARM');
    expect(company.score).toBeLessThan(50);
    // sharing only a cloud provider's ASN clusters nobody
    expect(clusters.some((x) => x.accountIds.includes('solo0'))).toBe(false);
  });

  it('on a synthetic population with planted farms, precision and recall stay above 0.85 (bench:networks measures at scale)', () => {
    const { accounts, truth } = generatePopulation({ accounts: 40_000, farms: 60, companies: 150, seed: 3 });
    const c = new AccountClusterer();
    for (const a of accounts()) c.add(a);
    const q = farmQuality(c.clusters({ restricted }), truth);
    expect(q.precision).toBeGreaterThan(0.85);
    expect(q.recall).toBeGreaterThan(0.85);
  });

  it('reads JSON, NDJSON and CSV streams record by record; a bad record is an error of its index', async () => {
    const collect = async (text: string, f: 'json' | 'ndjson' | 'csv') => {
      const out: unknown[] = [];
      for await (const r of readAccounts(Readable.from([text.slice(0, 7), text.slice(7)]), f))
        out.push('error' in r ? { index: r.index, bad: r.error.errors.length } : r.account.accountId);
      return out;
    };
    expect(await collect('{"accounts": [{"accountId":"a","createdAt":"2026-01-01"}, {"accountId":2}], "x": 1}', 'json')).toEqual(['a', { index: 1, bad: 2 }]);
    expect(await collect('{"accountId":"a","createdAt":"2026-01-01"}\nnot json\n{"accountId":"b","createdAt":"2026-01-02"}\n', 'ndjson')).toEqual([
      'a',
      { index: 1, bad: 1 },
      'b',
    ]);
    const csv = 'account_id,created_at,organisation,payment_fingerprint,ip,tokens_out\nA1,2026-01-01,Acme,fp1|fp2,1.2.3.4,500\nA2,bad-date,,,,\n';
    expect(await collect(csv, 'csv')).toEqual(['A1', { index: 1, bad: 1 }]);
  });
});

describe('key table (the shared values of bulk accounts)', () => {
  it('counts each key, keeps the first holder through growth, and keeps the text only of shared keys', () => {
    const t = new KeyTable(4);
    for (let i = 0; i < 20_000; i++) expect(t.add(1, `card-${i}`, i, 'payment_fingerprint').first).toBe(-1);
    // the same text under another seed (type) is another key
    expect(t.add(2, 'card-7', 20_000, 'device_id')).toEqual({ first: -1, count: 1 });
    expect(t.add(1, 'card-7', 20_001, 'payment_fingerprint')).toEqual({ first: 7, count: 2 });
    expect(t.add(1, 'card-7', 20_002, 'payment_fingerprint')).toEqual({ first: 7, count: 3 });
    expect(t.add(1, 'card-19999', 20_003, 'payment_fingerprint')).toEqual({ first: 19_999, count: 2 });
    expect(t.size).toBe(20_001);
    expect([...t.sharedKeys()].sort((a, b) => a.first - b.first)).toEqual([
      { first: 7, count: 3, text: 'payment_fingerprint\u0000card-7' },
      { first: 19_999, count: 2, text: 'payment_fingerprint\u0000card-19999' },
    ]);
  });
});

describe('network flags on the shared check shape', () => {
  // a detector that always fails: a flag that runs shows up as RISK_CHECK_FAILED (fail closed)
  const failing = (from: string | null, to: string | null): NetworkFlag => ({
    ...linkedToRestricted,
    from,
    to,
    detect: () => {
      throw new Error('graph unavailable');
    },
  });
  const ctx = { now: new Date('2026-12-01T12:00:00Z') } as NetworkContext;
  const codes = (flag: NetworkFlag) => evaluateNetworkFlags(ctx, [flag]).map((r) => r.code);

  it('runs a flag in force on the decision date, and a failed one holds for review with a public citation', () => {
    const reasons = evaluateNetworkFlags(ctx, [failing('2026-01-01', null)]);
    expect(reasons).toEqual([expect.objectContaining({ code: 'RISK_CHECK_FAILED', severity: 'review', citation: expect.stringMatching(/^15 CFR Part 732/) })]);
  });

  it('skips a flag outside its from / to dates', () => {
    expect(codes(failing('2027-01-01', null))).toEqual([]);
    expect(codes(failing(null, '2026-12-01'))).toEqual([]);
    expect(codes(failing(null, '2026-12-02'))).toEqual(['RISK_CHECK_FAILED']);
  });
});

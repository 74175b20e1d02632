/**
 * Networks (issue 17) end to end: the link graph fed by stored orders, LINKED_TO_RESTRICTED,
 * SPLIT_ACROSS_LINKED_BUYERS, CUMULATIVE_CAPACITY, the graph surviving a restart, hashed storage, and the
 * network view. Real app, real SQLite file, the real Entity List file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { importSharedLists, runCli, runCliProcess, ENTITY_LIST_2026, entityListWithout, startTestApp, TestApp } from './helpers';
import { RescreenService } from '../src/decisions/rescreen.service';
import { NetworksService } from '../src/networks/networks.service';

const ENV = { LIST_MAX_AGE_DAYS: '36500' };
const EL_ONLY = [{ format: 'csl-csv', files: ['us-csl-entity-list-2026-07.csv'] }];
const IBAN = 'DE89 3704 0044 0532 0130 00';

interface Body {
  id: string;
  decision: string;
  reasons: { code: string; severity: string; subject: string; message: string; citation: string; evidence: Record<string, unknown> }[];
}

function order(buyer: string, extra: Record<string, unknown> = {}, quantity = 2) {
  return {
    date: '2026-11-20',
    buyer: { name: buyer, country: 'DE', kind: 'end_user', headquartersCountry: 'DE', incorporatedOn: '2001-01-01', ...extra },
    endUser: { name: buyer, country: 'DE', kind: 'end_user', headquartersCountry: 'DE' },
    items: [{ model: 'DGX H100', quantity }],
    endUse: 'model training in our own data centre',
    attributes: { oemInstallationPurchased: true, ownersDisclosed: true, endUserVerified: true },
  };
}

async function screen(t: TestApp, body: object): Promise<Body> {
  const res = await request(t.http).post('/v1/transactions/screen').send(body);
  expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
  return res.body as Body;
}

const codes = (b: Body) => b.reasons.map((r) => r.code);

describe('networks: the link graph over stored orders', () => {
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chipguard-networks-'));
    t = await startTestApp(ENV, dir);
    await importSharedLists(t, EL_ONLY);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an unknown identifier type with a 400 naming the field', async () => {
    const res = await request(t.http)
      .post('/v1/transactions/screen')
      .send(order('Gamma GmbH', { identifiers: [{ type: 'shoe_size', value: 'X1' }] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('buyer.identifiers[0].type');
  });

  it('three differently named buyers share a bank account with a denied party: the later ones are held with LINKED_TO_RESTRICTED', async () => {
    const denied = await screen(t, {
      ...order('Shanghai Biren Intelligent Technology Co., Ltd.', {
        country: 'CN',
        headquartersCountry: 'CN',
        identifiers: [{ type: 'bank_account', value: IBAN }],
      }),
      endUser: { name: 'Shanghai Biren Intelligent Technology Co., Ltd.', country: 'CN' },
    });
    expect(denied.decision).toBe('deny');
    expect(codes(denied)).not.toContain('LINKED_TO_RESTRICTED');

    // the same account written differently (no spaces, lower case) is the same value
    const second = await screen(
      t,
      order('Rhein Compute Services GmbH', { identifiers: [{ type: 'bank_account', value: IBAN.replace(/ /g, '').toLowerCase() }] }),
    );
    const third = await screen(t, order('Nordlicht Analytics GmbH', { identifiers: [{ type: 'bank_account', value: IBAN }] }));
    for (const b of [second, third]) {
      const linked = b.reasons.find((r) => r.code === 'LINKED_TO_RESTRICTED');
      expect(linked).toBeDefined();
      expect(b.decision).not.toBe('allow');
      expect(linked!.subject).toBe('buyer');
      expect(linked!.message).toContain('Shanghai Biren');
      expect(linked!.citation).toMatch(/Supp\. No\. 3 to 15 CFR Part 732/);
      // the value is shown masked: only its last 4 characters
      expect(linked!.message).toContain('…3000');
      expect(linked!.message).not.toContain('37040044');
    }

    // a buyer with no shared identifier is not linked
    const unrelated = await screen(t, order('Elbe Rechenwerk GmbH', { identifiers: [{ type: 'bank_account', value: 'DE02 1203 0000 0000 2020 51' }] }));
    expect(codes(unrelated)).not.toContain('LINKED_TO_RESTRICTED');
  });

  it('orders of linked buyers that add up past the large-order level are flagged SPLIT_ACROSS_LINKED_BUYERS', async () => {
    const ids = [{ type: 'payment_fingerprint', value: 'fp_9f8e7d6c5b4a' }];
    const first = await screen(t, order('Havel Cloud UG', { identifiers: ids }, 4)); // 32 accelerators
    expect(codes(first)).not.toContain('SPLIT_ACROSS_LINKED_BUYERS');
    const second = await screen(t, order('Spree Inference GmbH', { identifiers: ids }, 4)); // 32 more: 64
    const split = second.reasons.find((r) => r.code === 'SPLIT_ACROSS_LINKED_BUYERS');
    expect(split).toBeDefined();
    expect(split!.severity).toBe('review');
    expect(split!.evidence.total).toBe(64);
    expect(second.decision).not.toBe('allow');
  });

  it('accelerators shipped to one site beyond its stated power are flagged CUMULATIVE_CAPACITY', async () => {
    const site = { name: 'Werk 4 Rechenhalle', country: 'DE', address: 'Industriestraße 12, Halle 4, 68169 Mannheim' };
    const o = (buyer: string) => ({ ...order(buyer, {}, 3), shipTo: site, attributes: { ...order(buyer).attributes, sitePowerMw: 0.05 } });
    const first = await screen(t, o('Quadrat Rechenzentrum GmbH')); // 24 H100 x 1.28 kW = 31 kW of 50
    expect(codes(first)).not.toContain('CUMULATIVE_CAPACITY');
    const second = await screen(t, o('Quadrat Rechenzentrum GmbH')); // 62 kW > 50 kW
    const cap = second.reasons.find((r) => r.code === 'CUMULATIVE_CAPACITY');
    expect(cap).toBeDefined();
    expect(cap!.evidence.statedKw).toBe(50);
    expect(cap!.evidence.totalKw).toBeGreaterThan(50);
  });

  it('five cloud customers sharing one payment fingerprint: the fifth carries ACCOUNT_FARM', async () => {
    let last: Body | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await request(t.http)
        .post('/v1/cloud/customers/screen')
        .send({
          date: '2026-11-20',
          customer: {
            name: `Farmhand ${['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'][i]} Studio`,
            country: 'SG',
            identifiers: [
              { type: 'payment_fingerprint', value: 'card_4242_shared' },
              { type: 'email', value: `ops${i}@gmail.com` },
            ],
          },
          dataCenterCountry: 'US',
          accelerators: [{ model: 'H100', quantity: 8 }],
          intendedUse: 'inference',
        });
      expect(res.status).toBe(200);
      last = res.body as Body;
      if (i < 3) expect(codes(last)).not.toContain('ACCOUNT_FARM');
    }
    const farm = last!.reasons.find((r) => r.code === 'ACCOUNT_FARM');
    expect(farm).toBeDefined();
    expect(farm!.evidence.accounts).toBe(5);
    expect(last!.decision).not.toBe('allow');
  });

  describe('POST /v1/cloud/accounts/screen', () => {
    const farm = Array.from({ length: 8 }, (_, i) => ({
      accountId: `f${i}`,
      createdAt: `2026-06-01T0${i}:00:00Z`,
      name: `Operator ${i}`,
      country: i % 2 ? 'CN' : 'SG',
      identifiers: [
        { type: 'payment_fingerprint', value: `fp_${i % 2}` },
        { type: 'device_id', value: 'dev_shared' },
        { type: 'email', value: `x${i}@gmail.com` },
      ],
      usage: { requests: 30_000, tokensOut: 12_000_000 + i, distinctPrompts: 29_000 },
    }));
    const listed = [
      {
        accountId: 'L1',
        createdAt: '2026-03-01',
        name: 'Shanghai Biren Intelligent Technology Co., Ltd.',
        identifiers: [{ type: 'device_id', value: 'dev_biren' }],
      },
      { accountId: 'L2', createdAt: '2026-03-04', name: 'Wei Chen', identifiers: [{ type: 'device_id', value: 'dev_biren' }] },
    ];
    const accounts = [...farm, ...listed, { accountId: 'solo', createdAt: '2026-01-01', identifiers: [{ type: 'asn', value: '16509' }] }];

    function check(
      body: {
        clusters: { accountIds: string[]; reasons: { code: string }[]; shared: { type: string; value: string }[] }[];
        summary: { accounts: number; errors: number };
      },
      errors = 0,
    ) {
      expect(body.summary.accounts).toBe(accounts.length);
      expect(body.summary.errors).toBe(errors);
      const f = body.clusters.find((c) => c.accountIds.includes('f0'))!;
      expect(f.accountIds.sort()).toEqual(farm.map((a) => a.accountId).sort());
      expect(f.reasons.map((r) => r.code)).toContain('ACCOUNT_FARM');
      expect(f.shared.find((s) => s.type === 'device_id')!.value).not.toBe('dev_shared'); // masked
      const l = body.clusters.find((c) => c.accountIds.includes('L2'))!;
      expect(l.reasons.map((r) => r.code)).toContain('LINKED_TO_RESTRICTED');
      expect(body.clusters.some((c) => c.accountIds.includes('solo'))).toBe(false);
    }

    it('takes {"accounts": [...]} JSON', async () => {
      const res = await request(t.http).post('/v1/cloud/accounts/screen').set('content-type', 'application/json').send(JSON.stringify({ accounts }));
      expect(res.status).toBe(200);
      check(res.body);
    });

    it('takes NDJSON; a broken line is an error of its own and the rest is screened', async () => {
      const body = [...accounts.map((a) => JSON.stringify(a)), '{"accountId": "broken"'].join('\n');
      const res = await request(t.http).post('/v1/cloud/accounts/screen').set('content-type', 'application/x-ndjson').send(body);
      expect(res.status).toBe(200);
      check(res.body, 1);
      expect(res.body.errors[0].index).toBe(accounts.length);
    });

    it('takes CSV, one identifier type per column', async () => {
      const header = 'account_id,created_at,name,country,payment_fingerprint,device_id,email,asn,requests,tokens_out,distinct_prompts';
      const rows = accounts.map((a) => {
        const id = (t: string) => a.identifiers.find((x) => x.type === t)?.value ?? '';
        const u = (a as { usage?: Record<string, number> }).usage ?? {};
        return [
          a.accountId,
          a.createdAt,
          `"${(a as { name?: string }).name ?? ''}"`,
          (a as { country?: string }).country ?? '',
          id('payment_fingerprint'),
          id('device_id'),
          id('email'),
          id('asn'),
          u.requests ?? '',
          u.tokensOut ?? '',
          u.distinctPrompts ?? '',
        ].join(',');
      });
      const res = await request(t.http)
        .post('/v1/cloud/accounts/screen')
        .set('content-type', 'text/csv')
        .send([header, ...rows].join('\n'));
      expect(res.status).toBe(200);
      check(res.body);
    });

    it('a body that is not JSON is a 400, an unknown content type a 415', async () => {
      const bad = await request(t.http).post('/v1/cloud/accounts/screen').set('content-type', 'application/json').send('{"accounts": [ {"accountId": ');
      expect(bad.status).toBe(400);
      expect(Array.isArray(bad.body.message)).toBe(true);
      const other = await request(t.http).post('/v1/cloud/accounts/screen').set('content-type', 'application/xml').send('<a/>');
      expect(other.status).toBe(415);
    });

    it('npx chipguard accounts accounts.csv --out clusters.csv writes the clusters offline', async () => {
      const file = join(dir, 'accounts.ndjson');
      writeFileSync(file, accounts.map((a) => JSON.stringify(a)).join('\n'));
      const out = join(dir, 'clusters.csv');
      const res = await runCli(t.dbFile, ['accounts', file, '--out', out]);
      expect(res.out).toMatch(/11 account\(s\), 0 error\(s\) .* 1 account farm\(s\) \(8 accounts\), 1 linked to a listed party/);
      const csv = readFileSync(out, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('\ufeffcluster_id,account_id,cluster_size,score,reason_codes,shared,reasons');
      expect(csv).toMatch(/,f3,8,\d+,ACCOUNT_FARM/);
    });

    it('the accounts command shows a progress bar on stderr', async () => {
      const file = join(dir, 'accounts-bar.ndjson');
      writeFileSync(file, accounts.map((a) => JSON.stringify(a)).join('\n'));
      const res = await runCliProcess(['accounts', file, '--out', join(dir, 'clusters-bar.csv')], { DATABASE_URL: `sqlite:${t.dbFile}` });
      expect(res.code).toBe(0);
      expect(res.stderr).toMatch(/accounts \[[^\]]+\] 100% \| 1\/1 MB/);
      expect(res.stdout).toMatch(/11 account\(s\), 0 error\(s\)/);
    }, 60_000);
  });

  it('GET /v1/networks?party= returns the members and masked links; GET /v1/networks/:id the same network', async () => {
    const res = await request(t.http).get('/v1/networks').query({ party: 'Nordlicht Analytics GmbH' });
    expect(res.status).toBe(200);
    const names = res.body.members.map((m: { name: string }) => m.name);
    expect(names).toEqual(
      expect.arrayContaining(['Nordlicht Analytics GmbH', 'Rhein Compute Services GmbH', 'Shanghai Biren Intelligent Technology Co., Ltd.']),
    );
    expect(names).not.toContain('Elbe Rechenwerk GmbH');
    const listed = res.body.members.find((m: { name: string }) => m.name.startsWith('Shanghai Biren'));
    expect(listed.listed).toBe(true);
    expect(listed.decisionIds.length).toBeGreaterThan(0);
    expect(res.body.links.some((l: { via: { type: string; value: string } }) => l.via.type === 'bank_account' && l.via.value === '…3000')).toBe(true);
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toContain('LINKED_TO_RESTRICTED');
    expect(res.body.score).toBeGreaterThanOrEqual(70);
    const byId = await request(t.http).get(`/v1/networks/${res.body.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.members.length).toBe(res.body.members.length);
    expect((await request(t.http).get('/v1/networks').query({ party: 'Nobody Known Here' })).status).toBe(404);
    expect((await request(t.http).get('/v1/networks/net_nope')).status).toBe(404);
  });

  it('stores link values only as HMACs: the graph tables hold no identifier in plain text', async () => {
    await t.app.get((await import('../src/networks/networks.service')).NetworksService).drain();
    const db = t.app.get((await import('typeorm')).DataSource);
    const rows = [
      ...(await db.query('SELECT * FROM network_member')),
      ...(await db.query('SELECT * FROM network_order')),
      ...(await db.query('SELECT * FROM network_meta')),
    ];
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows).toLowerCase();
    for (const plain of ['de89370400440532013000', '37040044', 'fp_9f8e7d6c5b4a', 'industriestrasse', 'industriestraße']) expect(text).not.toContain(plain);
    const members = await db.query("SELECT valueHash, hint FROM network_member WHERE type = 'bank_account'");
    expect(members.length).toBeGreaterThanOrEqual(3);
    for (const m of members) expect(m.valueHash).toMatch(/^[0-9a-f]{64}$/);
    // and in the file itself, outside the decisions' own audit records, the account number never appears
    // (the database file with its write-ahead log: the newest pages may not be checkpointed into the file yet)
    const file = [t.dbFile, `${t.dbFile}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    expect(file).toContain(members[0].valueHash);
  });

  it('the graph survives a restart on the same SQLite file', async () => {
    await t.close();
    t = await startTestApp(ENV, dir);
    const fourth = await screen(t, order('Main Datenwerk GmbH', { identifiers: [{ type: 'bank_account', value: IBAN }] }));
    expect(codes(fourth)).toContain('LINKED_TO_RESTRICTED');
    const split = await screen(t, order('Saale Tensor GmbH', { identifiers: [{ type: 'payment_fingerprint', value: 'FP_9F8E7D6C5B4A' }] }, 1));
    expect(codes(split)).toContain('SPLIT_ACROSS_LINKED_BUYERS');
  }, 60_000);
});

describe('networks: bounded graph memory (a working set far smaller than the history)', () => {
  // 50 values and 20 parties in memory: every flag below needs what was evicted long before
  const SMALL = { ...ENV, NETWORK_CACHE_VALUES: '50', NETWORK_CACHE_NODES: '20' };
  let dir: string;
  let t: TestApp;
  let n = 0;
  const filler = async (count: number) => {
    for (let i = 0; i < count; i++, n++)
      await screen(
        t,
        order(`Filler Werk ${n} GmbH`, {
          identifiers: [
            { type: 'bank_account', value: `DE44 5001 0517 ${String(5407324000 + n)}` },
            { type: 'email', value: `einkauf@filler-${n}.de` },
          ],
        }),
      );
  };
  const graph = () => t.app.get(NetworksService).engine.graph;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chipguard-networks-bounded-'));
    t = await startTestApp(SMALL, dir);
    await importSharedLists(t, EL_ONLY);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps LINKED_TO_RESTRICTED, SPLIT_ACROSS_LINKED_BUYERS and CUMULATIVE_CAPACITY working with the graph read back from the database', async () => {
    const denied = await screen(t, {
      ...order('Shanghai Biren Intelligent Technology Co., Ltd.', {
        country: 'CN',
        headquartersCountry: 'CN',
        identifiers: [{ type: 'bank_account', value: IBAN }],
      }),
      endUser: { name: 'Shanghai Biren Intelligent Technology Co., Ltd.', country: 'CN' },
    });
    expect(denied.decision).toBe('deny');
    const fp = [{ type: 'payment_fingerprint', value: 'fp_bounded_0042' }];
    await screen(t, order('Havel Bounded UG', { identifiers: fp }, 4));
    const site = { name: 'Halle Neun', country: 'DE', address: 'Hafenstraße 9, Halle 9, 20457 Hamburg' };
    const toSite = (buyer: string) => ({ ...order(buyer, {}, 3), shipTo: site, attributes: { ...order(buyer).attributes, sitePowerMw: 0.05 } });
    await screen(t, toSite('Elbkraft Rechnen GmbH'));
    await filler(30);
    expect(graph().values.size).toBeLessThanOrEqual(50);
    expect(graph().nodes.size).toBeLessThanOrEqual(20);
    expect(graph().complete).toBe(false);
    expect(graph().values.size).toBeGreaterThan(0);

    const linked = await screen(t, order('Nordlicht Bounded GmbH', { identifiers: [{ type: 'bank_account', value: IBAN }] }));
    expect(codes(linked)).toContain('LINKED_TO_RESTRICTED');
    const split = await screen(t, order('Spree Bounded GmbH', { identifiers: fp }, 4));
    expect(split.reasons.find((r) => r.code === 'SPLIT_ACROSS_LINKED_BUYERS')?.evidence.total).toBe(64);
    const cap = await screen(t, toSite('Elbkraft Rechnen GmbH'));
    expect(codes(cap)).toContain('CUMULATIVE_CAPACITY');
    // a party with nothing in common stays clean
    await filler(1);
  }, 180_000);

  it('after a restart with more in the database than fits, the flags still work and memory stays within the limits', async () => {
    await filler(10);
    await t.close();
    t = await startTestApp(SMALL, dir);
    expect(graph().complete).toBe(false);
    expect(graph().values.size).toBe(0);
    const linked = await screen(t, order('Main Bounded GmbH', { identifiers: [{ type: 'bank_account', value: IBAN.toLowerCase() }] }));
    expect(codes(linked)).toContain('LINKED_TO_RESTRICTED');
    const split = await screen(t, order('Saale Bounded GmbH', { identifiers: [{ type: 'payment_fingerprint', value: 'FP_BOUNDED_0042' }] }, 1));
    expect(codes(split)).toContain('SPLIT_ACROSS_LINKED_BUYERS');
    await filler(20);
    expect(graph().values.size).toBeLessThanOrEqual(50);
    expect(graph().nodes.size).toBeLessThanOrEqual(20);
    const res = await request(t.http).get('/v1/networks').query({ party: 'Main Bounded GmbH' });
    expect(res.status).toBe(200);
    expect(res.body.members.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['Main Bounded GmbH', 'Shanghai Biren Intelligent Technology Co., Ltd.']),
    );
  }, 180_000);
});

describe('networks: re-screen takes the link graph into account', () => {
  const ACCOUNT = 'DE75 5121 0800 1245 1261 99';
  const REG = [{ type: 'registration_number', value: 'HRB 99123 B' }];
  let t: TestApp;
  const ids: Record<string, string> = {};
  const importEl = (data: Buffer, name: string) => request(t.http).post('/v1/lists/import').field('format', 'csl-csv').attach('file', data, name);

  beforeAll(async () => {
    t = await startTestApp({ ...ENV, CHIPGUARD_LOAD_SAMPLE: '0' });
    t.app.get(RescreenService).debounceMs = 60_000; // the test runs it itself
    expect((await importEl(entityListWithout('Interquest GmbH'), 'el-old.csv')).status).toBe(200);
    // a forwarder not listed yet, and two buyers sharing its bank account (one also its registration number)
    const bank = [{ type: 'bank_account', value: ACCOUNT }];
    ids.forwarder = (await screen(t, order('Interquest GmbH', { identifiers: [...bank, ...REG] }))).id;
    const linked = await screen(t, order('Havelland Systemhaus GmbH', { identifiers: bank }));
    expect(codes(linked)).not.toContain('LINKED_TO_RESTRICTED');
    ids.linked = linked.id;
    const close = await screen(t, order('Uckermark Datentechnik GmbH', { identifiers: [...bank, ...REG] }));
    expect(close.decision).not.toBe('deny');
    ids.close = close.id;
    ids.unrelated = (await screen(t, order('Prignitz Rechenwerk GmbH', { identifiers: [{ type: 'bank_account', value: 'DE12 5001 0517 0648 4898 90' }] }))).id;
  }, 120_000);
  afterAll(() => t?.close());

  it('a newly listed party raises the decisions linked to it: reopened with a network finding (review, or deny for a link strong enough)', async () => {
    expect((await importEl(readFileSync(ENTITY_LIST_2026), 'el-2026-07.csv')).status).toBe(200);
    const report = await t.app.get(RescreenService).run({ trigger: 'manual' });
    const wouldBe = Object.fromEntries(report.decisions.map((d) => [d.id, d.wouldBe]));
    expect(wouldBe[ids.forwarder]).toBe('deny'); // its own list match
    expect(wouldBe[ids.linked]).toBe('review'); // one strong link to a listed party
    expect(wouldBe[ids.close]).toBe('deny'); // bank account and registration number: link strength 2
    expect(wouldBe[ids.unrelated]).toBeUndefined();
    expect(report.network).toMatchObject({ listedParties: 1, changed: 2 });

    const original = (await request(t.http).get(`/v1/decisions/${ids.linked}`)).body;
    expect(original.status).toBe('reopened');
    const finding = (await request(t.http).get(`/v1/decisions/${original.reopenedBy[0]}`)).body;
    const reason = finding.reasons.find((r: { code: string }) => r.code === 'RESCREEN_STRICTER');
    expect(reason.evidence).toMatchObject({ source: 'NETWORK', networkCode: 'LINKED_TO_RESTRICTED', linkedParty: 'Interquest GmbH', wouldBe: 'review' });
    expect(reason.message).toContain('…6199');
    expect(reason.message).not.toContain('12451261');
    expect(reason.citation).toMatch(/Supp\. No\. 3 to 15 CFR Part 732/);
    expect((await request(t.http).get(`/v1/decisions/${ids.unrelated}`)).body.status).not.toBe('reopened');
  }, 120_000);

  it('a network-only hold is re-derived by the next re-screen: kept as it is, not reported again as stricter', async () => {
    // after the listing, a new buyer on the same account is held by the network flag alone
    // (one DGX: with the linked buyers' 48 accelerators still below the split level of 64)
    const held = await screen(t, order('Barnim Tensorwerk GmbH', { identifiers: [{ type: 'bank_account', value: ACCOUNT }] }, 1));
    expect(held.decision).toBe('review');
    expect(held.reasons.filter((r) => r.severity !== 'info').map((r) => r.code)).toEqual(['LINKED_TO_RESTRICTED']);
    const report = await t.app.get(RescreenService).run({ trigger: 'manual' });
    expect(report.network!.linkedChecked).toBeGreaterThanOrEqual(1);
    expect(report.decisions.map((d) => d.id)).not.toContain(held.id);
    expect((await request(t.http).get(`/v1/decisions/${held.id}`)).body.status).toBe('open');
  }, 120_000);
});

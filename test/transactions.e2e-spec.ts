/**
 * The scenario suite of the transaction decision (issue 6), end to end through the HTTP API against the
 * real shared lists: the orders are data in ./scenarios.ts. Also: replay of a stored decision, fail-closed
 * behaviour (no list -> 503, sample or stale lists -> review, unknown item -> review) and input validation.
 */
import { copyFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { importSharedLists, runCli, startTestApp, TestApp } from './helpers';
import { formatFigures, ScenarioOutcome, scenarioFigures } from './scenario-eval';
import { LEGAL_EDGE_CASES, Scenario, SCENARIOS, scenarioSource } from './scenarios';

interface ReasonBody {
  code: string;
  severity: 'deny' | 'review' | 'info';
  subject: string;
  message: string;
  citation: string;
  evidence?: { source?: string; matchedOn?: string };
}

/** Everything wrong with a response against a scenario's expectations (empty when it is right). */
function problems(s: Scenario, body: { decision: string; reasons: ReasonBody[] }): string[] {
  const out: string[] = [];
  const reasons = body.reasons;
  const codes = new Set(reasons.map((r) => r.code));
  if (body.decision !== s.decision) out.push(`decision ${body.decision}, expected ${s.decision}`);
  if (s.decision === 'allow') {
    for (const r of reasons.filter((x) => x.severity !== 'info')) out.push(`allow must carry no ${r.severity} reason: ${r.code} (${r.subject})`);
  }
  for (const c of s.codes ?? []) if (!codes.has(c)) out.push(`missing reason ${c}`);
  for (const c of s.absent ?? []) if (codes.has(c)) out.push(`unexpected reason ${c}`);
  for (const [c, sev] of Object.entries(s.severities ?? {})) {
    if (!reasons.some((r) => r.code === c && r.severity === sev)) out.push(`missing ${c} with severity ${sev}`);
  }
  for (const e of s.sources ?? []) {
    const hit = reasons.some(
      (r) =>
        r.code === 'PARTY_LIST_MATCH' && r.subject === e.subject && r.evidence?.source === e.source && (!e.matchedOn || r.evidence?.matchedOn === e.matchedOn),
    );
    if (!hit) out.push(`missing PARTY_LIST_MATCH of ${e.subject} on ${e.source}${e.matchedOn ? ` by ${e.matchedOn}` : ''}`);
  }
  // every reason is coded and cited
  for (const r of reasons) {
    if (!/^[A-Z][A-Z0-9_]+$/.test(r.code) || !r.citation || !r.message || !r.subject)
      out.push(`reason without code/citation/message/subject: ${JSON.stringify(r)}`);
  }
  return out;
}

const summary = (reasons: ReasonBody[]) =>
  reasons.map(
    (r) => `[${r.severity}] ${r.code} ${r.subject}${r.evidence?.source ? ` ${r.evidence.source}/${r.evidence.matchedOn}` : ''}: ${r.message.slice(0, 140)}`,
  );

async function screen(t: TestApp, s: Scenario) {
  const res = await request(t.http).post('/v1/transactions/screen').send(s.request);
  expect({ scenario: s.name, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ scenario: s.name, status: 200, body: 'ok' });
  return res;
}

function assertScenario(s: Scenario, body: { decision: string; reasons: ReasonBody[] }): void {
  const p = problems(s, body);
  expect({ scenario: s.name, problems: p, reasons: p.length ? summary(body.reasons) : [] }).toEqual({ scenario: s.name, problems: [], reasons: [] });
}

/** Runs `chipguard <args>` in-process against the given SQLite file; returns what it printed. */
/** A clean allied order, reused by the fail-closed apps. */
const CLEAN = SCENARIOS.find((s) => s.request.reference === 'SC-A2')!;

describe('transactions: scenario suite end to end (real shared lists)', () => {
  let t: TestApp;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '36500', CHIPGUARD_LOAD_SAMPLE: '0' });
    await importSharedLists(t);
  });
  afterAll(() => t.close());

  const outcomes: ScenarioOutcome[] = [];

  it('covers the required ground: >= 100 orders, >= 10 clean allied allow, every decision kind, each with its public source', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(100);
    expect(SCENARIOS.filter((s) => !scenarioSource(s)).map((s) => s.name)).toEqual([]);
    // profile-answered weak flags, red-flag-only reviews, deny combinations / deception and listed parties are all there
    expect(SCENARIOS.filter((s) => s.decision === 'allow' && Object.values(s.severities ?? {}).includes('info')).length).toBeGreaterThanOrEqual(5);
    expect(SCENARIOS.filter((s) => /^SC-F/.test(String(s.request.reference)) && s.decision === 'review').length).toBeGreaterThanOrEqual(15);
    expect(SCENARIOS.filter((s) => /^SC-X/.test(String(s.request.reference)) && s.decision === 'deny').length).toBeGreaterThanOrEqual(8);
    expect(SCENARIOS.filter((s) => s.sources?.length).length).toBeGreaterThanOrEqual(10);
    expect(SCENARIOS.filter((s) => s.decision === 'allow' && /^A\d/.test(s.name)).length).toBeGreaterThanOrEqual(10);
    for (const d of ['allow', 'review', 'deny']) expect(SCENARIOS.some((s) => s.decision === d)).toBe(true);
    const refs = SCENARIOS.map((s) => s.request.reference);
    expect(new Set(refs).size).toBe(refs.length);
    for (const s of [...SCENARIOS, ...LEGAL_EDGE_CASES]) expect(typeof s.request.date).toBe('string');
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const res = await screen(t, s);
    ids.set(String(s.request.reference), res.body.id);
    outcomes.push({ name: s.name, expected: s.decision, actual: res.body.decision });
    assertScenario(s, res.body);
    expect(res.body.id).toMatch(/^dec_/);
    expect(res.body.listVersions.EL).toBeDefined();
    expect(res.body.listVersions.SDN).toBeDefined();
    expect(res.body.rulesVersion).toEqual(expect.any(String));
    expect(res.body.items).toHaveLength((s.request.items as unknown[]).length);
  });

  it('scenarioFigures counts a stricter answer as over-blocking and a more lenient one as under-blocking', () => {
    const f = scenarioFigures([
      { name: 'a', expected: 'allow', actual: 'review' },
      { name: 'b', expected: 'deny', actual: 'review' },
      { name: 'c', expected: 'review', actual: 'review' },
    ]);
    expect([f.agree, f.over, f.under, f.confusion.deny.review]).toEqual([1, 1, 1, 1]);
    expect(formatFigures(f)).toMatch(/1 agree, 1 over-blocking, 1 under-blocking[\s\S]*UNDER: b/);
  });

  it('scenario-suite figures: agree / over-blocking / under-blocking (under-blocking must be 0)', () => {
    expect(outcomes).toHaveLength(SCENARIOS.length);
    const figures = scenarioFigures(outcomes);
    process.stdout.write(formatFigures(figures) + '\n');
    expect(figures.underBlocked).toEqual([]);
    expect(figures.overBlocked).toEqual([]);
    expect(figures.agree).toBe(SCENARIOS.length);
  });

  // Legal edge cases (see LEGAL_EDGE_CASES in scenarios.ts: each names the rule that decides it)
  it.each(LEGAL_EDGE_CASES.map((s) => [s.name, s] as const))('legal edge case: %s', async (_name, s) => {
    const res = await screen(t, s);
    assertScenario(s, res.body);
  });

  it('the response is the stored decision: GET /v1/decisions/:id gives back the same fields and values', async () => {
    const s = SCENARIOS.find((x) => x.request.reference === 'SC-L10')!;
    const posted = await request(t.http).post('/v1/transactions/screen').send(s.request);
    expect(posted.status).toBe(200);
    expect(posted.headers['content-type']).toMatch(/^application\/json/);
    expect(posted.headers['x-request-id']).toBeTruthy();
    const stored = (await request(t.http).get(`/v1/decisions/${posted.body.id}`)).body;
    const picked = Object.fromEntries(Object.keys(posted.body).map((k) => [k, stored[k]]));
    expect(picked).toEqual(posted.body);
  });

  describe('replay: same stored request + same versions -> same outcome', () => {
    it.each([['SC-A2'], ['SC-CN2'], ['SC-L10'], ['SC-C7']])('replays %s', async (ref) => {
      const id = ids.get(ref);
      expect(id).toBeDefined();
      const stored = await request(t.http).get(`/v1/decisions/${id}`);
      expect(stored.status).toBe(200);
      expect(stored.body.request.reference).toBe(ref);
      expect(stored.body.request.date).toEqual(expect.any(String));

      const again = await request(t.http).post('/v1/transactions/screen').send(stored.body.request);
      expect(again.status).toBe(200);
      expect(again.body.id).not.toBe(id);
      const key = (b: { decision: string; rulesVersion: string; listVersions: unknown; riskScore: number; reasons: ReasonBody[] }) => ({
        decision: b.decision,
        rulesVersion: b.rulesVersion,
        listVersions: b.listVersions,
        reasons: b.reasons.map((r) => `${r.severity} ${r.code} ${r.subject} ${r.evidence?.source ?? ''}`).sort(),
      });
      expect(key(again.body)).toEqual(key(stored.body));
      // the replayed decision stored the same request
      const second = await request(t.http).get(`/v1/decisions/${again.body.id}`);
      expect(second.body.request).toEqual(stored.body.request);
    });
  });

  describe('CLI: chipguard screen-order <order.json>', () => {
    const scenario = (ref: string) => SCENARIOS.find((s) => s.request.reference === ref)!;
    // The CLI runs on a copy of the app's database (same imported lists), so its decisions stay out of the
    // app's order history and the API results compared below.
    let cliDb: string;
    beforeAll(async () => {
      cliDb = join(t.dir, 'cli.sqlite');
      // the list imports may still sit in the write-ahead log: fold it into the file before copying it
      await t.app.get(DataSource).query('PRAGMA wal_checkpoint(TRUNCATE)');
      copyFileSync(t.dbFile, cliDb);
    });

    it('prints the outcome first, then the reasons grouped by subject (same database, same lists)', async () => {
      const s = scenario('SC-L1');
      const file = join(t.dir, 'order-l1.json');
      writeFileSync(file, JSON.stringify(s.request, null, 2));
      const { out } = await runCli(cliDb, ['screen-order', file]);
      const lines = out.split('\n');
      expect(lines[0]).toMatch(/^DENY\s+risk \d+\/100\s+dec_/);
      expect(out).toMatch(/^rules \d{4}-\d{2}-\d{2}/m);
      expect(out).toMatch(/^lists .*EL \d{4}-\d{2}-\d{2}/m);
      // grouped: one heading per subject, the deny reasons under the buyer, the licence under the item
      const buyer = lines.indexOf('Buyer — Inspur Electronic Info Industry Co Ltd');
      const endUser = lines.indexOf('End user — Inspur Electronic Info Industry Co Ltd');
      const item = lines.findIndex((l) => l.startsWith('Item 1 — 10 x HGX H100'));
      expect(buyer).toBeGreaterThan(0);
      expect(endUser).toBeGreaterThan(buyer);
      expect(item).toBeGreaterThan(0);
      expect(lines[buyer + 1]).toMatch(/^ {2}DENY {3}PARTY_LIST_MATCH: .*EL entry/);
      expect(lines[buyer + 2]).toMatch(/15 CFR 744\.11/);
      expect(out).toMatch(/LICENSE_REQUIRED: 4A090\.a to China/);
    });

    it('--json prints the full decision, the same as the API gives for the same request and lists', async () => {
      const s = scenario('SC-A2');
      const file = join(t.dir, 'order-a2.json');
      writeFileSync(file, JSON.stringify(s.request));
      const { out } = await runCli(cliDb, ['screen-order', file, '--json']);
      const cli = JSON.parse(out);
      const api = (await request(t.http).post('/v1/transactions/screen').send(s.request)).body;
      const key = (b: { decision: string; rulesVersion: string; listVersions: unknown; reasons: ReasonBody[] }) => ({
        decision: b.decision,
        rulesVersion: b.rulesVersion,
        listVersions: b.listVersions,
        reasons: b.reasons.map((r) => `${r.severity} ${r.code} ${r.subject}`).sort(),
      });
      expect(cli.decision).toBe('allow');
      expect(cli.id).toMatch(/^dec_/);
      expect(key(cli)).toEqual(key(api));
    });

    it('the exit status follows the decision: 0 allow, 2 review, 3 deny', async () => {
      const statusOf = async (ref: string) => {
        const file = join(t.dir, `order-${ref}.json`);
        writeFileSync(file, JSON.stringify(scenario(ref).request));
        const { out, exitCode } = await runCli(cliDb, ['screen-order', file]);
        return { decision: out.split(/\s/)[0], exitCode };
      };
      expect(await statusOf('SC-A2')).toEqual({ decision: 'ALLOW', exitCode: 0 });
      expect(await statusOf('SC-CN2')).toEqual({ decision: 'REVIEW', exitCode: 2 });
      expect(await statusOf('SC-L1')).toEqual({ decision: 'DENY', exitCode: 3 });
    });

    it('rejects an invalid order with every field error, before touching the database', async () => {
      const file = join(t.dir, 'order-bad.json');
      writeFileSync(
        file,
        JSON.stringify({
          buyer: { name: 'X', country: 'XX' },
          items: [{ model: 'H100', quantity: -1 }],
          attributes: { sitePowerMw: 'big', note: 'kept' },
          shipVia: 'air',
        }),
      );
      await expect(runCli(cliDb, ['screen-order', file])).rejects.toThrow(
        /invalid order:[\s\S]*shipVia[\s\S]*buyer\.country[\s\S]*items\[0\]\.quantity[\s\S]*attributes\.sitePowerMw/,
      );
      const notJson = join(t.dir, 'order-broken.json');
      writeFileSync(notJson, '{"buyer": ');
      await expect(runCli(cliDb, ['screen-order', notJson])).rejects.toThrow(/not valid JSON/);
    });

    it("applies the API's request rules too: owners' shares over 100 are refused with the API's line", async () => {
      const body = {
        ...JSON.parse(JSON.stringify(CLEAN.request)),
        beneficialOwners: [
          { name: 'A', ownershipPercent: 60 },
          { name: 'B', ownershipPercent: 60 },
        ],
      };
      const api = await request(t.http).post('/v1/transactions/screen').send(body).expect(400);
      const line = (api.body.message as string[]).find((m) => /adds up to 120/.test(m));
      expect(line).toBeDefined();
      const file = join(t.dir, 'order-owners.json');
      writeFileSync(file, JSON.stringify(body));
      await expect(runCli(cliDb, ['screen-order', file])).rejects.toThrow(line);
    });
  });

  describe('input validation', () => {
    const base = () => JSON.parse(JSON.stringify(CLEAN.request)) as Record<string, any>;
    const post = (body: unknown) =>
      request(t.http)
        .post('/v1/transactions/screen')
        .send(body as object);
    const messages = (res: request.Response) => (Array.isArray(res.body.message) ? res.body.message.join(' | ') : String(res.body.message));

    it('unknown country code -> 400 naming the field', async () => {
      const b = base();
      b.buyer.country = 'XX';
      b.shipTo.country = 'ZZ';
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('Bad Request');
      expect(messages(res)).toMatch(/buyer\.country/);
      expect(messages(res)).toMatch(/shipTo\.country/);
    });

    it('negative or zero quantity -> 400 naming the item', async () => {
      const b = base();
      b.items = [
        { model: 'H100 SXM5', quantity: -5 },
        { model: 'H100 SXM5', quantity: 0 },
      ];
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(messages(res)).toMatch(/items\[0\]\.quantity/);
      expect(messages(res)).toMatch(/items\[1\]\.quantity/);
    });

    it('missing buyer -> 400', async () => {
      const b = base();
      delete b.buyer;
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(messages(res)).toMatch(/buyer/);
    });

    it('a documented attribute of the wrong type -> 400 naming it', async () => {
      const b = base();
      b.attributes = { ...b.attributes, sitePowerMw: 'plenty', relabelRequested: 'no' };
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(messages(res)).toMatch(/attributes\.sitePowerMw/);
      expect(messages(res)).toMatch(/attributes\.relabelRequested/);
    });

    it('an empty items list and an unknown top-level field -> 400', async () => {
      const b = base();
      b.items = [];
      b.shipFromWarehouse = 'NJ-3';
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(messages(res)).toMatch(/items must hold at least 1 item/);
      expect(messages(res)).toMatch(/shipFromWarehouse/);
    });

    it('a ship-to without a country -> 400 (API.md: country required for the ship-to)', async () => {
      const b = base();
      delete b.shipTo.country;
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(messages(res)).toMatch(/shipTo\.country/);
    });

    it('an array where a party, payment, item or specs object belongs -> 400 naming the field, never a 500 or a silent drop', async () => {
      const cases: [string, (b: Record<string, any>) => void, RegExp][] = [
        ['buyer', (b) => (b.buyer = [b.buyer]), /buyer must be an object/],
        ['endUser', (b) => (b.endUser = [b.endUser]), /endUser must be an object/],
        ['shipTo', (b) => (b.shipTo = [b.shipTo]), /shipTo must be an object/],
        ['payment', (b) => (b.payment = [{ originCountry: 'hk' }]), /payment must be an object/],
        ['items', (b) => (b.items = [b.items]), /each value in items must be an object/],
        ['intermediaries', (b) => (b.intermediaries = [[{ name: 'Fast Forwarders', country: 'MY' }]]), /each value in intermediaries must be an object/],
        ['specs', (b) => (b.items[0].specs = [{ tpp: 99999 }]), /items\[0\]\.specs must be an object/],
      ];
      for (const [field, mutate, message] of cases) {
        const b = base();
        mutate(b);
        const res = await post(b);
        expect({ field, status: res.status, error: res.body.error }).toEqual({ field, status: 400, error: 'Bad Request' });
        expect(messages(res)).toMatch(message);
      }
    });

    it('a body that is not valid JSON -> 400 with message as an array and the request id', async () => {
      for (const raw of ['{"buyer":', 'null']) {
        const res = await request(t.http).post('/v1/transactions/screen').set('Content-Type', 'application/json').send(raw);
        expect(res.status).toBe(400);
        expect(res.body).toEqual(expect.objectContaining({ statusCode: 400, error: 'Bad Request', message: [expect.any(String)] }));
        expect(res.headers['x-request-id']).toBe(res.body.requestId);
      }
    });

    it("a batch row with an array where an object belongs is that row's error; the valid rows beside it are decided", async () => {
      const good = base();
      good.reference = 'BATCH-GOOD';
      const badItems = base();
      badItems.items = [badItems.items];
      const badBuyer = base();
      badBuyer.buyer = [badBuyer.buyer];
      const res = await request(t.http)
        .post('/v1/transactions/batch')
        .send({ transactions: [good, badItems, badBuyer] });
      expect(res.status).toBe(200);
      const [r0, r1, r2] = res.body.results;
      expect(r0).toEqual(expect.objectContaining({ reference: 'BATCH-GOOD', decision: 'allow', id: expect.any(String) }));
      expect(r1.error).toMatch(/each value in items must be an object/);
      expect(r2.error).toMatch(/buyer must be an object/);
    });

    it('unknown attribute keys are accepted, stored and ignored', async () => {
      const b = base();
      b.reference = 'SC-A2-extra-attributes';
      b.attributes = { ...b.attributes, favouriteColour: 'blue', crmScore: 7 };
      const res = await post(b);
      expect(res.status).toBe(200);
      expect(res.body.decision).toBe('allow');
      const stored = await request(t.http).get(`/v1/decisions/${res.body.id}`);
      expect(stored.body.request.attributes.favouriteColour).toBe('blue');
      expect(stored.body.request.attributes.crmScore).toBe(7);
    });
  });
});

describe('transactions: fail closed — no list loaded -> 503', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0' });
  });
  afterAll(() => t.close());

  it('answers 503 and stores nothing', async () => {
    const res = await request(t.http).post('/v1/transactions/screen').send(CLEAN.request);
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).toMatch(/list/i);
    const list = await request(t.http).get('/v1/decisions');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it('the CLI says plainly that no list is loaded and makes no decision', async () => {
    const file = join(t.dir, 'order.json');
    writeFileSync(file, JSON.stringify(CLEAN.request));
    await expect(runCli(t.dbFile, ['screen-order', file])).rejects.toThrow(/no decision: no restricted-party list is loaded/);
  });

  it('still answers 400 for bad input (validation comes before the list check)', async () => {
    const res = await request(t.http).post('/v1/transactions/screen').send({ items: [] });
    expect(res.status).toBe(400);
    const bad = JSON.parse(JSON.stringify(CLEAN.request));
    bad.attributes.sitePowerMw = 'lots';
    const res2 = await request(t.http).post('/v1/transactions/screen').send(bad);
    expect(res2.status).toBe(400);
    expect(res2.body.message.join(' ')).toMatch(/attributes\.sitePowerMw/);
  });
});

describe('transactions: fail closed — only the bundled sample lists -> review', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '36500' });
  });
  afterAll(() => t.close());

  it('a clean allied order is held for review with LISTS_SAMPLE_ONLY, never allowed', async () => {
    const res = await request(t.http).post('/v1/transactions/screen').send(CLEAN.request);
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe('review');
    expect(res.body.reasons.find((r: ReasonBody) => r.code === 'LISTS_SAMPLE_ONLY')).toMatchObject({ severity: 'review', subject: 'order' });
  });
});

describe('transactions: fail closed — stale lists -> review', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '1', CHIPGUARD_LOAD_SAMPLE: '0' });
    await importSharedLists(t, [{ format: 'un-xml', files: ['un-consolidated.xml'] }]);
  });
  afterAll(() => t.close());

  it('a clean allied order is held for review with LISTS_STALE, never allowed', async () => {
    const res = await request(t.http).post('/v1/transactions/screen').send(CLEAN.request);
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe('review');
    const stale = res.body.reasons.find((r: ReasonBody) => r.code === 'LISTS_STALE');
    expect(stale).toMatchObject({ severity: 'review', subject: 'order' });
    expect(stale.message).toMatch(/UN/);
  });
});

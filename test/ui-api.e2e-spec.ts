/**
 * The API additions behind the web interface (real app, real SQLite, a real list file): GET /v1/decisions/stats,
 * the queue's ids / order parameters and the new statuses, GET /v1/rules/thresholds, GET /v1/risk/red-flags,
 * POST /v1/transactions/batch/report, staleness in GET /v1/lists, and the pages and static files at /.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { DecisionRow } from '../src/database/entities';
import { DecisionStore } from '../src/database/decision-store';
import { SHARED_LISTS, startTestApp, TestApp } from './helpers';

jest.setTimeout(180_000);

const SE = { name: 'Nordic Compute AB', country: 'SE' };
const order = (reference: string, extra: Record<string, unknown> = {}) => ({
  reference,
  date: '2026-03-02',
  buyer: SE,
  endUser: SE,
  shipTo: { name: 'Nordic Compute Luleå DC', country: 'SE' },
  items: [{ model: 'L4', quantity: 8 }],
  ...extra,
});

describe('web interface API additions (real app, real SQLite)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
    const imported = await request(t.http)
      .post('/v1/lists/import')
      .field('format', 'csl-csv')
      .attach('file', join(SHARED_LISTS, 'us-csl-2025-format-sample.csv'));
    expect(imported.status).toBe(200);
    for (const [ref, extra] of [
      ['S-ALLOW', {}],
      ['S-REVIEW-1', { endUser: undefined }],
      ['S-REVIEW-2', { endUser: undefined }],
    ] as const) {
      const res = await request(t.http).post('/v1/transactions/screen').send(order(ref, extra));
      expect(res.status).toBe(200);
      ids[ref] = res.body.id;
    }
  });
  afterAll(() => t.close());

  describe('GET /v1/decisions/stats', () => {
    it('counts decisions per day by outcome and the top reason codes over the period, and the queue per status', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const res = await request(t.http).get(`/v1/decisions/stats?from=${today}&to=${today}`);
      expect(res.status).toBe(200);
      expect(res.body.perDay).toEqual([{ day: today, allow: 1, review: 2, deny: 0 }]);
      expect(res.body.totals).toEqual({ allow: 1, review: 2, deny: 0 });
      // the same counts as the stored decisions say, a code counted once per decision
      const all = (await request(t.http).get('/v1/decisions')).body.items as { reasonCodes: string[] }[];
      const expected = new Map<string, number>();
      for (const d of all) for (const c of new Set(d.reasonCodes)) expected.set(c, (expected.get(c) ?? 0) + 1);
      expect(res.body.topReasons.length).toBe(Math.min(10, expected.size));
      for (const r of res.body.topReasons) expect(r.decisions).toBe(expected.get(r.code));
      expect(res.body.topReasons[0].decisions).toBe(Math.max(...expected.values()));
      expect(res.body.queue).toEqual({ open: 2 });
    });

    it('defaults to the last 30 days, fills empty days with 0, and excludes decisions outside the period', async () => {
      const res = await request(t.http).get('/v1/decisions/stats');
      expect(res.status).toBe(200);
      expect(res.body.perDay).toHaveLength(30);
      expect(res.body.perDay[0]).toMatchObject({ allow: 0, review: 0, deny: 0 });
      const past = await request(t.http).get('/v1/decisions/stats?from=2020-01-01&to=2020-01-31');
      expect(past.body.totals).toEqual({ allow: 0, review: 0, deny: 0 });
      expect(past.body.topReasons).toEqual([]);
    });

    it('refuses bad periods with 400', async () => {
      for (const q of ['from=2026-02-30', 'from=2026-05-01&to=2026-04-01', 'from=2020-01-01&to=2026-01-01', 'bogus=1']) {
        const res = await request(t.http).get(`/v1/decisions/stats?${q}`);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
      }
    });
  });

  describe('queue additions', () => {
    it('filters by decision ids and sorts oldest first with a cursor', async () => {
      const two = await request(t.http).get(`/v1/decisions?ids=${ids['S-ALLOW']},${ids['S-REVIEW-2']}`);
      expect(two.status).toBe(200);
      expect(two.body.items.map((d: { reference: string }) => d.reference)).toEqual(['S-REVIEW-2', 'S-ALLOW']);

      const first = await request(t.http).get('/v1/decisions?order=oldest&limit=2');
      expect(first.body.items.map((d: { reference: string }) => d.reference)).toEqual(['S-ALLOW', 'S-REVIEW-1']);
      const next = await request(t.http).get(`/v1/decisions?order=oldest&limit=2&cursor=${first.body.nextCursor}`);
      expect(next.body.items.map((d: { reference: string }) => d.reference)).toEqual(['S-REVIEW-2']);
      expect(next.body.nextCursor).toBeNull();

      const newest = await request(t.http).get('/v1/decisions?limit=1');
      expect(newest.body.items[0].reference).toBe('S-REVIEW-2');
    });

    it('accepts the reopened and pending_approval statuses and refuses bad ids and orders', async () => {
      // a decision put in the four-eyes state directly in the store (the access engineer's flow writes it)
      await t.app.get(DecisionStore).db.getRepository(DecisionRow).update({ id: ids['S-REVIEW-1'] }, { status: 'pending_approval' });
      const pending = await request(t.http).get('/v1/decisions?status=pending_approval');
      expect(pending.body.items.map((d: { id: string }) => d.id)).toEqual([ids['S-REVIEW-1']]);
      expect((await request(t.http).get('/v1/decisions?status=reopened')).body.items).toEqual([]);
      expect((await request(t.http).get('/v1/decisions/stats')).body.queue).toEqual({ open: 1, pending_approval: 1 });
      await t.app.get(DecisionStore).db.getRepository(DecisionRow).update({ id: ids['S-REVIEW-1'] }, { status: 'open' });

      const tooMany = Array.from({ length: 101 }, (_, i) => `dec_${i}`).join(',');
      for (const q of [`ids=${tooMany}`, 'ids=a%27b', 'order=sideways']) {
        const res = await request(t.http).get(`/v1/decisions?${q}`);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
      }
    });
  });

  describe('GET /v1/rules/thresholds', () => {
    it('gives the 3A090 branches of a rule set from the rule data, by version or by date', async () => {
      const rules = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'rules', 'rule-sets.json'), 'utf8')) as {
        ruleSets: { id: string; changes: { eccn3A090?: { branches: unknown[] } } }[];
      };
      const v2023 = rules.ruleSets.find((r) => r.id === '2023-11-17')!;
      const res = await request(t.http).get('/v1/rules/thresholds?version=2023-11-17');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rulesVersion: '2023-11-17', branches: v2023.changes.eccn3A090!.branches, note2NonDatacenterTppMin: 4800 });
      expect(res.body.branches).toContainEqual(expect.objectContaining({ id: 'a.2', tppMin: 1600, pdMin: 5.92 }));
      const old = await request(t.http).get('/v1/rules/thresholds?date=2023-01-01');
      expect(old.body).toMatchObject({ rulesVersion: '2022-10-07', branches: [expect.objectContaining({ id: 'a', tppMin: 4800, interconnectMinGBs: 600 })] });
      expect((await request(t.http).get('/v1/rules/thresholds?version=1999-01-01')).status).toBe(404);
      expect((await request(t.http).get('/v1/rules/thresholds?date=2026-02-30')).status).toBe(400);
    });
  });

  it('GET /v1/risk/red-flags lists the red-flag codes', async () => {
    const res = await request(t.http).get('/v1/risk/red-flags');
    expect(res.status).toBe(200);
    const codes = res.body.redFlags.map((f: { code: string }) => f.code);
    expect(codes.length).toBeGreaterThan(10);
    expect(new Set(codes).size).toBe(codes.length);
    expect(res.body.redFlags[0]).toEqual({
      code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/),
      severity: expect.any(String),
      weight: expect.any(Number),
      scope: expect.any(String),
      detectors: expect.any(Array),
    });
  });

  describe('POST /v1/transactions/batch/report', () => {
    it('turns a batch answer into the spreadsheet-safe CSV report without deciding anything again', async () => {
      const csv =
        'reference,buyer,buyer_country,end_user,end_user_country,model,quantity\n"=cmd|x",Nordic Compute AB,SE,Nordic Compute AB,SE,L4,8\nB-2,Bad Ltd,XX,,,L4,1\n';
      const batch = await request(t.http).post('/v1/transactions/batch').set('Content-Type', 'text/csv').send(csv);
      expect(batch.status).toBe(200);
      const before = (await request(t.http).get('/v1/decisions/stats')).body.totals;
      const res = await request(t.http).post('/v1/transactions/batch/report').send({ results: batch.body.results });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="chipguard-audit-\d{4}-\d{2}-\d{2}\.csv"/);
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe('\ufeffrow,reference,decision_id,decision,reason_codes,reasons,matches,error');
      expect(lines[1]).toMatch(new RegExp(`^2,'=cmd\\|x,${batch.body.results[0].id},allow,`));
      expect(res.text).toContain('B-2');
      expect((await request(t.http).get('/v1/decisions/stats')).body.totals).toEqual(before);
    });

    it('refuses a body that is not a batch answer', async () => {
      for (const body of [{}, { results: 'x' }, { results: [1] }, { results: [{ reasons: 'no' }] }]) {
        const res = await request(t.http).post('/v1/transactions/batch/report').send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
    });
  });

  it('GET /v1/lists says how old a list may be and which are stale', async () => {
    const res = await request(t.http).get('/v1/lists');
    expect(res.body.maxAgeDays).toBe(36500);
    expect(res.body.lists.length).toBeGreaterThan(0);
    for (const l of res.body.lists) expect(l.stale).toBe(false);
  });

  it('serves the web interface at / and its pages, with its files and cytoscape from the service itself', async () => {
    for (const path of ['/', '/queue', '/decisions/dec_x', '/lists', '/login', '/networks/n1']) {
      const res = await request(t.http).get(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 200, type: expect.stringMatching(/^text\/html/) });
      expect(res.text).toContain('<script type="module" src="/ui/app.js"></script>');
    }
    const js = await request(t.http).get('/ui/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const cy = await request(t.http).get('/ui/vendor/cytoscape/cytoscape.esm.min.mjs');
    expect(cy.status).toBe(200);
    expect(cy.headers['content-type']).toMatch(/javascript/);
    expect((await request(t.http).get('/ui/../package.json')).status).toBe(404);
    expect((await request(t.http).get('/ui/nope.js')).status).toBe(404);
    const html = readFileSync(join(__dirname, '..', 'src', 'ui', 'static', 'index.html'), 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
  });
});

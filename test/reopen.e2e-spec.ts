/**
 * Re-screen findings reach the queue (issue 12): a stored decision that a list update makes stricter is
 * reopened. The original gets status `reopened` (a `reopen` record appended to the hash chain) and a new
 * linked `review` decision (kind `rescreen`, status `open`) names the entry that triggered it; the queue
 * filters on `status=reopened`; a release of the original no longer clears it.
 */
import { readFileSync } from 'fs';
import request from 'supertest';
import { RescreenService } from '../src/decisions/rescreen.service';
import { ENTITY_LIST_2026, entityListWithout, startTestApp, TestApp } from './helpers';

const order = (reference: string, extra: Record<string, unknown> = {}) => ({
  reference,
  date: '2026-03-02',
  buyer: { name: 'Nordic Compute AB', country: 'SE' },
  endUser: { name: 'Nordic Compute AB', country: 'SE' },
  shipTo: { name: 'Nordic Compute Luleå DC', country: 'SE' },
  items: [{ model: 'L4', quantity: 8 }],
  intermediaries: [{ name: 'Interquest GmbH', country: 'DE', kind: 'freight_forwarder', address: 'Karolinenstrasse 21C, Berlin' }],
  ...extra,
});

describe('re-screen reopens decisions a list update makes stricter (real app, real SQLite, real Entity List)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const importEl = (data: Buffer, name: string) => request(t.http).post('/v1/lists/import').field('format', 'csl-csv').attach('file', data, name);

  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
    t.app.get(RescreenService).debounceMs = 50;
    expect((await importEl(entityListWithout('Interquest GmbH'), 'el-old.csv')).status).toBe(200);
    const allow = await request(t.http).post('/v1/transactions/screen').send(order('PO-OK'));
    expect(allow.body.decision).toBe('allow');
    ids.allow = allow.body.id;
    // held for review (no end user named), forwarder not listed yet
    const review = await request(t.http)
      .post('/v1/transactions/screen')
      .send(order('PO-HELD', { endUser: undefined }));
    expect(review.body.decision).toBe('review');
    ids.review = review.body.id;
    ids.untouched = (
      await request(t.http)
        .post('/v1/transactions/screen')
        .send(order('PO-OTHER', { intermediaries: undefined }))
    ).body.id;
    // the new Entity List lists the forwarder
    expect((await importEl(readFileSync(ENTITY_LIST_2026), 'el-2026-07.csv')).status).toBe(200);
    await t.app.get(RescreenService).run({ trigger: 'manual' });
  });
  afterAll(() => t.close());

  it('the stricter decisions are reopened, each with a linked open review finding naming the entry', async () => {
    for (const [key, ref] of [
      ['allow', 'PO-OK'],
      ['review', 'PO-HELD'],
    ] as const) {
      const original = (await request(t.http).get(`/v1/decisions/${ids[key]}`)).body;
      expect(original.status).toBe('reopened');
      expect(original.reopenedBy).toEqual([expect.stringMatching(/^dec_/)]);
      expect(original.dispositions).toEqual([expect.objectContaining({ action: 'reopen', by: 'rescreen' })]);
      const finding = (await request(t.http).get(`/v1/decisions/${original.reopenedBy[0]}`)).body;
      expect(finding).toMatchObject({ kind: 'rescreen', reference: ref, decision: 'review', status: 'open', reopens: ids[key] });
      const reason = finding.reasons.find((r: { code: string }) => r.code === 'RESCREEN_STRICTER');
      expect(reason).toMatchObject({ severity: 'review', subject: 'intermediaries[0]' });
      expect(reason.evidence).toMatchObject({
        source: 'EL',
        entryName: 'Interquest GmbH',
        wouldBe: 'deny',
        originalDecisionId: ids[key],
        federalRegisterNotice: expect.stringMatching(/FR/),
      });
      expect(reason.message).toMatch(/would now be deny/);
    }
    expect((await request(t.http).get(`/v1/decisions/${ids.untouched}`)).body.status).toBe('closed');
  });

  it('the queue filters on status=reopened and shows the open findings', async () => {
    const reopened = await request(t.http).get('/v1/decisions?status=reopened');
    expect(reopened.status).toBe(200);
    expect(reopened.body.items.map((d: { id: string }) => d.id).sort()).toEqual([ids.allow, ids.review].sort());
    const findings = await request(t.http).get('/v1/decisions?kind=rescreen&status=open');
    expect(findings.status).toBe(200);
    expect(findings.body.items).toHaveLength(2);
  });

  it('releasing the reopened original is refused and does not clear the finding; a second re-screen opens no duplicate', async () => {
    const release = await request(t.http).post(`/v1/decisions/${ids.review}/disposition`).send({ action: 'release', by: 'officer.a', note: 'ok' });
    expect(release.status).toBe(409);
    expect(release.body.message).toMatch(/reopened by re-screen finding dec_/);
    const original = (await request(t.http).get(`/v1/decisions/${ids.review}`)).body;
    expect(original.status).toBe('reopened');
    const finding = (await request(t.http).get(`/v1/decisions/${original.reopenedBy[0]}`)).body;
    expect(finding.status).toBe('open');

    await t.app.get(RescreenService).run({ trigger: 'manual' });
    expect((await request(t.http).get('/v1/decisions?kind=rescreen')).body.items).toHaveLength(2);

    // the finding itself is worked like any review
    const block = await request(t.http).post(`/v1/decisions/${finding.id}/disposition`).send({ action: 'block', by: 'officer.b', note: 'listed forwarder' });
    expect(block.status).toBe(200);
    expect(block.body.status).toBe('blocked');
  });

  it('the hash chain and the derived statuses stay intact', async () => {
    const verify = await request(t.http).get('/v1/decisions/export?format=json');
    expect(verify.status).toBe(200);
    const { DecisionsService } = await import('../src/decisions/decisions.service');
    const report = await t.app.get(DecisionsService).verifyChain();
    expect(report).toMatchObject({ ok: true, firstBroken: null, statusMismatches: [] });
  });
});

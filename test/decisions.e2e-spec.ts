import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { arraySource, ChainDecision, ChainDisposition, verifyChain } from '../src/decisions/chain-verify';
import { RescreenService } from '../src/decisions/rescreen.service';
import { DecisionStore } from '../src/database/decision-store';
import { ChainEventRow } from '../src/database/entities';
import { runCliProcess as cli, ENTITY_LIST_2026, entityListWithout, SHARED_LISTS, startTestApp, TestApp } from './helpers';

const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');

jest.setTimeout(180_000);

/** the Unverified List rows of the 2025-format CSL sample (a review-severity list) */
const uvlOnly = () => {
  const lines = readFileSync(join(SHARED_LISTS, 'us-csl-2025-format-sample.csv'), 'utf8').split('\n');
  return Buffer.from([lines[0], ...lines.filter((l) => l.includes('Unverified List (UVL)'))].join('\n') + '\n');
};

const SE = { name: 'Nordic Compute AB', country: 'SE' };
const baseOrder = (reference: string, extra: Record<string, unknown> = {}) => ({
  reference,
  date: '2026-03-02',
  buyer: SE,
  endUser: SE,
  shipTo: { name: 'Nordic Compute Luleå DC', country: 'SE' },
  items: [{ model: 'L4', quantity: 8 }],
  ...extra,
});

describe('decisions: review queue, dispositions, re-screen, batch audits, export, chain (real app, real SQLite)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let uvlEntryId = '';

  const screen = async (body: Record<string, unknown>) => {
    const res = await request(t.http).post('/v1/transactions/screen').send(body);
    expect(res.status).toBe(200);
    return res.body as { id: string; decision: string; reasons: { code: string; evidence: { source?: string; entryId?: string } }[] };
  };
  const importCsl = (data: Buffer, name: string) => request(t.http).post('/v1/lists/import').field('format', 'csl-csv').attach('file', data, name);

  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
    t.app.get(RescreenService).debounceMs = 50;
    expect((await importCsl(entityListWithout('Interquest GmbH'), 'el-2026-06.csv')).status).toBe(200);
    expect((await importCsl(uvlOnly(), 'uvl.csv')).status).toBe(200);

    // a past order cleared on the old Entity List: its forwarder is listed only in the next version
    const cleared = await screen(
      baseOrder('PO-CLEARED', {
        intermediaries: [{ name: 'Interquest GmbH', country: 'DE', kind: 'freight_forwarder', address: 'Karolinenstrasse 21C, Berlin' }],
      }),
    );
    expect(cleared.decision).toBe('allow');
    ids.cleared = cleared.id;
    ids.plain = (await screen(baseOrder('PO-PLAIN'))).id;
    // held for review: no end user named
    for (const ref of ['PO-R1', 'PO-R2', 'PO-R3', 'PO-R4']) {
      const d = await screen(baseOrder(ref, { endUser: undefined }));
      expect(d.decision).toBe('review');
      ids[ref] = d.id;
    }
    // held for review: the buyer is on the Unverified List (a review-severity list)
    const uvl = await screen(baseOrder('PO-UVL', { buyer: { name: 'Atlas Sanatgaran', country: 'AM', address: 'Komitas 26/114, Yerevan' } }));
    expect(uvl.decision).toBe('review');
    const m = uvl.reasons.find((r) => r.code === 'PARTY_LIST_MATCH' && r.evidence.source === 'UVL');
    expect(m).toBeDefined();
    uvlEntryId = m!.evidence.entryId!;
    ids.uvl = uvl.id;
    // denied: the buyer is on the Entity List
    ids.denied = (await screen(baseOrder('=SUM(A1)', { buyer: { name: 'Chimconnect GmbH', country: 'DE' } }))).id;
  });
  afterAll(() => t.close());

  describe('queue', () => {
    it('lists open review decisions, newest first, with filters', async () => {
      const res = await request(t.http).get('/v1/decisions?decision=review&status=open');
      expect(res.status).toBe(200);
      const got = res.body.items.map((i: { id: string }) => i.id);
      expect(got).toEqual([ids.uvl, ids['PO-R4'], ids['PO-R3'], ids['PO-R2'], ids['PO-R1']]);
      expect(res.body.items[0]).toMatchObject({ decision: 'review', status: 'open', reference: 'PO-UVL', matchedSources: ['UVL'] });
      expect(res.body.nextCursor).toBeNull();

      const byRef = await request(t.http).get('/v1/decisions?reference=PO-CLEARED');
      expect(byRef.body.items.map((i: { id: string }) => i.id)).toEqual([ids.cleared]);
      const byParty = await request(t.http).get('/v1/decisions?party=interquest');
      expect(byParty.body.items.map((i: { id: string }) => i.id)).toEqual([ids.cleared]);
      const bySource = await request(t.http).get('/v1/decisions?source=el');
      expect(bySource.body.items.map((i: { id: string }) => i.id)).toEqual([ids.denied]);
      const byReason = await request(t.http).get('/v1/decisions?reasonCode=PARTY_LIST_MATCH');
      expect(byReason.body.items.map((i: { id: string }) => i.id)).toEqual([ids.denied, ids.uvl]);
      const deny = await request(t.http).get('/v1/decisions?decision=deny,allow');
      expect(deny.body.items.map((i: { id: string }) => i.id)).toEqual([ids.denied, ids.plain, ids.cleared]);
      const today = new Date().toISOString().slice(0, 10);
      expect((await request(t.http).get(`/v1/decisions?from=${today}&to=${today}`)).body.items).toHaveLength(8);
      expect((await request(t.http).get('/v1/decisions?to=2020-01-01')).body.items).toHaveLength(0);
      expect((await request(t.http).get('/v1/decisions?orderFrom=2026-03-02&orderTo=2026-03-02&kind=transaction')).body.items).toHaveLength(8);
    });

    it('pages with an opaque cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = '';
      let pages = 0;
      while (cursor !== null) {
        const res: request.Response = await request(t.http).get(`/v1/decisions?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
    });

    it('answers 400 for bad filter values and unknown parameters', async () => {
      for (const q of [
        'decision=maybe',
        'status=pending',
        'from=2026-13-01',
        'to=yesterday',
        'source=NOPE',
        'limit=0',
        'limit=501',
        'cursor=garbage',
        'kind=x',
        'stauts=open',
        'from=2026-05-01&to=2026-04-01',
      ]) {
        const res = await request(t.http).get(`/v1/decisions?${q}`);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
        expect(Array.isArray(res.body.message)).toBe(true);
      }
    });
  });

  describe('dispositions', () => {
    it('releases a review decision, appended to its history; the same action again is idempotent; another is 409', async () => {
      const res = await request(t.http)
        .post(`/v1/decisions/${ids['PO-R1']}/disposition`)
        .send({ action: 'release', note: 'end user confirmed by phone', by: 'officer.a' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('released');
      expect(res.body.disposition).toMatchObject({ action: 'release', by: 'officer.a', note: 'end user confirmed by phone' });
      expect(res.body.dispositions).toHaveLength(1);

      const again = await request(t.http).post(`/v1/decisions/${ids['PO-R1']}/disposition`).send({ action: 'release', by: 'officer.a' });
      expect(again.status).toBe(200);
      expect(again.body.alreadyDisposed).toBe(true);
      expect(again.body.dispositions).toHaveLength(1);

      const conflict = await request(t.http).post(`/v1/decisions/${ids['PO-R1']}/disposition`).send({ action: 'block', by: 'officer.b' });
      expect(conflict.status).toBe(409);
      expect(conflict.body.message).toMatch(/already released by officer\.a/);

      const stored = await request(t.http).get(`/v1/decisions/${ids['PO-R1']}`);
      expect(stored.body.status).toBe('released');
      expect(stored.body.dispositions).toEqual([expect.objectContaining({ action: 'release', by: 'officer.a' })]);
    });

    it('refuses to dispose a decision that is not review (409), an unknown one (404) and a bad body (400)', async () => {
      expect((await request(t.http).post(`/v1/decisions/${ids.cleared}/disposition`).send({ action: 'release', by: 'x' })).status).toBe(409);
      expect((await request(t.http).post(`/v1/decisions/${ids.denied}/disposition`).send({ action: 'block', by: 'x' })).status).toBe(409);
      expect((await request(t.http).post('/v1/decisions/dec_nope/disposition').send({ action: 'release', by: 'x' })).status).toBe(404);
      const bad = await request(t.http).post(`/v1/decisions/${ids['PO-R2']}/disposition`).send({ action: 'approve', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.message.join(' ')).toMatch(/action/);
      expect(bad.body.message.join(' ')).toMatch(/extra should not exist/);
      const fpOnBlock = await request(t.http)
        .post(`/v1/decisions/${ids['PO-R2']}/disposition`)
        .send({ action: 'block', by: 'x', falsePositives: [{ source: 'EL', entryId: '1' }] });
      expect(fpOnBlock.status).toBe(400);
      expect((await request(t.http).get(`/v1/decisions/${ids['PO-R2']}`)).body.status).toBe('open');
    });

    it('of two conflicting dispositions at the same time, exactly one wins', async () => {
      const [a, b] = await Promise.all([
        request(t.http).post(`/v1/decisions/${ids['PO-R3']}/disposition`).send({ action: 'release', by: 'officer.a' }),
        request(t.http).post(`/v1/decisions/${ids['PO-R3']}/disposition`).send({ action: 'block', by: 'officer.b' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const stored = await request(t.http).get(`/v1/decisions/${ids['PO-R3']}`);
      expect(stored.body.dispositions).toHaveLength(1);
      expect(
        (await request(t.http).post(`/v1/decisions/${ids['PO-R4']}/disposition`).send({ action: 'block', by: 'officer.b', note: 'no end user' })).status,
      ).toBe(200);
    });

    it('a release can record a reviewed false positive: the same party-entry pair is suppressed next time', async () => {
      const wrongEntry = await request(t.http)
        .post(`/v1/decisions/${ids.uvl}/disposition`)
        .send({ action: 'release', by: 'officer.a', falsePositives: [{ subject: 'buyer', source: 'UVL', entryId: 'not-matched' }] });
      expect(wrongEntry.status).toBe(400);
      const res = await request(t.http)
        .post(`/v1/decisions/${ids.uvl}/disposition`)
        .send({
          action: 'release',
          by: 'officer.a',
          note: 'different company: registry checked',
          falsePositives: [{ subject: 'buyer', source: 'UVL', entryId: uvlEntryId }],
        });
      expect(res.status).toBe(200);
      expect(res.body.disposition.suppressions).toEqual([
        expect.objectContaining({ subject: 'buyer', party: 'Atlas Sanatgaran', source: 'UVL', entryId: uvlEntryId }),
      ]);
      // a restricted-list match: four eyes, a second reviewer completes the release
      expect(res.body.status).toBe('pending_approval');
      const approved = await request(t.http).post(`/v1/decisions/${ids.uvl}/disposition`).send({ action: 'release', by: 'officer.b' });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('released');
      const again = await screen(baseOrder('PO-UVL-2', { buyer: { name: 'Atlas Sanatgaran', country: 'AM', address: 'Komitas 26/114, Yerevan' } }));
      expect(again.reasons.filter((r) => r.evidence.source === 'UVL')).toEqual([]);
      ids.uvl2 = again.id;

      const released = await request(t.http).get('/v1/decisions?status=released');
      const releasedIds = released.body.items.map((i: { id: string }) => i.id);
      expect(releasedIds).toEqual(expect.arrayContaining([ids.uvl, ids['PO-R1']]));
      expect(releasedIds.length).toBeLessThanOrEqual(3); // PO-R3 too when its release won the race
      const disposed = await request(t.http).get('/v1/decisions?decision=review&status=disposed');
      expect(disposed.body.items).toHaveLength(4);
      expect(disposed.body.items.find((i: { id: string }) => i.id === ids['PO-R4']).lastDisposition).toMatchObject({ action: 'block', by: 'officer.b' });
    });
  });

  describe('re-screen', () => {
    it('a list update turns a cleared past order into a match in the re-screen report', async () => {
      const before = await request(t.http).get('/v1/decisions/rescreen/latest');
      const lastId = before.status === 200 ? before.body.id : 0;
      const imported = await importCsl(readFileSync(ENTITY_LIST_2026), 'us-csl-entity-list-2026-07.csv');
      expect(imported.status).toBe(200);
      let report: Record<string, unknown> & { id: number; decisions: { id: string; wouldBe: string; matches: Record<string, unknown>[] }[] } = {
        id: 0,
        decisions: [],
      };
      for (let i = 0; i < 200 && !(report.id > lastId && report.trigger === 'list-update'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await request(t.http).get('/v1/decisions/rescreen/latest');
        if (res.status === 200) report = res.body;
      }
      expect(report.trigger).toBe('list-update');
      expect(report.deltas).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'EL', newEntries: 1, changedEntries: 0 })]));
      expect(report.decisions.map((d) => d.id)).toEqual([ids.cleared]);
      expect(report.decisions[0]).toMatchObject({ id: ids.cleared, reference: 'PO-CLEARED', decision: 'allow', wouldBe: 'deny' });
      expect(report.decisions[0].matches[0]).toMatchObject({
        subject: 'intermediaries[0]',
        party: 'Interquest GmbH',
        source: 'EL',
        entryName: 'Interquest GmbH',
        change: 'new',
      });

      const manual = await request(t.http).post('/v1/decisions/rescreen').send({});
      expect(manual.status).toBe(200);
      expect(manual.body.trigger).toBe('manual');
      expect(manual.body.decisions.map((d: { id: string }) => d.id)).toEqual([ids.cleared]);
      const outside = await request(t.http).post('/v1/decisions/rescreen').send({ to: '2020-01-01' });
      expect(outside.body.scanned).toBe(0);
      expect((await request(t.http).post('/v1/decisions/rescreen').send({ from: 'soon' })).status).toBe(400);
      const latest = await request(t.http).get('/v1/decisions/rescreen/latest');
      expect(latest.body.id).toBe(outside.body.id);
    });
  });

  describe('batch audits', () => {
    it('decides every order of a CSV of order lines; a bad row gets its own error and the batch goes on', async () => {
      const csv = [
        'Reference,Date,Buyer,Buyer Country,End User,End-User Country,Ship-To Country,Model,Quantity,Intermediary,Notes',
        'PO-B1,2026-03-01,Nordic Compute AB,SE,Nordic Compute AB,SE,SE,L4,8,,first line',
        'PO-B1,2026-03-01,Nordic Compute AB,SE,Nordic Compute AB,SE,SE,L40S,4,,second line',
        'PO-B2,2026-03-01,Some Buyer,Atlantis,Some Buyer,SE,SE,L4,2,,bad country',
        'PO-B3,2026-03-01,Other Buyer,SE,Other Buyer,SE,SE,L4,-3,,bad quantity',
        'PO-B3,2026-03-01,Other Buyer,SE,Other Buyer,SE,SE,L4,3,,same order as a bad row',
        'PO-B4,2026-03-01,Interquest GmbH,Germany,Interquest GmbH,DE,DE,L4,1,,listed',
        ',2026-03-01,"=HYPERLINK(""http://x"")",SE,,,SE,L4,1,,"no end user, formula name"',
      ].join('\r\n');
      const res = await request(t.http).post('/v1/transactions/batch').set('Content-Type', 'text/csv').send(csv);
      expect(res.status).toBe(200);
      const r = res.body.results as { row: number; reference: string | null; id?: string; decision?: string; error?: string; matches?: unknown[] }[];
      expect(r.map((x) => x.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      expect(r[0]).toMatchObject({ reference: 'PO-B1', decision: 'allow' });
      expect(r[1].id).toBe(r[0].id);
      expect(r[2].error).toMatch(/buyer_country "Atlantis"/);
      expect(r[3].error).toMatch(/quantity must be a whole number/);
      expect(r[4].error).toMatch(/not decided: row 5/);
      expect(r[5]).toMatchObject({ reference: 'PO-B4', decision: 'deny' });
      expect(r[5].matches).toEqual(expect.arrayContaining([expect.objectContaining({ subject: 'buyer', source: 'EL', name: 'Interquest GmbH' })]));
      expect(r[6]).toMatchObject({ reference: null, decision: 'review' });
      expect(res.body.summary).toEqual({ rows: 7, orders: 5, allow: 2, review: 1, deny: 1, errors: 3 });
      expect(res.body.warnings).toEqual([expect.stringMatching(/notes/)]);
      const stored = await request(t.http).get(`/v1/decisions/${r[0].id}`);
      expect(stored.body.request.items).toHaveLength(2);

      const noBuyer = await request(t.http).post('/v1/transactions/batch').set('Content-Type', 'text/csv').send('reference,model\nA,L4\n');
      expect(noBuyer.status).toBe(400);
      expect(noBuyer.body.message[0]).toMatch(/buyer, quantity/);
    });

    it('takes {"transactions": [...]} with field errors per transaction', async () => {
      const res = await request(t.http)
        .post('/v1/transactions/batch')
        .send({
          transactions: [
            baseOrder('PO-J1'),
            { buyer: { name: 'X', country: 'ZZ' }, items: [{ model: 'L4', quantity: 0 }] },
            'nonsense',
            baseOrder('PO-J4', { endUser: undefined }),
          ],
        });
      expect(res.status).toBe(200);
      const r = res.body.results;
      expect(r[0]).toMatchObject({ index: 0, reference: 'PO-J1', decision: 'allow' });
      expect(r[1].errors).toEqual(expect.arrayContaining([expect.stringMatching(/^buyer\.country/), expect.stringMatching(/^items\[0\]\.quantity/)]));
      expect(r[2].error).toMatch(/JSON object/);
      expect(r[3]).toMatchObject({ index: 3, decision: 'review' });
      expect(res.body.summary).toEqual({ rows: 4, orders: 4, allow: 1, review: 1, deny: 0, errors: 2 });
      expect((await request(t.http).post('/v1/transactions/batch').send({ orders: [] })).status).toBe(400);
    });

    it('`chipguard audit` writes a spreadsheet-safe CSV report', async () => {
      const input = join(t.dir, 'shipments.csv');
      const out = join(t.dir, 'report.csv');
      writeFileSync(
        input,
        'reference,buyer,buyer country,ship-to country,model,quantity\n"=cmd|\' /C calc\'!A0",Nordic Compute AB,SE,SE,L4,1\nPO-C2,"Buyer, ""Quoted"" Ltd",SE,SE,L4,0\n',
      );
      const r = await cli(['audit', input, '--out', out], { DATABASE_URL: `sqlite:${t.dbFile}` });
      // exit status 1: the report is written, but a row had an error
      expect({ code: r.code, stderr: r.stderr.slice(-500) }).toEqual({ code: 1, stderr: expect.any(String) });
      expect(r.stdout).toMatch(/2 row\(s\), 2 order\(s\)/);
      const text = readFileSync(out, 'utf8');
      expect(text.startsWith('\ufeffrow,reference,decision_id,decision')).toBe(true);
      expect(text).toContain('\r\n');
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows[0].reference).toBe("'=cmd|' /C calc'!A0");
      expect(rows[0].decision).toMatch(/^(allow|review)$/);
      expect(rows[1].error).toMatch(/quantity/);
    });
  });

  describe('export and tamper evidence', () => {
    it('exports every decision as JSON with dispositions; the hash chain recomputes from the export', async () => {
      const res = await request(t.http).get('/v1/decisions/export?format=json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = JSON.parse(res.text) as {
        count: number;
        decisions: (ChainDecision & { listVersionIds: Record<string, number>; dispositions: (ChainDisposition & { suppressions: unknown })[] } & Record<
            string,
            unknown
          >)[];
      };
      const total = (await request(t.http).get('/v1/decisions?limit=500')).body.items.length;
      expect(body.count).toBe(total);
      expect(body.decisions.map((d) => d.seq)).toEqual([...body.decisions.map((d) => d.seq)].sort((a, b) => a - b));
      const released = body.decisions.find((d) => d.id === ids['PO-R1'])!;
      expect(released.dispositions).toEqual([expect.objectContaining({ action: 'release', by: 'officer.a' })]);

      const decisions: ChainDecision[] = body.decisions.map((d) => ({
        ...d,
        listVersions: JSON.stringify({ dates: d.listVersions, ids: d.listVersionIds }),
        request: JSON.stringify(d.request),
        response: JSON.stringify(d.response),
      }));
      const dispositions: ChainDisposition[] = body.decisions.flatMap((d) =>
        d.dispositions.map((p) => ({ ...p, decisionId: d.id, suppressions: p.suppressions ? JSON.stringify(p.suppressions) : null })),
      );
      // the chain also holds the list imports and the allow-list entry (chained events, not part of the decision export)
      const events = await t.app.get(DecisionStore).db.getRepository(ChainEventRow).find();
      expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['list.import', 'allowlist.add']));
      const report = await verifyChain(arraySource(decisions, dispositions, events));
      expect(report).toMatchObject({ ok: true, firstBroken: null, records: decisions.length + dispositions.length + events.length });

      const window = await request(t.http).get('/v1/decisions/export?format=json&decision=review&to=2020-01-01');
      expect(JSON.parse(window.text).count).toBe(0);
      expect((await request(t.http).get('/v1/decisions/export?format=xml')).status).toBe(400);
    });

    it('exports CSV that opens cleanly in a spreadsheet', async () => {
      const res = await request(t.http).get('/v1/decisions/export?format=csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      const json = JSON.parse((await request(t.http).get('/v1/decisions/export?format=json')).text);
      expect(rows.map((r) => r.id)).toEqual(json.decisions.map((d: { id: string }) => d.id));
      const denied = rows.find((r) => r.id === ids.denied)!;
      expect(denied.reference).toBe("'=SUM(A1)");
      expect(denied.reason_codes).toContain('PARTY_LIST_MATCH');
      expect(denied.matches).toMatch(/buyer: EL /);
      expect(rows.find((r) => r.id === ids['PO-R4'])!.dispositions).toMatch(/block by officer\.b: no end user/);
    });

    it('`chipguard verify` passes on the stored chain and names the first broken record after a row is edited in the SQLite file', async () => {
      const env = { DATABASE_URL: `sqlite:${t.dbFile}` };
      const ok = await cli(['verify'], env);
      expect({ code: ok.code, out: ok.stdout }).toEqual({ code: 0, out: expect.stringMatching(/^chain ok: \d+ record/) });

      const stored = await request(t.http).get(`/v1/decisions/${ids.cleared}`);
      const sqlite3 = require('sqlite3') as typeof import('sqlite3');
      const db = new sqlite3.Database(t.dbFile);
      await new Promise<void>((res, rej) => db.run(`UPDATE decision SET decision = 'deny' WHERE id = ?`, [ids.cleared], (e) => (e ? rej(e) : res())));
      await new Promise<void>((res) => db.close(() => res()));

      const broken = await cli(['verify'], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`chain BROKEN at record seq ${stored.body.seq} (decision ${ids.cleared}): content altered`);
    });
  });
});

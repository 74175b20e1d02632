/**
 * Batch audits with lines that cannot be read (issue 12): through POST /v1/transactions/batch and
 * `chipguard audit`, a line with a stray or unclosed quote makes its whole order an error, never a partial
 * decision, and the later orders are still read; the report says on which line the file broke.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { runCli, SHARED_LISTS, startTestApp, TestApp } from './helpers';

const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');

const HEADER = 'reference,date,buyer,buyer_country,end_user,end_user_country,ship_to_country,model,quantity';
/** PO-1 would be allow on its readable line alone (a Swedish operator's L4 cards): its second line is broken. */
const MALFORMED =
  [
    HEADER,
    'PO-1,2026-03-01,Nordic Compute AB,SE,Nordic Compute AB,SE,SE,L4,8',
    'PO-1,2026-03-01,Nordic Compute AB,SE,Nordic "Compute" AB,SE,SE,H100 SXM5,64',
    'PO-2,2026-03-01,"Baltic Render AB,SE,Baltic Render AB,SE,SE,L4,2',
    'PO-3,2026-03-01,Fjord Vision AS,NO,Fjord Vision AS,NO,NO,L4,4',
    'PO-4,2026-03-01,Helsinki Pixel Oy,FI,Helsinki Pixel Oy,FI,FI,L4,1',
  ].join('\n') + '\n';

interface Row {
  row: number;
  reference: string | null;
  decision?: string;
  id?: string;
  error?: string;
}

describe('batch audits: unreadable lines (real app, real SQLite, real Entity List)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
    const res = await request(t.http).post('/v1/lists/import').field('format', 'csl-csv').attach('file', join(SHARED_LISTS, 'us-csl-entity-list-2026-07.csv'));
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  it('POST /v1/transactions/batch: the broken order is an error on every line, later orders are decided, the break is named', async () => {
    const res = await request(t.http).post('/v1/transactions/batch').set('Content-Type', 'text/csv').send(MALFORMED);
    expect(res.status).toBe(200);
    const rows = res.body.results as Row[];
    expect(rows.map((r) => [r.row, r.reference, r.decision ?? null, !!r.error])).toEqual([
      [2, 'PO-1', null, true],
      [3, 'PO-1', null, true],
      [4, 'PO-2', null, true],
      [5, 'PO-3', 'allow', false],
      [6, 'PO-4', 'allow', false],
    ]);
    expect(rows[0].error).toMatch(/order PO-1 not decided: line 3 of the same reference cannot be read/);
    expect(rows[1].error).toMatch(/^line 3 cannot be read: .*quote/i);
    expect(rows[2].error).toMatch(/^line 4 cannot be read: Quote Not Closed/);
    expect(res.body.warnings).toEqual([expect.stringMatching(/^line 3 cannot be read/), expect.stringMatching(/^line 4 cannot be read/)]);
    expect(res.body.summary).toMatchObject({ rows: 5, allow: 2, review: 0, deny: 0, errors: 3 });
    // nothing was stored for PO-1 or PO-2
    const queue = await request(t.http).get('/v1/decisions?limit=100');
    const refs = (queue.body.items as { reference: string }[]).map((d) => d.reference);
    expect(refs).not.toContain('PO-1');
    expect(refs).not.toContain('PO-2');
  });

  it('`chipguard audit` behaves the same and prints where the file broke', async () => {
    const input = join(t.dir, 'malformed.csv');
    const out = join(t.dir, 'malformed-report.csv');
    writeFileSync(input, MALFORMED.replace(/PO-/g, 'CLI-'));
    const r = await runCli(t.dbFile, ['audit', input, '--out', out]);
    expect(r.out).toMatch(/5 row\(s\).*2 allow, 0 review, 0 deny, 3 error\(s\)/);
    expect(r.out).toMatch(/warning: line 3 cannot be read/);
    expect(r.out).toMatch(/warning: line 4 cannot be read/);
    const report = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(report.map((x) => [x.row, x.reference, x.decision, x.error ? 'error' : ''])).toEqual([
      ['2', 'CLI-1', '', 'error'],
      ['3', 'CLI-1', '', 'error'],
      ['4', 'CLI-2', '', 'error'],
      ['5', 'CLI-3', 'allow', ''],
      ['6', 'CLI-4', 'allow', ''],
    ]);
  });
});

/**
 * Batch audits stream their report: results leave in row order as they are decided (chunked), the
 * document is the same {results, summary, warnings}, and the CLI writes its CSV report row by row.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { runCli, startTestApp, TestApp } from './helpers';

describe('batch audits: streamed reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '36500' }); // the bundled sample lists: every decision is review
  });
  afterAll(async () => t.close());

  const lines = (n: number) =>
    ['reference,buyer,buyer_country,model,quantity'].concat(
      Array.from({ length: n }, (_, i) =>
        i % 50 === 7 ? `B-${i},Buyer ${i},XX,L4,1` : `B-${i},Buyer ${i % 40} GmbH,DE,${i % 2 ? 'H100 SXM5 80GB' : 'L4'},${1 + (i % 5)}`,
      ),
    );

  it('a CSV batch of 400 lines answers chunked, every row in order, with the summary of the rows', async () => {
    const res = await request(t.http).post('/v1/transactions/batch').set('Content-Type', 'text/csv').send(lines(400).join('\n'));
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.body as {
      results: { row: number; decision?: string; error?: string; id?: string }[];
      summary: Record<string, number>;
      warnings: string[];
    };
    expect(body.results.map((r) => r.row)).toEqual(Array.from({ length: 400 }, (_, i) => i + 2));
    const errors = body.results.filter((r) => r.error);
    expect(errors.map((r) => r.row)).toEqual([9, 59, 109, 159, 209, 259, 309, 359]); // the XX country lines
    expect(body.results.filter((r) => !r.error).every((r) => r.decision === 'review' && /^dec_/.test(r.id!))).toBe(true);
    expect(body.summary).toEqual({ rows: 400, orders: 400, allow: 0, review: 392, deny: 0, errors: 8 });
    expect(body.warnings).toEqual([]);
  });

  it('a JSON batch streams in index order too', async () => {
    const transactions = Array.from({ length: 120 }, (_, i) =>
      i === 3 ? { buyer: { name: 'x' } } : { reference: `J-${i}`, buyer: { name: `Json Buyer ${i}`, country: 'DE' }, items: [{ model: 'L4', quantity: 1 }] },
    );
    const res = await request(t.http).post('/v1/transactions/batch').send({ transactions });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { index: number }) => r.index)).toEqual(transactions.map((_, i) => i));
    expect(res.body.results[3].error).toMatch(/items/);
    expect(res.body.summary).toEqual({ rows: 120, orders: 120, allow: 0, review: 119, deny: 0, errors: 1 });
  });

  it('a refused batch is still a plain 400 (nothing streamed)', async () => {
    const res = await request(t.http).post('/v1/transactions/batch').set('Content-Type', 'text/csv').send('reference,model\nA,L4\n');
    expect(res.status).toBe(400);
    expect(res.body.message.join(' ')).toMatch(/buyer/);
  });

  it('the CLI writes the report file row by row: header, one line per input line', async () => {
    const input = join(t.dir, 'audit.csv');
    writeFileSync(input, lines(60).join('\n'));
    const out = join(t.dir, 'audit-report.csv');
    const { out: printed } = await runCli(t.dbFile, ['audit', input, '--out', out]);
    expect(printed).toMatch(/^60 row\(s\), 60 order\(s\) in .*: 0 allow, 58 review, 0 deny, 2 error\(s\)/);
    const report = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    expect(report[0]).toBe('\ufeffrow,reference,decision_id,decision,reason_codes,reasons,matches,error');
    expect(report.filter((l) => /^\d+,B-/.test(l)).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 60 }, (_, i) => i + 2));
  });
});

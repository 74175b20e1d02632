import request from 'supertest';
import { DecisionsService } from '../../src/decisions/decisions.service';
import { checkBuyerSummary } from '../buyer-summary-check';
import { importSharedLists, startTestApp, TestApp } from '../helpers';
import { throwawayDatabase } from './throwaway-database';

/**
 * The same service on PostgreSQL (DATABASE_URL=postgres://…): same entities, same migrations.
 * Runs when TEST_POSTGRES_URL names a server the tests may create databases on (.ci/run starts one);
 * jest.config.js only collects this project then.
 */

describe('PostgreSQL: migrations, imports, decisions, review workflow, hash chain', () => {
  const db = throwawayDatabase('chipguard_test');
  const dbUrl = db.url;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    await db.create();
    a = await startTestApp({ DATABASE_URL: dbUrl, CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
  });

  afterAll(async () => {
    await a?.close();
    await b?.app.close();
    await db.drop();
  });

  it('imports the shared lists and screens against them', async () => {
    await importSharedLists(a);
    const lists = (await request(a.http).get('/v1/lists')).body.lists;
    expect(lists.find((l: { code: string }) => l.code === 'EL').entryCount).toBe(3409);
    const s = await request(a.http).post('/v1/parties/screen').send({ name: 'Inspur Electronic Info Industry Co Ltd', country: 'CN' });
    expect(s.body.status).toBe('match');
  });

  it('decides, stores and serves decisions; a disposition appends; conflicts are 409', async () => {
    const deny = await request(a.http)
      .post('/v1/transactions/screen')
      .send({
        reference: 'PG-1',
        date: '2026-11-20',
        buyer: { name: 'Shanghai Biren Technology', country: 'CN' },
        shipTo: { name: 'Biren', country: 'CN' },
        items: [{ model: 'H100 SXM5 80GB', quantity: 8 }],
      });
    expect(deny.status).toBe(200);
    expect(deny.body.decision).toBe('deny');
    const review = await request(a.http)
      .post('/v1/transactions/screen')
      .send({
        reference: 'PG-2',
        date: '2026-11-20',
        buyer: { name: 'Stockholm Reseller AB', country: 'SE' },
        items: [{ model: 'H100 SXM5 80GB', quantity: 8 }],
      });
    expect(review.body.decision).toBe('review');
    const stored = await request(a.http).get(`/v1/decisions/${review.body.id}`);
    expect(stored.body.request.reference).toBe('PG-2');
    const released = await request(a.http)
      .post(`/v1/decisions/${review.body.id}/disposition`)
      .send({ action: 'release', by: 'officer@example.com', note: 'end user confirmed' });
    expect(released.status).toBe(200);
    const conflict = await request(a.http).post(`/v1/decisions/${review.body.id}/disposition`).send({ action: 'block', by: 'other@example.com' });
    expect(conflict.status).toBe(409);
    const queue = await request(a.http).get('/v1/decisions').query({ status: 'released' });
    expect(queue.body.items.map((d: { id: string }) => d.id)).toEqual([review.body.id]);
  });

  it('a second instance on the same database shares the lists and extends the same hash chain', async () => {
    b = await startTestApp({ DATABASE_URL: dbUrl, CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
    const order = (i: number) => ({
      reference: `PG-C${i}`,
      date: '2026-11-20',
      buyer: { name: `Nordic Compute ${i} AB`, country: 'SE' },
      items: [{ model: 'L4', quantity: 1 }],
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request((i % 2 ? a : b).http)
          .post('/v1/transactions/screen')
          .send(order(i)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const report = await a.app.get(DecisionsService).verifyChain();
    expect(report.firstBroken).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.decisions).toBe(22);
    expect(report.dispositions).toBe(1);
  });

  it('an instance picks up a list version another instance imported', async () => {
    await importSharedLists(a, [{ format: 'csl-csv', files: ['us-csl-2025-format-sample.csv'] }]);
    const { ListsService } = await import('../../src/lists/lists.service');
    expect(await b.app.get(ListsService).syncWithDatabase()).toBe(true);
    const fromA = (await request(a.http).get('/v1/lists')).body.lists;
    const fromB = (await request(b.http).get('/v1/lists')).body.lists;
    expect(fromB).toEqual(fromA);
    expect(await b.app.get(ListsService).syncWithDatabase()).toBe(false);
  });

  it('keeps the per-buyer summary with each group commit, equal to the one summed from the stored decisions', async () => {
    await checkBuyerSummary(a.app, 'summary check');
  });
});

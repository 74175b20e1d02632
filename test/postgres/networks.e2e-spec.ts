import request from 'supertest';
import { DataSource } from 'typeorm';
import { NetworksService } from '../../src/networks/networks.service';
import { importSharedLists, startTestApp, TestApp } from '../helpers';
import { throwawayDatabase } from './throwaway-database';

/** The link graph on PostgreSQL: the network_* migration, incremental updates, a restart, hashed storage. */
const IBAN = 'GB29 NWBK 6016 1331 9268 19';

describe('PostgreSQL: the link graph', () => {
  const db = throwawayDatabase('chipguard_net');
  const dbUrl = db.url;
  const env = { DATABASE_URL: dbUrl, CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' };
  let a: TestApp;

  beforeAll(async () => {
    await db.create();
    a = await startTestApp(env);
    await importSharedLists(a, [{ format: 'csl-csv', files: ['us-csl-entity-list-2026-07.csv'] }]);
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await db.drop();
  });

  const order = (buyer: string, country = 'GB') => ({
    date: '2026-11-20',
    buyer: { name: buyer, country, identifiers: [{ type: 'bank_account', value: IBAN }] },
    shipTo: { name: buyer, country },
    items: [{ model: 'H100 SXM5 80GB', quantity: 8 }],
  });

  it('links a buyer to a denied party through a shared bank account, also after a restart', async () => {
    const denied = await request(a.http).post('/v1/transactions/screen').send(order('Shanghai Biren Technology', 'CN'));
    expect(denied.body.decision).toBe('deny');
    const linked = await request(a.http).post('/v1/transactions/screen').send(order('Thames Tensor Ltd'));
    expect(linked.body.reasons.map((r: { code: string }) => r.code)).toContain('LINKED_TO_RESTRICTED');
    await a.app.get(NetworksService).drain();
    const rows = await a.app.get(DataSource).query(`SELECT "valueHash", hint FROM network_member WHERE type = 'bank_account'`);
    expect(rows.length).toBe(2);
    expect(JSON.stringify(rows)).not.toContain('NWBK');
    await a.app.close();
    a = await startTestApp(env);
    const again = await request(a.http).post('/v1/transactions/screen').send(order('Severn Compute Ltd'));
    expect(again.body.reasons.map((r: { code: string }) => r.code)).toContain('LINKED_TO_RESTRICTED');
    const view = await request(a.http).get('/v1/networks').query({ party: 'Severn Compute Ltd' });
    expect(view.status).toBe(200);
    expect(view.body.members.length).toBe(3);
  }, 120_000);
});

describe('PostgreSQL: the link graph with a working set far smaller than the history', () => {
  const db = throwawayDatabase('chipguard_netb');
  const dbUrl = db.url;
  const env = { DATABASE_URL: dbUrl, CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500', NETWORK_CACHE_VALUES: '50', NETWORK_CACHE_NODES: '20' };
  let a: TestApp;
  const screen = async (body: object) => {
    const res = await request(a.http).post('/v1/transactions/screen').send(body);
    expect(res.status).toBe(200);
    return (res.body.reasons as { code: string; evidence: Record<string, unknown> }[]).map((r) => r.code);
  };
  const order = (buyer: string, identifiers: { type: string; value: string }[], quantity = 4, country = 'GB') => ({
    date: '2026-11-20',
    buyer: { name: buyer, country, identifiers },
    endUser: { name: buyer, country },
    shipTo: { name: 'Docklands Hall', country: 'GB', address: 'Unit 7, 12 Dock Road, London E16 1AA' },
    items: [{ model: 'DGX H100', quantity }],
    attributes: { sitePowerMw: 0.15 },
  });
  const fillers = async (from: number, count: number) => {
    for (let i = from; i < from + count; i++)
      await screen({
        ...order(`Filler ${i} Ltd`, [{ type: 'bank_account', value: `GB${10 + i} FILL ${100000 + i}` }], 1),
        shipTo: undefined,
        attributes: undefined,
      });
  };
  const graph = () => a.app.get(NetworksService).engine.graph;

  beforeAll(async () => {
    await db.create();
    a = await startTestApp(env);
    await importSharedLists(a, [{ format: 'csl-csv', files: ['us-csl-entity-list-2026-07.csv'] }]);
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await db.drop();
  });

  it('LINKED_TO_RESTRICTED, SPLIT_ACROSS_LINKED_BUYERS and CUMULATIVE_CAPACITY work from the database, also after a restart', async () => {
    const bank = [{ type: 'bank_account', value: IBAN }];
    expect(await screen({ ...order('Shanghai Biren Technology', bank, 1, 'CN'), shipTo: undefined, attributes: undefined })).toContain('PARTY_LIST_MATCH');
    const fp = [{ type: 'payment_fingerprint', value: 'fp_pg_bounded_1' }];
    await screen(order('Mersey Compute Ltd', fp)); // 32 accelerators, 41 kW of 150
    await fillers(0, 30);
    expect(graph().complete).toBe(false);
    expect(graph().values.size).toBeLessThanOrEqual(50);
    expect(await screen({ ...order('Thames Bounded Ltd', bank, 1), shipTo: undefined, attributes: undefined })).toContain('LINKED_TO_RESTRICTED');
    await a.app.get(NetworksService).drain();
    await a.app.close();
    a = await startTestApp(env);
    expect(graph().values.size).toBe(0);
    await fillers(30, 5);
    // 32 more accelerators from a buyer on the same card: 64 (split); then 64 more to the site: 164 kW of 150
    const second = await screen(order('Tyne Inference Ltd', fp));
    expect(second).toContain('SPLIT_ACROSS_LINKED_BUYERS');
    const third = await screen(order('Mersey Compute Ltd', fp, 8));
    expect(third).toContain('CUMULATIVE_CAPACITY');
    expect(await screen({ ...order('Severn Bounded Ltd', bank, 1), shipTo: undefined, attributes: undefined })).toContain('LINKED_TO_RESTRICTED');
    expect(graph().nodes.size).toBeLessThanOrEqual(20);
  }, 180_000);
});

import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NetworksService } from '../../src/networks/networks.service';
import { importSharedLists, startTestApp, TestApp } from '../helpers';

/** The link graph on PostgreSQL: the network_* migration, incremental updates, a restart, hashed storage. */
const SERVER_URL = process.env.TEST_POSTGRES_URL!;
const IBAN = 'GB29 NWBK 6016 1331 9268 19';

describe('PostgreSQL: the link graph', () => {
  const dbName = `chipguard_net_${process.pid}_${Date.now()}`;
  const dbUrl = SERVER_URL.replace(/\/[^/]*$/, `/${dbName}`);
  const env = { DATABASE_URL: dbUrl, CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' };
  let a: TestApp;

  beforeAll(async () => {
    const admin = new Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    a = await startTestApp(env);
    await importSharedLists(a, [{ format: 'csl-csv', files: ['us-csl-entity-list-2026-07.csv'] }]);
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    const admin = new Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
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

import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { DecisionsService } from '../src/decisions/decisions.service';
import { startTestApp, TestApp } from './helpers';

jest.setTimeout(300_000);

describe('two instances on one SQLite file', () => {
  let a: TestApp;
  let b: TestApp;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chipguard-two-'));
    a = await startTestApp({ LIST_MAX_AGE_DAYS: '36500' }, dir); // loads the bundled sample
    b = await startTestApp({ LIST_MAX_AGE_DAYS: '36500', CHIPGUARD_LOAD_SAMPLE: '0' }, dir);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('concurrent writes through both never fail (no 500 SQLITE_BUSY) and keep one intact chain', async () => {
    const order = (i: number) => ({
      reference: `PO-TWO-${i}`,
      date: '2026-03-02',
      buyer: { name: `Nordic Compute ${i} AB`, country: 'SE' },
      items: [{ model: 'L4', quantity: 1 }],
    });
    const statuses: Record<number, number> = {};
    const N = 400;
    const batch = async (from: number) => {
      const res = await Promise.all(
        Array.from({ length: 50 }, (_, k) => {
          const i = from + k;
          return request((i % 2 ? a : b).http)
            .post('/v1/transactions/screen')
            .send(order(i));
        }),
      );
      for (const r of res) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    };
    await Promise.all([...Array.from({ length: N / 50 }, (_, j) => batch(j * 50))]);
    expect(statuses).toEqual({ 200: N });
    const report = await a.app.get(DecisionsService).verifyChain();
    expect(report.ok).toBe(true);
    expect(report.decisions).toBe(N);
  });
});

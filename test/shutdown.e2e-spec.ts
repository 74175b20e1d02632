/**
 * Closing the app leaves nothing running behind it: the screening index rebuild a list import schedules
 * (debounced) is cancelled, so it never runs, or logs, after shutdown.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { ScreeningService } from '../src/screening/screening.service';
import { SHARED_LISTS, startTestApp } from './helpers';

it('a list import just before shutdown does not rebuild the screening index after it', async () => {
  const t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0' });
  const screening = t.app.get(ScreeningService);
  const rebuild = jest.spyOn(screening as unknown as { rebuild(): void }, 'rebuild');
  const imported = await request(t.http)
    .post('/v1/lists/import')
    .field('format', 'csl-csv')
    .attach('file', readFileSync(join(SHARED_LISTS, 'us-csl-meu-2026-07.csv')), 'us-csl-meu-2026-07.csv');
  expect(imported.status).toBe(200);
  const callsAtClose = rebuild.mock.calls.length;
  await t.close();
  await new Promise((resolve) => setTimeout(resolve, 600)); // past the 250 ms debounce
  expect(rebuild.mock.calls.length).toBe(callsAtClose);
});

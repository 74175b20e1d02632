import { existsSync } from 'fs';
import request from 'supertest';
import { startTestApp, TestApp } from './helpers';

describe('foundation (real app, real SQLite file)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '1kb' });
  });
  afterAll(() => t.close());

  it('creates the SQLite file and runs the migrations', async () => {
    expect(existsSync(t.dbFile)).toBe(true);
    const tables = await t.app.get(require('typeorm').DataSource).query("SELECT name FROM sqlite_master WHERE type='table'");
    const names = tables.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['list_version', 'list_entry', 'decision', 'disposition', 'migrations']));
    const [{ journal_mode }] = await t.app.get(require('typeorm').DataSource).query('PRAGMA journal_mode');
    expect(journal_mode).toBe('wal');
  });

  it('puts X-Request-Id on every response and echoes a sane incoming one', async () => {
    const a = await request(t.http).get('/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await request(t.http).get('/nope').set('X-Request-Id', 'abc-123');
    expect(b.status).toBe(404);
    expect(b.headers['x-request-id']).toBe('abc-123');
    expect(b.body.requestId).toBe('abc-123');
  });

  it('serves the OpenAPI document at /docs', async () => {
    const res = await request(t.http).get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health']));
  });

  it('rejects a body over the configured limit with 413', async () => {
    const res = await request(t.http)
      .post('/v1/parties/screen')
      .send({ name: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
  });
});

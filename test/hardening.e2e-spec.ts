import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { startTestApp, TestApp } from './helpers';

jest.setTimeout(180_000);

const ORDER = { buyer: { name: 'Nordic Compute AB', country: 'SE' }, items: [{ model: 'L4', quantity: 1 }] };

describe('hardening: headers, CORS, content types, body shape, dev-mode paths, rate limit (real app)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_DEV_MODE: '1', CHIPGUARD_DEV_IMPORT_DIR: join(require('os').tmpdir(), `cg-import-${process.pid}`) });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(join(require('os').tmpdir(), `cg-import-${process.pid}`), { recursive: true, force: true });
  });

  it('helmet headers on the API and on /docs (which still renders); no X-Powered-By', async () => {
    for (const path of ['/v1/lists', '/docs', '/health']) {
      const res = await request(t.http).get(path);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      // plain-http deployments keep working: nothing is upgraded to https behind the user's back
      expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      expect(res.headers['strict-transport-security']).toBeDefined();
    }
    const docs = await request(t.http).get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui-init.js');
    // Swagger UI loads only same-origin scripts; its inline <style> is allowed by style-src
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(docs.headers['content-security-policy']).toMatch(/style-src 'self' https: 'unsafe-inline'/);
    expect((await request(t.http).get('/docs/swagger-ui-init.js')).status).toBe(200);
  });

  it('CORS is off by default', async () => {
    const pre = await request(t.http).options('/v1/parties/screen').set('Origin', 'https://ui.example.com').set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a state-changing request that is neither JSON nor multipart is a 415 (a cross-site form post never lands)', async () => {
    const plain = await request(t.http).post('/v1/parties/screen').set('Content-Type', 'text/plain').send('{"name":"x"}');
    expect(plain.status).toBe(415);
    const form = await request(t.http).post('/v1/decisions/dec_x/disposition').type('form').send({ action: 'release', by: 'x' });
    expect(form.status).toBe(415);
    expect(form.body.message[0]).toMatch(/application\/json/);
    expect((await request(t.http).post('/v1/parties/screen').set('Content-Type', 'text/csv').send('name\nx')).status).toBe(415);
  });

  it('1,700 nested arrays (3.5 KB) are a 400, not a 500', async () => {
    const body = '['.repeat(1700) + ']'.repeat(1700);
    for (const path of ['/v1/transactions/screen', '/v1/parties/screen', '/v1/transactions/batch']) {
      const res = await request(t.http).post(path).set('Content-Type', 'application/json').send(`{"items":${body}}`);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.message[0]).toMatch(/nested deeper than/);
    }
  });

  it('prototype-named keys anywhere are unknown fields (400)', async () => {
    for (const key of ['toString', 'valueOf', 'hasOwnProperty', '__proto__', 'constructor']) {
      const top = await request(t.http)
        .post('/v1/transactions/screen')
        .set('Content-Type', 'application/json')
        .send(`{"${key}":1,"buyer":{"name":"x","country":"SE"},"items":[{"model":"L4","quantity":1}]}`);
      expect({ key, status: top.status }).toEqual({ key, status: 400 });
      const nested = await request(t.http)
        .post('/v1/transactions/screen')
        .send({ ...ORDER, attributes: JSON.parse(`{"${key}": {"a": 1}}`) });
      expect({ key, status: nested.status, message: nested.body.message }).toEqual({
        key,
        status: 400,
        message: [`property attributes.${key} should not exist`],
      });
    }
  });

  it('dev-mode path import is confined to CHIPGUARD_DEV_IMPORT_DIR', async () => {
    const dir = join(require('os').tmpdir(), `cg-import-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'not-a-list.csv'), 'a,b\n1,2\n');
    for (const path of ['/etc/passwd', '../../../../etc/passwd', `${dir}/../../etc/hostname`]) {
      const res = await request(t.http).post('/v1/lists/import').send({ format: 'csl-csv', path });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.message[0]).toMatch(/dev import folder/);
    }
    const inside = await request(t.http).post('/v1/lists/import').send({ format: 'csl-csv', path: 'not-a-list.csv' });
    expect(inside.status).toBe(422); // read, and refused as a list that does not parse
  });
});

describe('rate limit and CORS when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://ui.example.com' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 past RATE_LIMIT_PER_MINUTE', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await request(t.http).get('/v1/accelerators')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('allows exactly the configured origins', async () => {
    const ok = await request(t.http).options('/v1/parties/screen').set('Origin', 'https://ui.example.com').set('Access-Control-Request-Method', 'POST');
    expect(ok.headers['access-control-allow-origin']).toBe('https://ui.example.com');
    const other = await request(t.http).options('/v1/parties/screen').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

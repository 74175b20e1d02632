import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { startTestApp, TestApp } from './helpers';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/** The OpenAPI document (/docs-json) is the contract users see: every operation declares its response body. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.http).get('/docs-json')).body;
  });
  afterAll(() => t.close());

  it('every operation has a response schema for its success status', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(17);
    const missing = operations
      .filter(({ op }) => !Object.entries(op.responses ?? {}).some(([code, r]) => /^2\d\d$/.test(code) && Object.values(r.content ?? {}).some((c) => c.schema)))
      .map(({ name }) => name);
    expect(missing).toEqual([]);
  });

  it('the declared schema of POST /v1/transactions/screen names every field of a real response', async () => {
    const body = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'examples', 'order.json'), 'utf8'));
    const res = await request(t.http).post('/v1/transactions/screen').send(body);
    expect(res.status).toBe(200);
    const schema = doc.paths['/v1/transactions/screen'].post.responses!['200'].content!['application/json'].schema!;
    const undeclared = (value: unknown, s: Schema, at: string): string[] => {
      if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => undeclared(v, s.items!, `${at}[${i}]`)) : [];
      if (!value || typeof value !== 'object' || !s.properties) return [];
      const v = value as Record<string, unknown>;
      return [
        ...Object.keys(v)
          .filter((k) => !(k in s.properties!))
          .map((k) => `${at}.${k} (not declared)`),
        ...(s.required ?? []).filter((k) => !(k in v)).map((k) => `${at}.${k} (required, absent)`),
        ...Object.entries(v).flatMap(([k, x]) => (s.properties![k] ? undeclared(x, s.properties![k], `${at}.${k}`) : [])),
      ];
    };
    expect(undeclared(res.body, schema, 'body')).toEqual([]);
  });
});

import { readFileSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { join } from 'path';
import request from 'supertest';
import { ListsService } from '../src/lists/lists.service';
import { downloadAllOfficialLists } from '../src/lists/official-sources';
import { SHARED_LISTS, startTestApp, TestApp } from './helpers';

/** Official sources served from loopback (no network): port 3121, in this suite's range. */
const PORT = 3121;
const BASE = `http://127.0.0.1:${PORT}`;

describe('scheduled list refresh against a local mirror', () => {
  let server: Server;
  let routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
  const arrivals: { path: string; at: number }[] = [];
  const silent: ServerResponse[] = [];
  const serve = (file: string) => (_req: IncomingMessage, res: ServerResponse) => res.end(readFileSync(join(SHARED_LISTS, file)));
  const hang = (_req: IncomingMessage, res: ServerResponse) => void silent.push(res);
  const broken = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(500).end('down');

  beforeAll(async () => {
    server = createServer((req, res) => {
      arrivals.push({ path: req.url ?? '', at: Date.now() });
      (routes[req.url ?? ''] ?? broken)(req, res);
    });
    await new Promise<void>((ok) => server.listen(PORT, '127.0.0.1', ok));
  });
  afterAll(async () => {
    for (const r of silent) r.destroy();
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  it('downloads the sources at the same time, each under its own timeout: a silent mirror holds up only its source', async () => {
    routes = { '/csl.csv': hang, '/un.xml': hang, '/eu.xml': serve('eu-fsf-excerpt.xml') };
    arrivals.length = 0;
    const overrides = { CSL: `${BASE}/csl.csv`, UN: `${BASE}/un.xml`, EU: `${BASE}/eu.xml` };
    const results = [];
    const start = Date.now();
    for await (const r of downloadAllOfficialLists({ overrides, sources: ['CSL', 'UN', 'EU'], timeoutMs: 1500, sourceTimeoutsMs: { un: 400 } }))
      results.push(r);
    expect(results.map((r) => [r.source, 'error' in r ? r.error : 'ok'])).toEqual([
      ['CSL', expect.stringMatching(/could not download .* timed out/)],
      ['UN', expect.stringMatching(/could not download .* timed out/)],
      ['EU', 'ok'],
    ]);
    // EU, last in the table, was asked for before CSL (first, 1.5 s) gave up: in parallel, not one after another
    const eu = arrivals.find((a) => a.path === '/eu.xml')!;
    expect(eu.at - start).toBeLessThan(1500);
  });

  describe('the service', () => {
    let t: TestApp;
    beforeAll(async () => {
      routes = {};
      t = await startTestApp({
        CHIPGUARD_AUTO_UPDATE: '0',
        LIST_URL_CSL: `${BASE}/csl.csv`,
        LIST_URL_UN: `${BASE}/un.xml`,
        LIST_URL_EU: `${BASE}/eu.xml`,
        LIST_URL_UK: `${BASE}/uk.xml`,
        LIST_DOWNLOAD_TIMEOUT_SECONDS: '2',
        LIST_REFRESH_INTERVAL: '12h',
      });
    });
    afterAll(() => t.close());
    const health = async () => (await request(t.http).get('/health')).body;

    it('is degraded (200) while only the sample is loaded, and says what the sample is', async () => {
      const res = await request(t.http).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'degraded', sampleOnly: true, message: expect.stringMatching(/bundled SAMPLE lists/) });
      expect(res.body.refresh.nextAt).toEqual(expect.any(String));
    });

    it('a refresh that fails keeps the active versions and shows the error and its time until one succeeds', async () => {
      const lists = t.app.get(ListsService);
      routes = { '/un.xml': serve('un-consolidated.xml'), '/eu.xml': serve('eu-fsf-excerpt.xml'), '/uk.xml': serve('uk-sanctions-list-excerpt.xml') };
      await lists.refresh!.runNow(); // CSL is down (500)
      const h = await health();
      expect(h).toMatchObject({ status: 'degraded', sampleOnly: false, lists: { UN: 1003, EU: 4, UK: 4 } });
      expect(h.refresh).toMatchObject({
        failures: 1,
        lastError: expect.stringMatching(/^CSL: could not download .* HTTP 500/),
        lastErrorAt: expect.any(String),
      });
      expect(h.message).toMatch(/the last list refresh failed at .*: CSL: .* the active versions stay/);
      // retried after the first backoff (about a minute), not in 12 h
      expect(Date.parse(h.refresh.nextAt) - Date.now()).toBeLessThan(2 * 60_000);

      routes['/csl.csv'] = serve('us-csl-meu-2026-07.csv');
      await lists.refresh!.runNow();
      const ok = await health();
      expect(ok).toMatchObject({ status: 'ok', lists: { MEU: 70, UN: 1003 } });
      expect(ok.refresh).toMatchObject({ failures: 0, lastError: null, lastSuccessAt: expect.any(String) });
    });

    it('a refresh that would shrink a list is refused and logged, never forced: the active version stays', async () => {
      const lists = t.app.get(ListsService);
      const un = readFileSync(join(SHARED_LISTS, 'un-consolidated.xml'), 'utf8');
      // the UN file with most of its individuals removed: it would shrink UN by far more than LIST_MAX_DROP_PERCENT
      const cut = un.replace(/<INDIVIDUALS>[\s\S]*<\/INDIVIDUALS>/, '<INDIVIDUALS></INDIVIDUALS>');
      expect(cut.length).toBeLessThan(un.length / 2);
      routes['/un.xml'] = (_req, res) => res.end(cut);
      await lists.refresh!.runNow();
      const h = await health();
      expect(h.lists.UN).toBe(1003);
      expect(h).toMatchObject({
        status: 'degraded',
        refresh: { failures: 1, lastError: expect.stringMatching(/^UN: LIST_SHRINK: .*72\.8 % fewer.*refused; the active version stays/) },
      });
    });
  });
});

/**
 * JSON logs and access logs through pino (nestjs-pino): one line per request under its request id (X-Request-Id in
 * and out), the lines a request writes carry the same id, no key reaches a log, Nest's route mapping only at debug.
 */
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { join } from 'path';
import request from 'supertest';
import { SHARED_LISTS, startTestApp, TestApp } from './helpers';

type Line = Record<string, unknown> & { level: string; message?: string; requestId?: string };

/** Starts the app at `level`, capturing every line it writes on stdout. */
async function start(
  level: string,
  env: Record<string, string> = {},
): Promise<{ t: TestApp; lines: () => Line[]; raw: () => string; stop: () => Promise<void> }> {
  __resetOutOfContextForTests(); // nestjs-pino keeps its root logger per process: one per app here
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    const t = await startTestApp({ LOG_LEVEL: level, LIST_MAX_AGE_DAYS: '36500', ...env });
    return {
      t,
      raw: () => out,
      lines: () =>
        out
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Line),
      stop: async () => {
        await t.close();
        spy.mockRestore();
      },
    };
  } catch (e) {
    spy.mockRestore();
    throw e;
  }
}

describe('logs (pino)', () => {
  it('at info: an access line per request under its X-Request-Id, lines written while serving it carry that id, no key in any line', async () => {
    const s = await start('info');
    try {
      const started = s.lines();
      expect(started.some((l) => l.message === 'Nest application successfully started' && l.level === 'info')).toBe(true);
      // route mapping is debug detail
      expect(started.filter((l) => l.context === 'RouterExplorer' || l.context === 'RoutesResolver')).toEqual([]);

      const res = await request(s.t.http).get('/health').set('X-Request-Id', 'trace-42').expect(200);
      expect(res.headers['x-request-id']).toBe('trace-42');
      const imported = await request(s.t.http)
        .post('/v1/lists/import')
        .set('X-Request-Id', 'import-7')
        .field('format', 'csl-csv')
        .field('force', 'true')
        .field('reason', 'test: a log line inside a request')
        .attach('file', join(SHARED_LISTS, 'us-csl-meu-2026-07.csv'))
        .expect(200);
      expect(imported.headers['x-request-id']).toBe('import-7');
      const secret = 'cg_' + 'q'.repeat(60);
      const refused = await request(s.t.http).get('/v1/decisions').set('Authorization', `Bearer ${secret}`).expect(401);
      const generated = String(refused.headers['x-request-id']);
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);

      const lines = s.lines();
      const access = (id: string) => lines.filter((l) => l.requestId === id && l.message === 'request');
      expect(access('trace-42')).toEqual([expect.objectContaining({ level: 'info', req: { method: 'GET', path: '/health' }, res: { status: 200 } })]);
      expect(typeof access('trace-42')[0].ms).toBe('number');
      expect(access(generated)).toEqual([expect.objectContaining({ level: 'warn', req: { method: 'GET', path: '/v1/decisions' }, res: { status: 401 } })]);
      // the import logs what it imported, under the request's id
      expect(lines.some((l) => l.requestId === 'import-7' && l.context === 'lists' && /imported/.test(String(l.message)))).toBe(true);
      expect(s.raw()).not.toContain(secret);
      expect(s.raw()).not.toMatch(/authorization/i);
      // every line is one JSON object with an ISO time and a level name
      for (const l of lines) expect([typeof l.time, ['debug', 'info', 'warn', 'error'].includes(l.level)]).toEqual(['string', true]);
    } finally {
      await s.stop();
    }
  });

  it('at debug the route mapping is there; at error nothing of a normal start or request', async () => {
    const debug = await start('debug');
    try {
      expect(
        debug
          .lines()
          .some((l) => l.level === 'debug' && l.context === 'RouterExplorer' && /Mapped \{\/v1\/transactions\/screen, POST\}/.test(String(l.message))),
      ).toBe(true);
    } finally {
      await debug.stop();
    }
    const quiet = await start('error');
    try {
      await request(quiet.t.http).get('/health').expect(200);
      await request(quiet.t.http).get('/no-such-route').expect(404);
      expect(quiet.raw()).toBe('');
    } finally {
      await quiet.stop();
    }
  });

  it('a 5xx without a thrown error is an error line with its status, not a stack trace', async () => {
    const s = await start('info', { CHIPGUARD_LOAD_SAMPLE: '0' });
    try {
      await request(s.t.http).get('/health').set('X-Request-Id', 'no-lists-1').expect(503);
      const line = s.lines().find((l) => l.requestId === 'no-lists-1' && l.message === 'request failed');
      expect(line).toMatchObject({ level: 'error', res: { status: 503 } });
      expect(line?.err).toEqual({ message: 'failed with status code 503' });
    } finally {
      await s.stop();
    }
  });
});

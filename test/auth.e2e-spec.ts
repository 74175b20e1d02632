import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import request from 'supertest';
import { AuthService } from '../src/auth/auth.service';
import { ROLES, Role } from '../src/auth/roles';
import { PUBLIC_KEY, ROLES_KEY } from '../src/auth/roles.decorator';
import { runCli, startTestApp, TestApp } from './helpers';

jest.setTimeout(180_000);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface RouteSpec {
  method: Method;
  path: string;
  /** roles that may call it (admin is added: it may do everything); 'public' for no key */
  roles: readonly Role[] | 'public';
  body?: unknown;
}

const SCREENING: Role[] = ['screener', 'reviewer'];
const ANY: Role[] = [...ROLES];

/** The rights of API.md "Access control", route by route: the contract this test holds the code to. */
const ROUTES: RouteSpec[] = [
  { method: 'get', path: '/health', roles: 'public' },
  { method: 'post', path: '/v1/session', roles: 'public', body: { key: 'x' } },
  { method: 'get', path: '/v1/session', roles: ANY },
  { method: 'delete', path: '/v1/session', roles: 'public' },
  { method: 'post', path: '/v1/transactions/screen', roles: SCREENING, body: {} },
  { method: 'post', path: '/v1/transactions/batch', roles: SCREENING, body: {} },
  { method: 'post', path: '/v1/parties/screen', roles: SCREENING, body: {} },
  { method: 'post', path: '/v1/parties/screen/batch', roles: SCREENING, body: {} },
  { method: 'post', path: '/v1/items/classify', roles: SCREENING, body: {} },
  { method: 'post', path: '/v1/cloud/customers/screen', roles: SCREENING, body: {} },
  { method: 'get', path: '/v1/accelerators', roles: ANY },
  { method: 'get', path: '/v1/accelerators/:id', roles: ANY },
  { method: 'get', path: '/v1/lists', roles: ANY },
  { method: 'post', path: '/v1/lists/import', roles: ['list_admin'], body: {} },
  { method: 'get', path: '/v1/decisions', roles: ['reviewer', 'auditor'] },
  { method: 'get', path: '/v1/decisions/export', roles: ['auditor'] },
  { method: 'post', path: '/v1/decisions/rescreen', roles: ['reviewer', 'list_admin'], body: { from: 'not-a-date' } },
  { method: 'get', path: '/v1/decisions/rescreen/latest', roles: ['reviewer', 'list_admin', 'auditor'] },
  { method: 'get', path: '/v1/decisions/:id', roles: ['reviewer', 'auditor'] },
  { method: 'post', path: '/v1/decisions/:id/disposition', roles: ['reviewer'], body: {} },
  { method: 'get', path: '/v1/decisions/stats', roles: ['reviewer', 'auditor'] },
  { method: 'post', path: '/v1/transactions/batch/report', roles: SCREENING, body: {} },
  { method: 'get', path: '/v1/rules/thresholds', roles: ANY },
  { method: 'get', path: '/v1/risk/red-flags', roles: ANY },
  { method: 'get', path: '/v1/networks', roles: ['reviewer', 'auditor'] },
  { method: 'get', path: '/v1/networks/:id', roles: ['reviewer', 'auditor'] },
  { method: 'post', path: '/v1/cloud/accounts/screen', roles: SCREENING, body: {} },
  { method: 'get', path: '/metrics', roles: ['auditor'] },
  // the web interface: its pages need a signed-in key of any role (the API decides what each may do)
  { method: 'get', path: '/login', roles: 'public' },
  ...['/', '/queue', '/decisions/:id', '/lists', '/batch', '/cloud', '/overview', '/networks', '/networks/:id'].map(
    (path) => ({ method: 'get', path, roles: ANY }) as RouteSpec,
  ),
  { method: 'get', path: '/v1/allowlist', roles: ['reviewer', 'auditor'] },
  { method: 'delete', path: '/v1/allowlist/:id', roles: ['reviewer'] },
  { method: 'get', path: '/v1/audit/verify', roles: ['auditor'] },
];

/** Routes served outside Nest controllers that are public by design (the OpenAPI documentation). */
const DOCS = /^\/docs(-json|-yaml|\/.*)?$/;

const concrete = (path: string) => path.replace(/:id/g, 'nope-123');

function expressRoutes(t: TestApp): { method: Method; path: string }[] {
  const stack = (t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack.flatMap((l) => (l.route ? Object.keys(l.route.methods).map((m) => ({ method: m as Method, path: l.route!.path })) : []));
}

/** Every controller method of the running app with the role declaration it carries. */
function nestHandlers(t: TestApp): { method: Method; path: string; declared: boolean }[] {
  const reflector = new Reflector();
  const out: { method: Method; path: string; declared: boolean }[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as unknown as { prototype: Record<string, unknown> } & (abstract new (...a: never[]) => unknown);
      if (!ctrl?.prototype) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '')[0];
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = ctrl.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number].toLowerCase() as Method;
        const roles = reflector.getAllAndOverride<Role[]>(ROLES_KEY, [handler as never, ctrl]);
        const pub = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler as never, ctrl]);
        // a handler may serve several paths (@Get([...]))
        for (const sub of ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler))) {
          const path = ('/' + [base, sub].filter((s) => s && s !== '/').join('/')).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
          out.push({ method, path, declared: !!pub || (Array.isArray(roles) && roles.length > 0) });
        }
      }
    }
  }
  return out;
}

describe('access control: keys, roles, local mode, sessions (real app, real SQLite)', () => {
  let t: TestApp;
  const keys: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '36500' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('local mode (no key exists yet)', () => {
    it('accepts loopback requests as a local admin', async () => {
      expect((await request(t.http).get('/v1/lists')).status).toBe(200);
      const me = await request(t.http).get('/v1/session');
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ name: 'local', role: 'admin', local: true });
      expect((await request(t.http).get('/')).status).not.toBe(401);
    });

    it('refuses requests relayed by a proxy, under a foreign Host name, or cross-site', async () => {
      expect((await request(t.http).get('/v1/lists').set('X-Forwarded-For', '203.0.113.9')).status).toBe(401);
      expect((await request(t.http).get('/v1/lists').set('Host', 'evil.example:3000')).status).toBe(401);
      const cross = await request(t.http).post('/v1/parties/screen').set('Origin', 'https://evil.example').send({ name: 'Huawei' });
      expect(cross.status).toBe(403);
      const fetchSite = await request(t.http).post('/v1/parties/screen').set('Sec-Fetch-Site', 'cross-site').send({ name: 'Huawei' });
      expect(fetchSite.status).toBe(403);
    });

    it('a bogus key is never accepted, not even in local mode', async () => {
      expect((await request(t.http).get('/v1/lists').set('X-API-Key', 'cgk_this-key-does-not-exist')).status).toBe(401);
    });
  });

  describe('keys', () => {
    it('keys create prints the key alone on the last line; the key works; the database holds only its hash', async () => {
      const { out } = await runCli(t.dbFile, ['keys', 'create', '--name', 'Dana Reviewer', '--role', 'reviewer']);
      const key = out.trim().split('\n').pop()!;
      expect(key).toMatch(/^cgk_[A-Za-z0-9_-]{43}$/);
      keys.reviewer = key;
      const me = await request(t.http).get('/v1/session').set('Authorization', `Bearer ${key}`);
      expect(me.body).toEqual({ name: 'Dana Reviewer', role: 'reviewer', local: false });
      const rows = await t.app.get(AuthService).listKeys();
      expect(rows.map((r) => r.name)).toEqual(['Dana Reviewer']);
      expect(JSON.stringify(rows)).not.toContain(key.slice(4));
      expect((await runCli(t.dbFile, ['keys', 'list'])).out).toContain('Dana Reviewer');
      for (const role of ROLES.filter((r) => r !== 'reviewer')) keys[role] = (await t.app.get(AuthService).createKey(`test ${role}`, role, 'test')).key;
    });

    it('once a key exists, a request without one is 401, also from loopback', async () => {
      expect((await request(t.http).get('/v1/lists')).status).toBe(401);
      expect((await request(t.http).get('/v1/session')).status).toBe(401);
      expect((await request(t.http).get('/')).status).toBe(401);
      expect((await request(t.http).get('/v1/lists').set('X-API-Key', keys.auditor!)).status).toBe(200);
    });

    it('a second active key of the same name is refused', async () => {
      await expect(t.app.get(AuthService).createKey('Dana Reviewer', 'admin', 'test')).rejects.toThrow(/exists already/);
    });
  });

  describe('route table', () => {
    it('every route of the app declares its roles and is in this test table', () => {
      const handlers = nestHandlers(t);
      expect(handlers.length).toBeGreaterThan(15);
      expect(handlers.filter((h) => !h.declared).map((h) => `${h.method} ${h.path}`)).toEqual([]);
      const served = expressRoutes(t).filter((r) => !DOCS.test(r.path));
      const known = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
      const nest = new Set(handlers.map((h) => `${h.method} ${h.path}`));
      // every route Express serves is a declared controller route (no raw route slips past the guard) and is in the table
      expect(served.filter((r) => !nest.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
      expect(served.filter((r) => !known.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    });

    it('every non-public route answers 401 without a key', async () => {
      const served = expressRoutes(t).filter((r) => !DOCS.test(r.path));
      const open: string[] = [];
      for (const r of served) {
        const spec = ROUTES.find((x) => x.method === r.method && x.path === r.path);
        if (spec?.roles === 'public') continue;
        const res = await request(t.http)
          [r.method](concrete(r.path))
          .send((spec?.body ?? undefined) as object);
        if (res.status !== 401) open.push(`${r.method} ${r.path} -> ${res.status}`);
      }
      expect(open).toEqual([]);
    });

    it.each(ROUTES.filter((r) => r.roles !== 'public').map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
      '%s: 403 for each role without the right, served for each role with it',
      async (_name, route) => {
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const role of ROLES) {
          const allowed = role === 'admin' || (route.roles as readonly Role[]).includes(role);
          let req = request(t.http)[route.method](concrete(route.path)).set('X-API-Key', keys[role]!);
          if (route.body !== undefined) req = req.send(route.body as object);
          const res = await req;
          got[role] = res.status === 403 ? 'forbidden' : res.status === 401 ? 'unauthorised' : 'served';
          want[role] = allowed ? 'served' : 'forbidden';
        }
        expect(got).toEqual(want);
      },
    );
  });

  describe('browser sessions', () => {
    let cookies: string[] = [];
    const cookie = (name: string) => cookies.find((c) => c.startsWith(name + '='))!;
    const value = (name: string) =>
      cookie(name)
        .split(';')[0]
        .slice(name.length + 1);
    const jar = () => cookies.map((c) => c.split(';')[0]).join('; ');

    it('POST /v1/session with a wrong key is 401 and sets nothing', async () => {
      const res = await request(t.http).post('/v1/session').send({ key: 'cgk_wrong-wrong-wrong-wrong' });
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('sets an HttpOnly SameSite=Strict session cookie (not the key) and a readable CSRF cookie', async () => {
      const res = await request(t.http).post('/v1/session').send({ key: keys.reviewer });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Dana Reviewer', role: 'reviewer', local: false });
      cookies = res.headers['set-cookie'] as unknown as string[];
      expect(cookie('cg_session')).toMatch(/HttpOnly/i);
      expect(cookie('cg_session')).toMatch(/SameSite=Strict/i);
      expect(cookie('cg_session')).toMatch(/Path=\//);
      expect(cookie('cg_csrf')).not.toMatch(/HttpOnly/i);
      expect(cookie('cg_csrf')).toMatch(/SameSite=Strict/i);
      expect(value('cg_session')).not.toContain(keys.reviewer!.slice(4, 20));
      const me = await request(t.http).get('/v1/session').set('Cookie', jar());
      expect(me.body).toEqual({ name: 'Dana Reviewer', role: 'reviewer', local: false });
      expect((await request(t.http).get('/v1/decisions').set('Cookie', jar())).status).toBe(200);
      expect((await request(t.http).get('/').set('Cookie', jar())).status).not.toBe(401);
      expect((await request(t.http).get('/v1/decisions/export').set('Cookie', jar())).status).toBe(403);
    });

    it('a state-changing request on the cookie needs X-CSRF-Token equal to cg_csrf', async () => {
      const body = { name: 'Nordic Compute AB', country: 'SE' };
      expect((await request(t.http).post('/v1/parties/screen').set('Cookie', jar()).send(body)).status).toBe(403);
      expect((await request(t.http).post('/v1/parties/screen').set('Cookie', jar()).set('X-CSRF-Token', 'A'.repeat(43)).send(body)).status).toBe(403);
      const cross = await request(t.http)
        .post('/v1/parties/screen')
        .set('Cookie', jar())
        .set('X-CSRF-Token', value('cg_csrf'))
        .set('Origin', 'https://evil.example')
        .send(body);
      expect(cross.status).toBe(403);
      const ok = await request(t.http).post('/v1/parties/screen').set('Cookie', jar()).set('X-CSRF-Token', value('cg_csrf')).send(body);
      expect(ok.status).toBe(200);
      // the key header needs no CSRF token
      expect((await request(t.http).post('/v1/parties/screen').set('X-API-Key', keys.reviewer!).send(body)).status).toBe(200);
    });

    it('the login page and static assets are public; other UI pages need a session', async () => {
      expect((await request(t.http).get('/login')).status).not.toBe(401);
      expect((await request(t.http).get('/ui/assets/app.js')).status).not.toBe(401);
      expect((await request(t.http).get('/ui/queue')).status).toBe(401);
    });

    it('DELETE /v1/session signs out: the cookie no longer works', async () => {
      const res = await request(t.http).delete('/v1/session').set('Cookie', jar());
      expect(res.status).toBe(200);
      expect((await request(t.http).get('/v1/session').set('Cookie', jar())).status).toBe(401);
    });

    it('revoking a key ends its sessions and the key itself', async () => {
      const login = await request(t.http).post('/v1/session').send({ key: keys.screener });
      const jar2 = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
      expect((await request(t.http).get('/v1/session').set('Cookie', jar2)).status).toBe(200);
      const { out } = await runCli(t.dbFile, ['keys', 'revoke', 'test screener']);
      expect(out).toContain('revoked screener key "test screener"');
      await new Promise((r) => setTimeout(r, 1100)); // the service caches active keys for a second
      expect((await request(t.http).get('/v1/session').set('Cookie', jar2)).status).toBe(401);
      expect((await request(t.http).get('/v1/session').set('X-API-Key', keys.screener!)).status).toBe(401);
    });
  });
});

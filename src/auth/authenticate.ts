import type { Request } from 'express';
import { AuthService } from './auth.service';
import { isCrossSite, isLoopbackAddress, isLoopbackHostHeader, parseCookies } from './request-origin';
import { LOCAL_PRINCIPAL, Principal } from './roles';

export const SESSION_COOKIE = 'cg_session';
export const CSRF_COOKIE = 'cg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; status: 401 | 403; message: string };

/** The key a request carries: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header ? header.trim() : undefined;
}

/**
 * Who is calling, in this order: a key header (no CSRF token needed: a browser never adds it by itself); a
 * session cookie (a state-changing request must echo the cg_csrf cookie in X-CSRF-Token); local mode (no key
 * exists, the request comes from loopback under a loopback name, not relayed by a proxy, not cross-site).
 */
export async function authenticate(req: Request, auth: AuthService): Promise<AuthOutcome> {
  const key = presentedKey(req);
  if (key !== undefined || typeof req.headers.authorization === 'string') {
    const principal = key ? await auth.authenticateKey(key) : null;
    return principal ? { ok: true, principal } : { ok: false, status: 401, message: 'unknown or revoked API key' };
  }
  const cross = isCrossSite({
    origin: header(req, 'origin'),
    host: header(req, 'host'),
    secFetchSite: header(req, 'sec-fetch-site'),
  });
  const changesState = !SAFE_METHODS.has(req.method.toUpperCase());
  const cookies = parseCookies(header(req, 'cookie'));
  const token = cookies[SESSION_COOKIE];
  if (token) {
    const session = await auth.findSession(token);
    if (session) {
      if (changesState) {
        const csrf = header(req, CSRF_HEADER);
        if (cross || !csrf || csrf !== cookies[CSRF_COOKIE] || !session.csrfMatches(csrf)) {
          return { ok: false, status: 403, message: `a browser request that changes state needs header X-CSRF-Token equal to the ${CSRF_COOKIE} cookie` };
        }
      }
      return { ok: true, principal: session.principal };
    }
  }
  if (await auth.localMode()) {
    const relayed = header(req, 'x-forwarded-for') !== undefined || header(req, 'forwarded') !== undefined;
    if (isLoopbackAddress(req.socket?.remoteAddress) && isLoopbackHostHeader(header(req, 'host')) && !relayed) {
      if (changesState && cross) return { ok: false, status: 403, message: 'cross-site requests are refused in local mode' };
      return { ok: true, principal: LOCAL_PRINCIPAL };
    }
    return {
      ok: false,
      status: 401,
      message: 'local mode (no API key exists) accepts only direct requests from this machine; create a key: npx chipguard keys create',
    };
  }
  return {
    ok: false,
    status: 401,
    message: token ? 'the session has expired or was ended; sign in again' : 'an API key is required: Authorization: Bearer <key> or X-API-Key: <key>',
  };
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

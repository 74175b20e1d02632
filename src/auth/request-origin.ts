/**
 * Facts about where a request comes from, for local mode (plain functions over header values and addresses).
 */
import { isIP } from 'net';

/** 127.0.0.0/8, ::1 and the IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (a === '::1') return true;
  return isIP(a) === 4 && a.startsWith('127.');
}

/** A HOST setting that only listens on loopback. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || isLoopbackAddress(h);
}

/**
 * The Host header names the loopback interface (localhost, 127.x, [::1]): in local mode anything else means
 * a browser reached us under another name (DNS rebinding) and must not be treated as the local admin.
 */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(:\d+)?$/.exec(hostHeader.trim());
  return !!m && isLoopbackHost(m[1]);
}

/**
 * A browser tells us when a request was made by another site (Sec-Fetch-Site, Origin). Such a request never
 * acts on a cookie or on local mode's implicit admin: a cross-site form post never works.
 */
export function isCrossSite(headers: { origin?: string; host?: string; secFetchSite?: string }): boolean {
  const site = headers.secFetchSite?.toLowerCase();
  if (site && site !== 'same-origin' && site !== 'none') return true;
  if (headers.origin && headers.origin !== 'null') {
    try {
      return new URL(headers.origin).host.toLowerCase() !== (headers.host ?? '').toLowerCase();
    } catch {
      return true;
    }
  }
  return headers.origin === 'null';
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    let value = part.slice(i + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      continue;
    }
    if (!(name in out)) out[name] = value;
  }
  return out;
}

import { createHash, randomBytes, timingSafeEqual } from 'crypto';

/**
 * API keys and session tokens: 32 random bytes (256 bits), so a plain sha256 is a safe stored form (no
 * password stretching needed for a secret nobody chose). Only the hash is stored; comparisons are constant-time.
 */
export const API_KEY_PREFIX = 'cgk_';

export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time equality of two hex digests (or any two strings, compared as bytes). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) {
    timingSafeEqual(x, x); // spend the same time either way
    return false;
  }
  return timingSafeEqual(x, y);
}

/** Finds the stored record whose hash is the presented secret's, touching every record (no early exit). */
export function findByHash<T extends { hash: string }>(records: readonly T[], secret: string): T | undefined {
  const hash = sha256Hex(secret);
  let found: T | undefined;
  for (const r of records) if (sameSecret(r.hash, hash) && !found) found = r;
  return found;
}

/** A key as a caller may send it: printable ASCII, bounded (never a megabyte header hashed per request). */
export function plausibleSecret(s: string): boolean {
  return s.length >= 16 && s.length <= 256 && /^[\x21-\x7e]+$/.test(s);
}

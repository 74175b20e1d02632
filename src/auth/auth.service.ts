import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ApiKeyRow, SessionRow } from '../database/access-entities';
import { DecisionStore } from '../database/decision-store';
import { readLatest, writeTransaction } from '../database/write-transaction';
import { isRole, Principal, Role } from './roles';
import { findByHash, newApiKey, newToken, plausibleSecret, sameSecret, sha256Hex } from './secrets';

interface CachedKey {
  id: number;
  name: string;
  role: Role;
  hash: string;
}

/** How long the active keys are cached (a key created or revoked by the CLI takes effect within this). */
const KEY_CACHE_MS = 1000;
/** An unknown key re-reads the keys; such reads start at most this often (a 401 waits up to this long). */
const KEY_REREAD_MS = 200;

/**
 * API keys (stored as sha256 only) and browser sessions. Key changes are chained (tamper evidence):
 * the key row and its chain event commit in one transaction.
 */
@Injectable()
export class AuthService {
  private cache: { at: number; keys: CachedKey[] } | undefined;
  private local: { at: number; local: boolean } | undefined;
  private nextRead: Promise<CachedKey[]> | undefined;
  private lastReadStart = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DecisionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The active keys (cached briefly). */
  async activeKeys(): Promise<CachedKey[]> {
    if (this.cache && Date.now() - this.cache.at < KEY_CACHE_MS) return this.cache.keys;
    return this.loadKeys();
  }

  private async loadKeys(): Promise<CachedKey[]> {
    const rows = await readLatest(this.db, (em) => em.getRepository(ApiKeyRow).find({ where: { revokedAt: IsNull() } }));
    const keys = rows.filter((r) => isRole(r.role)).map((r) => ({ id: r.id, name: r.name, role: r.role as Role, hash: r.keyHash }));
    this.cache = { at: Date.now(), keys };
    return keys;
  }

  /**
   * The keys as read by a read that starts after this call (an unknown key may have just been created by the CLI or
   * another instance). Callers waiting together share one read, and reads start at most every KEY_REREAD_MS, so a
   * stream of bogus keys costs a query per interval, not per request.
   */
  private keysReadFromNow(): Promise<CachedKey[]> {
    if (!this.nextRead) {
      const wait = Math.max(0, this.lastReadStart + KEY_REREAD_MS - Date.now());
      this.nextRead = new Promise((r) => setTimeout(r, wait)).then(() => {
        this.nextRead = undefined; // later callers wait for the next read: this one may predate their key
        this.lastReadStart = Date.now();
        return this.loadKeys();
      });
    }
    return this.nextRead;
  }

  /** Local mode: no key exists at all (revoked keys count: once keys were used, the service never falls back). */
  async localMode(): Promise<boolean> {
    if ((await this.activeKeys()).length) return false;
    // cached like the keys (a key created elsewhere ends local mode within KEY_CACHE_MS): not a query per request
    if (this.local && Date.now() - this.local.at < KEY_CACHE_MS) return this.local.local;
    const local = (await readLatest(this.db, (em) => em.getRepository(ApiKeyRow).count())) === 0;
    this.local = { at: Date.now(), local };
    return local;
  }

  async authenticateKey(secret: string): Promise<Principal | null> {
    if (!plausibleSecret(secret)) return null;
    // a key just created (by the CLI, another instance) works at once: an unknown key waits for a fresh read of the keys
    const key = findByHash(await this.activeKeys(), secret) ?? findByHash(await this.keysReadFromNow(), secret);
    return key ? { name: key.name, role: key.role, via: 'key', keyId: key.id } : null;
  }

  async createKey(name: string, role: Role, by: string): Promise<{ key: string; row: ApiKeyRow }> {
    const clean = name.trim();
    if (!clean || clean.length > 200 || [...clean].some((c) => c.charCodeAt(0) < 0x20)) throw new Error('a key name is 1..200 printable characters');
    if (!isRole(role)) throw new Error(`unknown role "${role}"`);
    const key = newApiKey();
    const keyHash = sha256Hex(key);
    let row: ApiKeyRow | undefined;
    const createdAt = new Date().toISOString();
    await this.store.writeEvent(
      { kind: 'key.create', subject: `key ${clean}`, by, createdAt, data: JSON.stringify({ name: clean, role, keyHash }) },
      async (tx) => {
        if (await tx.getRepository(ApiKeyRow).count({ where: { name: clean, revokedAt: IsNull() } })) {
          throw new KeyNameTaken(clean);
        }
        row = await tx.getRepository(ApiKeyRow).save({ name: clean, role, keyHash, createdAt, revokedAt: null });
      },
    );
    this.cache = this.local = undefined;
    return { key, row: row! };
  }

  /** Revokes the active key of that name (and ends its sessions). */
  async revokeKey(name: string, by: string): Promise<ApiKeyRow> {
    const revokedAt = new Date().toISOString();
    let row: ApiKeyRow | undefined;
    await this.store.writeEvent({ kind: 'key.revoke', subject: `key ${name}`, by, createdAt: revokedAt, data: JSON.stringify({ name }) }, async (tx) => {
      row = (await tx.getRepository(ApiKeyRow).findOne({ where: { name, revokedAt: IsNull() } })) ?? undefined;
      if (!row) throw new UnknownKey(name);
      await tx.getRepository(ApiKeyRow).update({ id: row.id }, { revokedAt });
      await tx.getRepository(SessionRow).delete({ keyId: row.id });
      row.revokedAt = revokedAt;
    });
    this.cache = this.local = undefined;
    return row!;
  }

  listKeys(): Promise<ApiKeyRow[]> {
    return this.db.getRepository(ApiKeyRow).find({ order: { id: 'ASC' } });
  }

  /** A browser session for a validated key: returns the cookie values; only their hashes are stored. */
  async createSession(principal: Principal): Promise<{ token: string; csrf: string; expiresAt: Date }> {
    const token = newToken();
    const csrf = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionHours * 3_600_000);
    await writeTransaction(this.db, async (tx) => {
      await tx.getRepository(SessionRow).delete({ expiresAt: LessThan(now.toISOString()) });
      await tx.getRepository(SessionRow).save({
        tokenHash: sha256Hex(token),
        csrfHash: sha256Hex(csrf),
        keyId: principal.keyId!,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
    });
    return { token, csrf, expiresAt };
  }

  /** The session of a cookie token: its caller (the key must still be active) and a CSRF check. */
  async findSession(token: string): Promise<{ principal: Principal; csrfMatches: (csrf: string | undefined) => boolean } | null> {
    if (!plausibleSecret(token)) return null;
    const row = await this.db.getRepository(SessionRow).findOne({ where: { tokenHash: sha256Hex(token) } });
    if (!row || row.expiresAt <= new Date().toISOString()) return null;
    const key = (await this.activeKeys()).find((k) => k.id === row.keyId);
    if (!key) return null;
    return {
      principal: { name: key.name, role: key.role, via: 'session', keyId: key.id },
      csrfMatches: (csrf) => !!csrf && plausibleSecret(csrf) && sameSecret(sha256Hex(csrf), row.csrfHash),
    };
  }

  async endSession(token: string): Promise<void> {
    if (!plausibleSecret(token)) return;
    await writeTransaction(this.db, (tx) => tx.getRepository(SessionRow).delete({ tokenHash: sha256Hex(token) }));
  }
}

export class KeyNameTaken extends Error {
  constructor(name: string) {
    super(`an active key named "${name}" exists already; revoke it first or choose another name`);
  }
}

export class UnknownKey extends Error {
  constructor(name: string) {
    super(`no active key named "${name}"`);
  }
}

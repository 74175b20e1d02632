/**
 * Typed configuration read from the environment and validated at start-up.
 * A bad value stops the service with one line naming the variable.
 * Every variable is documented in the README's configuration table.
 */
import { resolve } from 'path';
import { tmpdir } from 'os';
import { DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD } from '../screening/params';

export interface AppConfig {
  port: number;
  databaseUrl: string;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** max JSON body size, in the form body-parser accepts ("1mb") */
  bodyLimit: string;
  /** max body size of a batch (CSV or JSON) request */
  batchBodyLimit: string;
  /** run `lists update` once on start when the database has no list */
  autoUpdate: boolean;
  /** load the bundled sample list when no list is loaded and none could be downloaded */
  loadSample: boolean;
  /** check the database for list versions activated by another instance every N seconds (0 = never) */
  listSyncSeconds: number;
  /** scheduled list refresh: every this many ms (with jitter), or 'off' (LIST_REFRESH_INTERVAL, default 12 h) */
  listRefresh: number | 'off';
  /** per source id (LIST_DOWNLOAD_TIMEOUT_SECONDS_<SOURCE>): seconds, in place of listDownloadTimeoutSeconds */
  listDownloadTimeouts: Record<string, number>;
  /** how long one official list file may take to download before it counts as failed */
  listDownloadTimeoutSeconds: number;
  /** where `chipguard screen` keeps the snapshot of its screening index ('' = beside the SQLite file / in the temp folder; 'off' = never) */
  screenIndexCache: string;
  /** decisions carry LISTS_STALE (review) when the active list is older than this */
  listMaxAgeDays: number;
  /** screening thresholds: score >= match -> "match"; >= review -> "potential" */
  screenMatchThreshold: number;
  screenReviewThreshold: number;
  /** per-source URL overrides for `lists update`: LIST_URL_<SOURCE>=https://… (see official-sources.ts) */
  listSourceOverrides: Record<string, string>;
  /** accept server-side file paths in POST /v1/lists/import */
  devMode: boolean;
  /** directory of the project's data (catalog, rule sets, bundled sample list) */
  dataDir: string;
  /** beneficial owners at or above this share are screened (cloud) */
  ownerScreenPercent: number;
  /** training compute above which a restricted-HQ customer is flagged (cloud), operations */
  cloudTrainingFlopThreshold: number;
  /** re-screen stored decisions of the last N days when a list version changes */
  rescreenWindowDays: number;
  /** how to read the affiliates (50 %) rule after its suspension ended (Nov 9 2026): in_force (default) or suspended */
  affiliatesAfterSuspension: 'in_force' | 'suspended';
  /** networks: link graph and network red flags on every decision (CHIPGUARD_NETWORKS=0 turns them off) */
  networksEnabled: boolean;
  /** networks: HMAC key for stored link values (hex, >= 32 chars); unset = generated once and kept in the database */
  networkSecret?: string;
  /** networks: most link values / parties the link graph keeps in memory (the rest is read from the database) */
  networkCacheValues: number;
  networkCacheNodes: number;
  /** order-history cache capacity, in records */
  historyCacheRecords: number;
  /** per history key, the newest N related orders of the structuring window are read */
  historyRelatedLimit: number;
  /** seconds a cached history answer is trusted before it is read again (other instances write too) */
  historyCacheSeconds: number;
  /** interface to listen on; unset = 127.0.0.1 (a non-loopback HOST needs at least one API key) */
  host: string | undefined;
  /** releasing a decision with a restricted-list match or a deny-severity reason needs two reviewers */
  fourEyes: boolean;
  /** an allow-list entry (reviewed false positive) suppresses for this many days */
  allowlistDays: number;
  /** a browser session lasts this many hours */
  sessionHours: number;
  /** an import that shrinks a list code by more than this percentage is refused (409 LIST_SHRINK) unless forced */
  listMaxDropPercent: number;
  /** browser origins allowed by CORS (empty: CORS off) */
  corsOrigins: string[];
  /** requests per minute per client address (0: no rate limit) */
  rateLimitPerMinute: number;
  /** dev mode: the only folder server-side import paths may name */
  devImportDir: string;
  /** where uploads (list files) are written while they are imported */
  uploadDir: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function num(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new ConfigError(name, `must be a number, got "${raw}"`);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be 1/0 or true/false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, dflt: T, values: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const v = raw.toLowerCase() as T;
  if (!values.includes(v)) throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  return v;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || 'sqlite:var/chipguard.sqlite';
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', `must be sqlite:<file> or postgres://…, got "${databaseUrl}"`);
  }
  const bodyLimit = env.BODY_LIMIT || '2mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) throw new ConfigError('BODY_LIMIT', `must look like 512kb or 2mb, got "${bodyLimit}"`);
  const batchBodyLimit = env.BATCH_BODY_LIMIT || '50mb';
  if (!/^\d+(b|kb|mb)$/i.test(batchBodyLimit)) throw new ConfigError('BATCH_BODY_LIMIT', `must look like 512kb or 50mb, got "${batchBodyLimit}"`);
  const config: AppConfig = {
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['error', 'warn', 'info', 'debug'] as const),
    bodyLimit,
    batchBodyLimit,
    autoUpdate: bool(env, 'CHIPGUARD_AUTO_UPDATE', true),
    loadSample: bool(env, 'CHIPGUARD_LOAD_SAMPLE', true),
    listMaxAgeDays: int(env, 'LIST_MAX_AGE_DAYS', 7, 1, 36500),
    listSyncSeconds: int(env, 'LIST_SYNC_SECONDS', 30, 0, 86400),
    listDownloadTimeoutSeconds: int(env, 'LIST_DOWNLOAD_TIMEOUT_SECONDS', 120, 1, 3600),
    listDownloadTimeouts: Object.fromEntries(
      Object.keys(env)
        .filter((k) => k.startsWith('LIST_DOWNLOAD_TIMEOUT_SECONDS_') && env[k])
        .map((k) => [k.slice('LIST_DOWNLOAD_TIMEOUT_SECONDS_'.length).toUpperCase(), int(env, k, 120, 1, 3600)]),
    ),
    screenIndexCache: env.SCREEN_INDEX_CACHE?.trim() ?? '',
    listRefresh: refreshInterval(env),
    screenMatchThreshold: num(env, 'SCREEN_MATCH_THRESHOLD', DEFAULT_MATCH_THRESHOLD, 0, 1),
    screenReviewThreshold: num(env, 'SCREEN_REVIEW_THRESHOLD', DEFAULT_REVIEW_THRESHOLD, 0, 1),
    devMode: bool(env, 'CHIPGUARD_DEV_MODE', false),
    listSourceOverrides: Object.fromEntries(
      Object.entries(env)
        .filter(([k, v]) => k.startsWith('LIST_URL_') && v)
        .map(([k, v]) => {
          if (!/^https?:\/\/\S+$/.test(v!)) throw new ConfigError(k, `must be an http(s) URL, got "${v}"`);
          return [k.slice('LIST_URL_'.length), v!];
        }),
    ),
    dataDir: env.CHIPGUARD_DATA_DIR || defaultDataDir(),
    ownerScreenPercent: num(env, 'OWNER_SCREEN_PERCENT', 25, 0, 100),
    cloudTrainingFlopThreshold: num(env, 'CLOUD_TRAINING_FLOP_THRESHOLD', 1e26, 0, 1e40),
    rescreenWindowDays: int(env, 'RESCREEN_WINDOW_DAYS', 1826, 1, 36500),
    affiliatesAfterSuspension: oneOf(env, 'AFFILIATES_RULE_AFTER_SUSPENSION', 'in_force', ['in_force', 'suspended'] as const),
    networksEnabled: bool(env, 'CHIPGUARD_NETWORKS', true),
    networkSecret: networkSecret(env),
    networkCacheValues: int(env, 'NETWORK_CACHE_VALUES', 200_000, 50, 50_000_000),
    networkCacheNodes: int(env, 'NETWORK_CACHE_NODES', 50_000, 20, 10_000_000),
    historyCacheRecords: int(env, 'HISTORY_CACHE_RECORDS', 200_000, 100, 50_000_000),
    historyRelatedLimit: int(env, 'HISTORY_RELATED_LIMIT', 200, 10, 100_000),
    historyCacheSeconds: int(env, 'HISTORY_CACHE_SECONDS', 30, 1, 86400),
    host: hostSetting(env),
    fourEyes: bool(env, 'FOUR_EYES', true),
    allowlistDays: int(env, 'ALLOWLIST_DAYS', 365, 1, 36500),
    sessionHours: int(env, 'SESSION_HOURS', 12, 1, 24 * 90),
    listMaxDropPercent: num(env, 'LIST_MAX_DROP_PERCENT', 20, 0, 100),
    corsOrigins: corsOrigins(env),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 120_000, 0, 10_000_000),
    devImportDir: resolve(env.CHIPGUARD_DEV_IMPORT_DIR || 'var/import'),
    uploadDir: env.UPLOAD_DIR || tmpdir(),
  };
  if (config.screenReviewThreshold > config.screenMatchThreshold) {
    throw new ConfigError('SCREEN_REVIEW_THRESHOLD', `must not exceed SCREEN_MATCH_THRESHOLD (${config.screenMatchThreshold})`);
  }
  return config;
}

/** LIST_REFRESH_INTERVAL: `off`, or a duration `90s`, `30m`, `12h`, `1d` (a bare number is hours); at least 1 minute. */
function refreshInterval(env: Env): number | 'off' {
  const raw = env.LIST_REFRESH_INTERVAL?.trim().toLowerCase();
  if (!raw) return 12 * 3_600_000;
  if (/^(off|0|false|no)$/.test(raw)) return 'off';
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/.exec(raw);
  if (!m) throw new ConfigError('LIST_REFRESH_INTERVAL', `must be off or a duration such as 30m, 12h or 1d, got "${env.LIST_REFRESH_INTERVAL}"`);
  const ms = Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'h') as 's' | 'm' | 'h' | 'd'];
  if (ms < 60_000 || ms > 30 * 86_400_000) throw new ConfigError('LIST_REFRESH_INTERVAL', `must be between 1m and 30d, got "${env.LIST_REFRESH_INTERVAL}"`);
  return ms;
}

function networkSecret(env: Env): string | undefined {
  const raw = env.CHIPGUARD_NETWORK_SECRET;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9a-fA-F]{32,}$/.test(raw)) throw new ConfigError('CHIPGUARD_NETWORK_SECRET', 'must be at least 32 hex digits');
  return raw.toLowerCase();
}

function hostSetting(env: Env): string | undefined {
  const raw = env.HOST?.trim();
  if (!raw) return undefined;
  if (!/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]+|[A-Za-z0-9.-]+)$/.test(raw)) throw new ConfigError('HOST', `must be an address or host name, got "${raw}"`);
  return raw.replace(/^\[|\]$/g, '');
}

function corsOrigins(env: Env): string[] {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((o) => {
    const origin = o.trim().replace(/\/$/, '');
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError('CORS_ORIGINS', `must be comma-separated origins like https://ui.example.com, got "${o}"`);
    return origin;
  });
}

function defaultDataDir(): string {
  // src/config (ts-jest) and dist/config (built) both sit two levels below the project root
  return resolve(__dirname, '..', '..', 'data');
}

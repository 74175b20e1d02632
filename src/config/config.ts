/**
 * Typed configuration read from the environment and validated at start-up.
 * A bad value stops the service with one line naming the variable.
 * Every variable is documented in the README's configuration table.
 */
import { resolve } from 'path';

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
  /** how long one official list file may take to download before it counts as failed */
  listDownloadTimeoutSeconds: number;
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
    screenMatchThreshold: num(env, 'SCREEN_MATCH_THRESHOLD', 0.9, 0, 1),
    screenReviewThreshold: num(env, 'SCREEN_REVIEW_THRESHOLD', 0.78, 0, 1),
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
  };
  if (config.screenReviewThreshold > config.screenMatchThreshold) {
    throw new ConfigError('SCREEN_REVIEW_THRESHOLD', `must not exceed SCREEN_MATCH_THRESHOLD (${config.screenMatchThreshold})`);
  }
  return config;
}

function defaultDataDir(): string {
  // src/config (ts-jest) and dist/config (built) both sit two levels below the project root
  return resolve(__dirname, '..', '..', 'data');
}

/**
 * npm run fuzz: random and mutated bodies over every JSON endpoint of the built service (dist/, its own process,
 * a fresh SQLite file, the bundled sample lists, local mode on 127.0.0.1). Prints the status counts per endpoint.
 * Targets: no 500 at all, and never `allow` for a body that was made invalid. FUZZ_N (default 10000) bodies in all.
 */
import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const PORT = Number(process.env.FUZZ_PORT ?? 3301);
const N = Number(process.env.FUZZ_N ?? 10000);

const PARTY = { name: 'Nordic Compute AB', country: 'SE', address: 'Kungsgatan 12, Stockholm' };
const VALID: Record<string, unknown> = {
  'POST /v1/transactions/screen': {
    date: '2026-03-02',
    buyer: PARTY,
    endUser: PARTY,
    shipTo: { name: 'DC', country: 'SE' },
    items: [{ model: 'H100', quantity: 8 }],
  },
  'POST /v1/transactions/batch': { transactions: [{ buyer: PARTY, items: [{ model: 'L4', quantity: 1 }] }] },
  'POST /v1/parties/screen': { name: 'Shanghai Biren Technology', country: 'CN' },
  'POST /v1/parties/screen/batch': { parties: [{ name: 'Huawei' }, { name: 'Nordic Compute AB' }] },
  'POST /v1/items/classify': { items: [{ model: 'H20', quantity: 1 }], destination: 'CN' },
  'POST /v1/cloud/customers/screen': {
    customer: { ...PARTY, headquartersCountry: 'SE' },
    dataCenterCountry: 'SE',
    accelerators: [{ model: 'H200', quantity: 64 }],
    intendedUse: 'training',
  },
  'POST /v1/decisions/rescreen': { from: '2026-01-01' },
  'POST /v1/decisions/dec_x/disposition': { action: 'release', note: 'x' },
  'POST /v1/session': { key: 'cgk_not-a-key-not-a-key' },
};

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -0,
  NaN,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  '🚀',
  '<script>',
  '../../etc/passwd',
  [],
  {},
  [[[]]],
  { $gt: '' },
  '2026-02-30',
  '9999-99-99',
  'CN',
  'cn',
  'XX',
  1.5,
  2 ** 53,
  -(2 ** 31),
  '1',
  'true',
  'null',
];
const KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'extra', '', ' name', 'NAME'];

let seed = Number(process.env.FUZZ_SEED ?? 13);
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function randomJson(depth = 0): unknown {
  const r = rand();
  if (depth > 4 || r < 0.4) return pick(WEIRD);
  if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(rand() * 4) }, () => [rand() < 0.5 ? pick(KEYS) : `k${Math.floor(rand() * 9)}`, randomJson(depth + 1)]),
  );
}

/** Paths to every value of a body. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  for (const [k, x] of Object.entries(v as object)) out.push(...paths(x, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return out;
}

/** A mutation that makes the body invalid for sure (so `allow` would be a bug), or a random one (anything but 500 goes). */
function mutate(body: unknown): { body: string; invalid: boolean } {
  const copy = JSON.parse(JSON.stringify(body));
  const ps = paths(copy).filter((p) => p.length);
  const p = pick(ps);
  const parent = p.slice(0, -1).reduce((o: Record<string | number, unknown>, k) => o[k] as Record<string | number, unknown>, copy);
  const last = p[p.length - 1];
  const kind = rand();
  if (kind < 0.25) {
    (parent as Record<string, unknown>)[pick(KEYS)] = randomJson(); // an unknown or prototype-named key
    return { body: JSON.stringify(copy), invalid: !p.includes('attributes') };
  }
  if (kind < 0.5 && (last === 'quantity' || last === 'name' || last === 'country' || last === 'model' || last === 'action')) {
    (parent as Record<string, unknown>)[last] = pick([null, -1, 0, '', [], {}, 'XX', 1.5]); // a required field made invalid
    return { body: JSON.stringify(copy), invalid: true };
  }
  if (kind < 0.65) {
    (parent as Record<string | number, unknown>)[last] = randomJson();
    return { body: JSON.stringify(copy), invalid: false };
  }
  if (kind < 0.75) return { body: JSON.stringify(copy).slice(0, Math.floor(rand() * JSON.stringify(copy).length)), invalid: true }; // truncated
  if (kind < 0.85) return { body: JSON.stringify(randomJson()), invalid: false };
  if (kind < 0.92) return { body: '['.repeat(1700) + ']'.repeat(1700), invalid: true };
  return { body: JSON.stringify(copy).replace(/"/, "'"), invalid: true };
}

function start(dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], {
      env: {
        ...process.env,
        PORT: String(PORT),
        DATABASE_URL: `sqlite:${join(dir, 'fuzz.sqlite')}`,
        CHIPGUARD_AUTO_UPDATE: '0',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        HOST: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // ready when /health answers (LOG_LEVEL=warn prints no start line)
    const poll = async () => {
      for (let i = 0; i < 600; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return resolve(child);
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      reject(new Error('the service did not answer /health within 120 s'));
    };
    void poll();
    child.on('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-fuzz-'));
  const child = await start(dir);
  const endpoints = Object.keys(VALID);
  const counts: Record<string, Record<string, number>> = {};
  const bugs: string[] = [];
  const started = Date.now();
  try {
    for (let i = 0; i < N; i++) {
      const ep = endpoints[i % endpoints.length];
      const [method, path] = ep.split(' ');
      const { body, invalid } = rand() < 0.1 ? { body: JSON.stringify(randomJson()), invalid: false } : mutate(VALID[ep]);
      const res = await fetch(`http://127.0.0.1:${PORT}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body });
      const text = await res.text();
      (counts[ep] ??= {})[res.status] = (counts[ep][res.status] ?? 0) + 1;
      if (res.status >= 500) bugs.push(`${res.status} ${ep}: ${body.slice(0, 300)}`);
      if (invalid && res.status === 200 && /"decision":"allow"/.test(text)) bugs.push(`allow for an invalid body ${ep}: ${body.slice(0, 300)}`);
    }
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const total: Record<string, number> = {};
  for (const ep of endpoints) {
    process.stdout.write(`${ep.padEnd(40)} ${JSON.stringify(counts[ep] ?? {})}\n`);
    for (const [s, n] of Object.entries(counts[ep] ?? {})) total[s] = (total[s] ?? 0) + n;
  }
  process.stdout.write(
    `${N} bodies in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(total)}; 5xx: ${bugs.filter((b) => /^5/.test(b)).length}; allow for an invalid body: ${bugs.filter((b) => b.startsWith('allow')).length}\n`,
  );
  for (const b of bugs.slice(0, 20)) process.stdout.write(`  ${b}\n`);
  if (bugs.length) process.exitCode = 1;
}

void main();

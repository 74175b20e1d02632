/**
 * npm run bench:transactions — throughput and latency of POST /v1/transactions/screen against the
 * running service (built dist/, its own process, real HTTP on 127.0.0.1, a fresh SQLite file, the shared
 * list files imported through the API), for a
 * realistic order (3 items, 5 parties), at concurrency 1, 8 and 32, in two load shapes: orders from 500
 * distinct buyers, and one buyer repeating the same order (a long history for one key). Each decision is
 * stored before it is returned, so the figures include the write.
 * BENCH_DIST=<dir> runs another build (a baseline checkout's dist/) under the same conditions; a comma-separated
 * list (`base=/tmp/base/dist,new=dist`) runs each in turn, BENCH_ROUNDS times (alternating), and ends with a
 * comparison table; BENCH_PORT (default 3500) is the service's port; BENCH_LOG_LEVEL (default info: an access
 * line per request) the service's LOG_LEVEL; BENCH_NODE_FLAGS_<label> node flags for that build's service; BENCH_CPU_PROF=<dir> writes a CPU profile of each service run.
 */
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { SHARED_LIST_SET, sharedImportFiles } from '../../src/lists/list-files.testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const ORDER = {
  reference: 'PO-BENCH',
  date: '2026-11-20',
  buyer: { name: 'Nordic Compute AB', country: 'SE', address: 'Kungsgatan 12, Stockholm', kind: 'end_user', incorporatedOn: '2015-03-01' },
  endUser: { name: 'Nordic Compute AB', country: 'SE', address: 'Datavägen 4, Luleå', kind: 'data_center_operator' },
  shipTo: { name: 'Nordic Compute Luleå DC', country: 'SE', address: 'Datavägen 4, Luleå' },
  billTo: { name: 'Nordic Compute AB', country: 'SE' },
  intermediaries: [{ name: 'Schenker AB', country: 'SE', kind: 'logistics' }],
  items: [
    { model: 'H100 SXM5 80GB', quantity: 16 },
    { model: 'Dell PowerEdge XE9680', quantity: 2 },
    { model: 'L4', quantity: 8 },
  ],
  endUse: 'LLM training in own data centre',
  payment: { payerName: 'Nordic Compute AB', originCountry: 'SE', method: 'wire' },
  attributes: { sitePowerMw: 4, siteStatus: 'operational', siteType: 'data_center', oemInstallationPurchased: true },
};

/** Start the built service (dist/) in its own process, as `npm start` would. */
function startServer(dist: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolvePromise, reject) => {
    const nodeArgs = [
      ...nodeFlags,
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : []),
      join(dist, 'main.js'),
    ];
    // BENCH_PIN=1: the service on CPU 1, this load generator on CPU 0, so neither steals the other's core
    const pin = process.env.BENCH_PIN === '1';
    if (pin) execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
    const child = pin
      ? spawn('taskset', ['-c', '1', process.execPath, ...nodeArgs], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn(process.execPath, nodeArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    let listening = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = line.includes('chipguard listening') ? /"port":(\d+)/.exec(line) : null;
        if (m && !listening) {
          listening = true;
          resolvePromise({ child, port: Number(m[1]) });
        }
        // the server's errors are part of the result
        if (line.includes('"level":"error"')) process.stderr.write(`server: ${line.slice(0, 2000)}\n`);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** CPU time (user + system) the process has used so far, in ms (from /proc: independent of other load). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

/** A stream of orders from 500 distinct buyers (a distributor's customer base), each order its own reference. */
function makeBody(n: number): string {
  const buyer = `Nordic Compute ${n % 500} AB`;
  return JSON.stringify({
    ...ORDER,
    reference: `PO-BENCH-${n}`,
    buyer: { ...ORDER.buyer, name: buyer, address: `Kungsgatan ${n % 500}, Stockholm` },
    endUser: { ...ORDER.endUser, name: buyer, address: `Datavägen ${n % 500}, Luleå` },
    shipTo: { ...ORDER.shipTo, address: `Datavägen ${n % 500}, Luleå` },
    billTo: { ...ORDER.billTo, name: buyer },
    payment: { ...ORDER.payment, payerName: buyer },
  });
}

interface Row {
  build: string;
  shape: string;
  connections: number;
  rps: number;
  p99: number;
  cpu: number;
}

/** One build: a fresh database, the lists, then every load shape. */
async function runBuild(label: string, dist: string): Promise<Row[]> {
  const rows: Row[] = [];
  console.log(`\n=== build ${label} (${dist})`);
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-bench-tx-'));
  const port = Number(process.env.BENCH_PORT ?? 3500);
  const { child } = await startServer(
    dist,
    {
      DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
      CHIPGUARD_AUTO_UPDATE: '0',
      CHIPGUARD_LOAD_SAMPLE: '0',
      LIST_MAX_AGE_DAYS: '36500',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      PORT: String(port),
    },
    (process.env[`BENCH_NODE_FLAGS_${label}`] ?? '').split(' ').filter(Boolean),
  );
  const base = `http://127.0.0.1:${port}`;
  for (const { format, files } of SHARED_LIST_SET) {
    const form = new FormData();
    form.append('format', format);
    // the shared set layers small samples over fuller, older files: list safety would refuse them (LIST_SHRINK)
    form.append('force', 'true');
    form.append('reason', 'benchmark fixture: the shared list set');
    for (const f of sharedImportFiles(files)) form.append(f.role, new Blob([new Uint8Array(f.data)]), f.name);
    const r = await fetch(`${base}/v1/lists/import`, { method: 'POST', body: form });
    if (r.status !== 200) throw new Error(`import of ${files[0]} failed: ${r.status} ${await r.text()}`);
  }
  const url = `${base}/v1/transactions/screen`;
  const body = JSON.stringify(ORDER);
  const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const decision = (await probe.json()) as { decision: string; reasons: { code: string }[] };
  const health = (await (await fetch(`${base}/health`)).json()) as { lists: Record<string, number> };
  console.log(`order: 3 items, 5 parties -> ${probe.status} ${decision.decision} [${decision.reasons.map((r) => r.code).join(', ')}]`);
  console.log(
    `active entries: ${Object.values(health.lists).reduce((a, b) => a + b, 0)}; ${SECONDS} s per run; server in its own process, load generator in this one\n`,
  );
  // bodies prepared up front, so the load generator (sharing the 2 cores) spends its time sending
  const bodies = Array.from({ length: 50_000 }, (_, i) => makeBody(i));
  let counter = 0;
  const shapes: { name: string; next: () => string; concurrency: number[] }[] = [
    { name: '500 buyers', next: () => bodies[counter++ % bodies.length], concurrency: (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number) },
    { name: 'one buyer repeating the same order', next: () => body, concurrency: [8] },
  ];
  for (const shape of shapes) {
    console.log(`\nload shape: ${shape.name}`);
    console.log('concurrency   req/s    p50 ms   p90 ms   p99 ms   max ms   errors  non-2xx  server CPU ms/req');
    for (const connections of shape.concurrency) {
      const cpuBefore = cpuMs(child.pid!);
      const r = await autocannon({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections,
        duration: SECONDS,
        requests: [{ setupRequest: (req) => ({ ...req, body: shape.next() }) }],
      });
      const cpu = (cpuMs(child.pid!) - cpuBefore) / Math.max(1, r.requests.total);
      rows.push({ build: label, shape: shape.name, connections, rps: r.requests.average, p99: r.latency.p99, cpu });
      console.log(
        `${String(connections).padStart(11)} ${r.requests.average.toFixed(0).padStart(7)} ${String(r.latency.p50).padStart(9)} ${String(r.latency.p90).padStart(8)} ${String(r.latency.p99).padStart(8)} ${String(r.latency.max).padStart(8)} ${String(r.errors).padStart(8)} ${String(r.non2xx).padStart(8)} ${cpu.toFixed(2).padStart(18)}`,
      );
      const odd = Object.entries(r.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2'));
      if (odd.length)
        console.log(`            status codes other than 2xx: ${odd.map(([code, v]) => `${code} x${(v as { count: number }).count}`).join(', ')}`);
    }
  }
  const stored = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  console.log(`\nserver RSS ${stored ? (Number(stored[1]) / 1024).toFixed(0) : '?'} MB`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

async function main(): Promise<void> {
  const spec = process.env.BENCH_DIST;
  if (!spec) require('../../src/bin/build-if-needed.js').ensureBuilt();
  const builds = (spec ?? join(__dirname, '..', '..', 'dist')).split(',').map((part, i) => {
    const eq = part.indexOf('=');
    return eq > 0 ? { label: part.slice(0, eq), dist: part.slice(eq + 1) } : { label: `build${i + 1}`, dist: part };
  });
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const rows: Row[] = [];
  for (let round = 0; round < rounds; round++) for (const b of builds) rows.push(...(await runBuild(b.label, b.dist)));
  if (builds.length > 1 || rounds > 1) {
    console.log('\ncomparison (same run, same machine; each figure one run, in run order)');
    console.log('build        shape                                concurrency    req/s   p99 ms  CPU ms/req');
    for (const r of rows) {
      console.log(
        `${r.build.padEnd(12)} ${r.shape.padEnd(36)} ${String(r.connections).padStart(11)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p99).padStart(8)} ${r.cpu.toFixed(2).padStart(11)}`,
      );
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

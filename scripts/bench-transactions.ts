/**
 * npm run bench:transactions — throughput and latency of POST /v1/transactions/screen against the
 * running service (real HTTP on 127.0.0.1, a fresh SQLite file, the shared list files loaded), for a
 * realistic order (3 items, 5 parties), at concurrency 1, 8 and 32. Each decision is stored before
 * it is returned, so the figures include the write.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, resolve } from 'path';
import { loadConfig } from '../src/config/config';
import { ListFormat } from '../src/lists/list-entry';
import { ListsService } from '../src/lists/lists.service';
import { createApp } from '../src/main';

const SHARED = resolve(__dirname, '..', '..', 'shared', 'data', 'lists');
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

const SET: [ListFormat, string[]][] = [
  ['csl-csv', ['us-csl-2022-05.csv.gz']],
  ['csl-csv', ['us-csl-entity-list-2026-07.csv']],
  ['csl-csv', ['us-csl-meu-2026-07.csv']],
  ['ofac-csv', ['ofac-sdn.csv', 'ofac-sdn-add.csv', 'ofac-sdn-alt.csv', 'ofac-sdn-comments.csv']],
  ['ofac-sdn-xml', ['ofac-consolidated.xml']],
  ['un-xml', ['un-consolidated.xml']],
  ['eu-xml', ['eu-fsf-excerpt.xml']],
  ['uk-xml', ['uk-sanctions-list-excerpt.xml']],
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-bench-tx-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`, CHIPGUARD_AUTO_UPDATE: '0', CHIPGUARD_LOAD_SAMPLE: '0',
    LIST_MAX_AGE_DAYS: '36500', LOG_LEVEL: 'error', PORT: '0',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const lists = app.get(ListsService);
  for (const [format, names] of SET) {
    const roles = ['prim', 'add', 'alt', 'comments'];
    await lists.importFiles(format, names.map((n, i) => ({ role: format === 'ofac-csv' ? roles[i] : 'file', name: basename(n), data: readFileSync(join(SHARED, n)) })));
  }
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/v1/transactions/screen`;
  const body = JSON.stringify(ORDER);
  const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const decision = (await probe.json()) as { decision: string; reasons: { code: string }[] };
  console.log(`order: 3 items, 5 parties -> ${probe.status} ${decision.decision} [${decision.reasons.map((r) => r.code).join(', ')}]`);
  console.log(`active entries: ${lists.active.allEntries().length}; ${SECONDS} s per run\n`);
  console.log('concurrency   req/s    p50 ms   p90 ms   p99 ms   max ms   errors  non-2xx');
  for (const connections of [1, 8, 32]) {
    const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: SECONDS });
    console.log(
      `${String(connections).padStart(11)} ${r.requests.average.toFixed(0).padStart(7)} ${String(r.latency.p50).padStart(9)} ${String(r.latency.p90).padStart(8)} ${String(r.latency.p99).padStart(8)} ${String(r.latency.max).padStart(8)} ${String(r.errors).padStart(8)} ${String(r.non2xx).padStart(8)}`,
    );
  }
  const m = process.memoryUsage();
  console.log(`\nRSS ${(m.rss / 2 ** 20).toFixed(0)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB (server and load generator share this process and its 2 cores)`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

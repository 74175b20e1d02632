/**
 * npm run bench:batch — a batch audit of 100,000 order lines (the CSV of POST /v1/transactions/batch and
 * `chipguard audit`), in process, on a fresh SQLite file with the whole shared list set loaded. Orders span
 * 1–3 lines (one item each) and name 5 parties (buyer, end user, ship-to, bill-to, forwarder) and a payer;
 * 1% of the lines carry an error (bad country or quantity). Every order is decided and stored (hash-chained)
 * as POST /v1/transactions/screen would; the figure includes parsing, validation, decisions, writes and the report.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '../../src/config/config';
import { auditReportCsv, BatchService } from '../../src/decisions/batch.service';
import { SHARED_LIST_SET, sharedImportFiles } from '../../src/lists/list-files.testing';
/** the shared set layers small samples over fuller, older files: list safety would refuse them (LIST_SHRINK) */
const BENCH_FORCE = { force: true, reason: 'benchmark fixture: the shared list set', by: 'bench' };
import { ListsService } from '../../src/lists/lists.service';
import { createApp } from '../../src/main';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);

const A = [
  'Nordic',
  'Pacific',
  'Golden',
  'Silver',
  'Apex',
  'Vertex',
  'Blue',
  'Orion',
  'Delta',
  'Sigma',
  'Northern',
  'Crystal',
  'Summit',
  'Harbor',
  'Atlas',
  'Evergreen',
  'Quantum',
  'Polar',
  'Meridian',
  'Aurora',
];
const B = [
  'Compute',
  'Data',
  'Systems',
  'Technologies',
  'Logistics',
  'Trading',
  'Networks',
  'Cloud',
  'Digital',
  'Solutions',
  'Electronics',
  'Analytics',
  'Infrastructure',
  'Supply',
  'Industries',
];
const C = ['AB', 'GmbH', 'Ltd', 'LLC', 'Pte Ltd', 'SAS', 'BV', 'Inc', 'Co. Ltd', 'SRL', 'Oy', 'AS', 'KK', 'Pty Ltd', 'SA'];
const COUNTRIES = [
  'SE',
  'DE',
  'FR',
  'NL',
  'GB',
  'US',
  'JP',
  'KR',
  'SG',
  'AU',
  'CA',
  'FI',
  'NO',
  'DK',
  'IT',
  'ES',
  'CH',
  'IE',
  'BE',
  'AT',
  'AE',
  'MY',
  'HK',
  'IN',
];
const MODELS = ['H100 SXM5 80GB', 'L40S', 'L4', 'A100 80GB PCIe', 'Dell PowerEdge XE9680', 'RTX 6000 Ada', 'H20', 'MI300X'];

let seed = 7;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return (seed >>> 8) % n;
};
const pick = <T>(a: T[]) => a[rnd(a.length)];
const company = () => `${pick(A)} ${pick(B)} ${pick(C)}`;

function csv(lines: number): { text: string; orders: number } {
  const out = [
    'reference,date,buyer,buyer country,buyer address,end user,end-user country,ship-to,ship-to country,bill to,bill to country,intermediary,intermediary country,intermediary kind,payer,payment country,model,quantity,unit value usd',
  ];
  let orders = 0;
  let n = 0;
  while (n < lines) {
    orders++;
    const ref = `PO-${100000 + orders}`;
    const country = pick(COUNTRIES);
    const buyer = company();
    const endUser = company();
    const fwd = company();
    const address = `"${1 + rnd(300)} ${pick(A)} Road"`;
    const fwdCountry = pick(COUNTRIES);
    const date = `2026-0${1 + rnd(9)}-${String(1 + rnd(28)).padStart(2, '0')}`;
    const items = Math.min(1 + rnd(3), lines - n);
    for (let i = 0; i < items; i++, n++) {
      const bad = rnd(100) === 0;
      out.push(
        [
          ref,
          date,
          `"${buyer}"`,
          bad && rnd(2) ? 'XX' : country,
          address,
          `"${endUser}"`,
          country,
          `"${endUser} DC"`,
          country,
          `"${buyer}"`,
          country,
          `"${fwd}"`,
          fwdCountry,
          'freight_forwarder',
          `"${buyer}"`,
          country,
          pick(MODELS),
          bad ? '-1' : String(1 + rnd(64)),
          String(1000 + rnd(30000)),
        ].join(','),
      );
    }
  }
  return { text: out.join('\n') + '\n', orders };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-bench-batch-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    CHIPGUARD_AUTO_UPDATE: '0',
    CHIPGUARD_LOAD_SAMPLE: '0',
    LIST_MAX_AGE_DAYS: '36500',
    LOG_LEVEL: 'error',
  });
  const app = await createApp(config);
  await app.init();
  const lists = app.get(ListsService);
  for (const { format, files } of SHARED_LIST_SET) await lists.importFiles(format, sharedImportFiles(files), BENCH_FORCE);
  const { text, orders } = csv(LINES);
  console.log(`active entries: ${lists.active.allEntries().length}; CSV: ${LINES} lines, ${orders} orders, ${(text.length / 2 ** 20).toFixed(1)} MB`);
  const batch = app.get(BatchService);
  const t0 = Date.now();
  let lastLog = t0;
  const report = await batch.csv(text, (done, total) => {
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      console.log(`  ${done}/${total} orders after ${((lastLog - t0) / 1000).toFixed(0)} s`);
    }
  });
  const decided = Date.now() - t0;
  const reportCsv = auditReportCsv(report);
  const total = Date.now() - t0;
  const s = report.summary;
  console.log(
    `batch of ${s.rows} lines (${s.orders} orders): ${(total / 1000).toFixed(1)} s including the ${(reportCsv.length / 2 ** 20).toFixed(1)} MB report (decisions ${(decided / 1000).toFixed(1)} s) = ${Math.round(s.rows / (total / 1000))} lines/s`,
  );
  console.log(`  ${s.allow} allow, ${s.review} review, ${s.deny} deny, ${s.errors} errors (rows)`);
  const kinds = new Map<string, number>();
  for (const r of report.results)
    if (r.error)
      kinds.set(r.error.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N'), (kinds.get(r.error.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')) ?? 0) + 1);
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${n} x ${k.slice(0, 160)}`);
  console.log(`RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

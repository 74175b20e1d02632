/**
 * npm run bench:rescreen — re-screening 100,000 stored decisions after a list update.
 * A fresh SQLite file gets the shared OFAC SDN set and an "older" Entity List (the 2026-07 file without
 * 25 entities, with 25 other entries' addresses changed); 100,000 decisions with realistic requests
 * (5 parties each) are inserted straight into the decision table (hash-chained, big transactions), 60 of
 * them naming a party that the newer Entity List adds. Then the full 2026-07 Entity List is imported and
 * the re-screen is timed (the same run the list update triggers in the background).
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, resolve } from 'path';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { loadConfig } from '../../src/config/config';
import { chainHash, decisionHashFields, GENESIS_HASH } from '../../src/database/hash-chain';
import { RescreenService } from '../../src/decisions/rescreen.service';
import { ListsService } from '../../src/lists/lists.service';
import { createApp } from '../../src/main';

const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');

const SHARED = resolve(__dirname, '..', '..', '..', 'shared', 'data', 'lists');
const N = Number(process.env.BENCH_DECISIONS ?? 100_000);

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
const C = ['AB', 'GmbH', 'Ltd', 'LLC', 'Pte Ltd', 'SAS', 'BV', 'Inc', 'Co., Ltd', 'SRL', 'Oy', 'AS', 'KK', 'Pty Ltd', 'SA'];
const COUNTRIES = ['SE', 'DE', 'FR', 'NL', 'GB', 'US', 'JP', 'KR', 'SG', 'AU', 'CA', 'FI', 'NO', 'DK', 'IT', 'ES', 'CH', 'IE', 'BE', 'AT'];
const MODELS = ['H100 SXM5 80GB', 'L40S', 'L4', 'A100 80GB PCIe', 'Dell PowerEdge XE9680', 'RTX 6000 Ada'];

let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return (seed >>> 8) % n;
};
const pick = <T>(a: T[]) => a[rnd(a.length)];
const company = () => `${pick(A)} ${pick(B)} ${pick(C)}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-bench-rescreen-'));
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
  const rescreen = app.get(RescreenService);
  rescreen.debounceMs = 1e9; // timed by hand below, not in the background

  const ofac = ['ofac-sdn.csv', 'ofac-sdn-add.csv', 'ofac-sdn-alt.csv', 'ofac-sdn-comments.csv'];
  const roles = ['prim', 'add', 'alt', 'comments'];
  await lists.importFiles(
    'ofac-csv',
    ofac.map((n, i) => ({ role: roles[i], name: n, data: readFileSync(join(SHARED, n)) })),
  );

  // the "older" Entity List: 25 entities missing, 25 other entries with another address
  const elFile = join(SHARED, 'us-csl-entity-list-2026-07.csv');
  const records = parse(readFileSync(elFile), { bom: true, relax_column_count: true }) as string[][];
  const [header, ...body] = records;
  const removed = new Set(body.filter((_, i) => i % 130 === 7).slice(0, 25));
  const removedNames = [...removed].map((r) => r[5]);
  const changed = new Set(body.filter((_, i) => i % 130 === 60).slice(0, 25));
  const quote = (r: string[]) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
  const older = [header, ...body.filter((r) => !removed.has(r)).map((r) => (changed.has(r) ? r.map((c, j) => (j === 7 ? `Old Street 1, ${c}` : c)) : r))].map(
    quote,
  );
  await lists.importFiles('csl-csv', [{ role: 'file', name: 'el-older.csv', data: Buffer.from(older.join('\n')) }]);
  const versionIds = lists.active.versionIds();
  const versionDates = lists.active.versionDates();
  const listVersions = JSON.stringify({ dates: versionDates, ids: versionIds });

  // 100,000 stored decisions, hash-chained, inserted in big transactions
  const db = app.get(DataSource);
  const t0 = Date.now();
  let prev = GENESIS_HASH;
  const now = Date.now();
  const cols = [
    'id',
    'seq',
    'kind',
    'reference',
    'decision',
    'status',
    'orderDate',
    'createdAt',
    'rulesVersion',
    'listVersions',
    'buyerKey',
    'acceleratorCount',
    'historyKeys',
    'partyNames',
    'reasonCodes',
    'matchedSources',
    'request',
    'response',
    'prevHash',
    'hash',
  ];
  const CHUNK = 40;
  const TX = 5000;
  let flagged = 0;
  for (let start = 0; start < N; start += TX) {
    await db.transaction(async (tx) => {
      for (let c = start; c < Math.min(N, start + TX); c += CHUNK) {
        const values: unknown[] = [];
        const rows: string[] = [];
        for (let i = c; i < Math.min(N, start + TX, c + CHUNK); i++) {
          const seq = i + 1;
          const createdAt = new Date(now - (N - i) * 60_000).toISOString(); // one a minute, the last ~70 days
          const country = pick(COUNTRIES);
          const buyer = { name: company(), country, address: `${1 + rnd(200)} ${pick(A)} Street, ${country}`, kind: 'distributor' };
          const endUser = { name: company(), country, kind: 'data_center_operator' };
          const inter =
            i % 1667 === 5 && flagged < removedNames.length * 3
              ? (flagged++, { name: removedNames[flagged % removedNames.length], kind: 'freight_forwarder' })
              : { name: company(), country: pick(COUNTRIES), kind: 'logistics' };
          const request = {
            reference: `PO-${seq}`,
            date: createdAt.slice(0, 10),
            exportFrom: 'US',
            buyer,
            endUser,
            shipTo: { name: `${endUser.name} DC`, country },
            billTo: { name: buyer.name, country },
            intermediaries: [inter],
            items: [
              { model: pick(MODELS), quantity: 1 + rnd(64) },
              { model: pick(MODELS), quantity: 1 + rnd(8) },
            ],
            endUse: 'AI training and inference in own data centre',
            payment: { payerName: buyer.name, originCountry: country, method: 'wire' },
          };
          const decision = i % 10 === 0 ? 'review' : 'allow';
          const id = `dec_${ulid(now - (N - i) * 60_000)}`;
          const response = {
            id,
            kind: 'transaction',
            reference: request.reference,
            decision,
            reasons:
              decision === 'review'
                ? [
                    {
                      code: 'END_USER_UNVERIFIABLE',
                      severity: 'review',
                      message: 'End user could not be verified',
                      citation: 'Supp. No. 3 to Part 732',
                      subject: 'endUser',
                      evidence: {},
                    },
                  ]
                : [],
            items: request.items.map((it, index) => ({
              index,
              model: it.model,
              resolvedModel: it.model,
              eccn: '3A090.a',
              tpp: 15832,
              performanceDensity: 19.4,
              datacenter: true,
              basis: 'catalog',
              acceleratorCount: it.quantity,
              licenseRequired: false,
              licenseExceptions: [],
            })),
            parties: ['buyer', 'endUser', 'shipTo', 'billTo', 'intermediaries[0]'].map((subject) => ({ subject, name: 'x', status: 'clear', matches: [] })),
            riskScore: rnd(40),
            rulesVersion: '2026-01-15',
            listVersions: versionDates,
            listVersionIds: versionIds,
            createdAt,
          };
          const row = {
            id,
            seq,
            kind: 'transaction',
            reference: request.reference,
            decision,
            status: decision === 'review' ? 'open' : 'closed',
            orderDate: request.date,
            createdAt,
            rulesVersion: '2026-01-15',
            listVersions,
            buyerKey: buyer.name.toLowerCase(),
            acceleratorCount: 0,
            historyKeys: '[]',
            partyNames: '|' + [buyer.name, endUser.name, request.shipTo.name, buyer.name, inter.name].map((n) => n.toLowerCase()).join('|') + '|',
            reasonCodes: decision === 'review' ? '|END_USER_UNVERIFIABLE|' : '||',
            matchedSources: '||',
            request: JSON.stringify(request),
            response: JSON.stringify(response),
            prevHash: prev,
            hash: '',
          };
          row.hash = chainHash(prev, 'decision', decisionHashFields(row));
          prev = row.hash;
          rows.push('(' + cols.map(() => '?').join(',') + ')');
          values.push(...cols.map((k) => (row as Record<string, unknown>)[k]));
        }
        await tx.query(`INSERT INTO decision (${cols.map((k) => `"${k}"`).join(',')}) VALUES ${rows.join(',')}`, values);
      }
    });
  }
  const seeded = Date.now() - t0;
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM decision');
  console.log(`seeded ${n} decisions (5 parties each; ${flagged} name an entity the newer Entity List adds) in ${(seeded / 1000).toFixed(1)} s`);

  const same = await rescreen.run({ trigger: 'manual' });
  console.log(`re-screen with no list change: ${same.scanned} decisions in ${same.durationMs} ms (${same.upToDate} up to date)`);

  await lists.importFiles('csl-csv', [{ role: 'file', name: basename(elFile), data: readFileSync(elFile) }]);
  const mem0 = process.memoryUsage().rss;
  const t1 = Date.now();
  const report = await rescreen.run({ trigger: 'list-update' });
  const ms = Date.now() - t1;
  console.log(
    `re-screen after the Entity List update: ${report.scanned} decisions in ${(ms / 1000).toFixed(2)} s ` +
      `(${Math.round(report.scanned / (ms / 1000))} decisions/s); deltas ${report.deltas.map((d) => `${d.code}: ${d.newEntries} new, ${d.changedEntries} changed`).join('; ')}`,
  );
  console.log(
    `${report.changed} decision(s) would now be stricter, e.g. ${report.decisions
      .slice(0, 3)
      .map(
        (d) =>
          `${d.reference} ${d.decision} -> ${d.wouldBe} (${d.matches[0]?.party} ~ ${d.matches[0]?.source} '${d.matches[0]?.entryName}' ${d.matches[0]?.score})`,
      )
      .join('; ')}`,
  );
  console.log(`RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (before the run ${(mem0 / 2 ** 20).toFixed(0)} MB)`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * npm run bench:networks — measured, not asserted:
 *  1. a synthetic population of accounts with planted farms (src/networks/synthetic-accounts.testing.ts),
 *     written as NDJSON, then clustered in a child process exactly as `chipguard accounts` does (streamed
 *     read, union-find, scoring, members screened against the Entity List): cluster precision / recall
 *     against the planted truth, time and peak RSS of the child;
 *  2. the same union edges through graphology's connectedComponents (and Louvain on the largest
 *     clusters), in its own child, for the cost of the library at this scale;
 *  3. the per-decision cost the link graph adds to POST /v1/transactions/screen: the real Nest app on a
 *     SQLite file, a graph warmed with stored orders, decisions timed with the graph on and off in
 *     alternating blocks of the same run, plus the time inside assess + ingest measured directly.
 * Options: --accounts N (default 1000000), --farms N, --companies N, --orders N (warm-up, default 5000),
 * --buyers N (returning buyers instead of a new one per order), --decisions-only (part 3 alone), --defer-writes
 * (part 3: the graph's group writes timed apart, after the decisions), --engines (the engine alone, see engineCost).
 */
import { execFileSync } from 'child_process';
import { createWriteStream, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join, resolve } from 'path';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function writePopulation(file: string, spec: { accounts: number; farms: number; companies: number }) {
  const { generatePopulation } = await import('../../src/networks/synthetic-accounts.testing');
  const { accounts, truth } = generatePopulation({ ...spec, seed: 17 });
  const out = createWriteStream(file);
  let buf = '';
  for (const a of accounts()) {
    buf += JSON.stringify(a) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  return truth;
}

/** Child: the accounts pipeline on the file; prints one JSON line of figures, writes the farm clusters. */
async function clusterWorker(file: string, outFile: string) {
  const { readAccountBatches } = await import('../../src/networks/account-stream');
  const { AccountClusterer } = await import('../../src/networks/accounts');
  const { ScreeningIndex } = await import('../../src/screening');
  const { loadAllSharedLists } = await import('../../src/screening/shared-lists.testing');
  const RESTRICTED = new Set(['CN', 'HK', 'MO', 'RU', 'IR', 'BY', 'KP', 'CU', 'SY', 'VE']);
  const index = ScreeningIndex.build(loadAllSharedLists({ labels: ['EL 2026-07 (csl-csv)'] }).flatMap((f) => f.entries));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const c = new AccountClusterer();
  let errors = 0;
  for await (const batch of readAccountBatches(createReadStream(file, { highWaterMark: 1 << 20 }), 'ndjson'))
    for (const r of batch) {
      if ('error' in r) errors++;
      else c.add(r.account);
    }
  const readMs = performance.now() - t0;
  const cache = new Map<string, ReturnType<typeof index.screen>['matches'][number] | undefined>();
  let screened = 0;
  const clusters = c.clusters({
    restricted: (x) => RESTRICTED.has(x),
    screen: (name, country) => {
      const key = `${name}|${country ?? ''}`;
      if (!cache.has(key)) {
        screened++;
        cache.set(
          key,
          index.screen({ name, country }, { matchThreshold: 0.9, reviewThreshold: 0.78 }).matches.find((m) => m.score >= 0.9),
        );
      }
      const m = cache.get(key);
      return m && { source: m.source, entryId: m.entryId, name: m.name, score: m.score };
    },
  });
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const farms = clusters
    .filter((k) => k.reasons.some((r) => r.code === 'ACCOUNT_FARM'))
    .map((k) => ({ accountIds: k.accountIds, reasons: [{ code: 'ACCOUNT_FARM' }] }));
  writeFileSync(outFile, JSON.stringify(farms));
  console.log(
    JSON.stringify({
      accounts: c.size,
      errors,
      clusters: clusters.length,
      readMs,
      totalMs,
      cpuMs,
      screenedNames: screened,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

/** Child: graphology connected components (and Louvain on the big ones) over the same union edges. */
async function graphologyWorker(file: string) {
  const { readAccounts } = await import('../../src/networks/account-stream');
  const { AccountClusterer } = await import('../../src/networks/accounts');
  const Graph = (await import('graphology')).default;
  const { connectedComponents } = await import('graphology-components');
  const louvain = (await import('graphology-communities-louvain')).default;
  const c = new AccountClusterer();
  c.edges = [];
  for await (const r of readAccounts(createReadStream(file), 'ndjson')) if (!('error' in r)) c.add(r.account);
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const g = new Graph({ type: 'undirected', multi: false });
  for (let i = 0; i < c.size; i++) g.addNode(i);
  for (let i = 0; i < c.edges.length; i += 2) g.mergeEdge(c.edges[i], c.edges[i + 1]);
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const components = connectedComponents(g);
  const ccMs = performance.now() - t1;
  const big = components.filter((x) => x.length >= 100);
  const t2 = performance.now();
  let communities = 0;
  for (const comp of big) {
    const sub = new Graph({ type: 'undirected' });
    for (const n of comp) sub.addNode(n);
    for (const n of comp)
      g.forEachNeighbor(n, (m) => {
        if (n < m) sub.mergeEdge(n, m);
      });
    communities += new Set(Object.values(louvain(sub))).size;
  }
  const louvainMs = performance.now() - t2;
  console.log(
    JSON.stringify({
      nodes: g.order,
      edges: g.size,
      buildMs,
      ccMs,
      components: components.filter((x) => x.length >= 2).length,
      louvainOn: big.length,
      communities,
      louvainMs,
      rssGrowthMb: (process.memoryUsage().rss - rssBefore) / 1048576,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

/**
 * One order of the stream: five parties (one forwarder and one ship-to name in every order); a new buyer each
 * time, or with --buyers N one of N returning buyers (bench:transactions uses 500).
 */
const BUYERS = arg('buyers', 0);
const order = (n: number) => {
  const i = BUYERS > 0 ? n % BUYERS : n;
  return {
    date: '2026-11-20',
    buyer: {
      name: `Bench Buyer ${i} GmbH`,
      country: 'DE',
      kind: 'end_user' as const,
      address: `Hauptstraße ${i % 500}, Raum ${i}, 10115 Berlin`,
      identifiers: [
        { type: 'bank_account' as const, value: `DE${String(1e18 + (i % 3000)).slice(0, 18)}` },
        { type: 'email' as const, value: `buyer${i}@bench${i % 800}.de` },
        { type: 'phone' as const, value: `+49 30 ${1000000 + (i % 4000)}` },
        { type: 'ip' as const, value: `81.${i % 200}.${(i * 7) % 256}.${i % 250}` },
        { type: 'asn' as const, value: String(3320 + (i % 5)) },
      ],
    },
    endUser: { name: `Bench Buyer ${i} GmbH`, country: 'DE' },
    shipTo: { name: 'Rechenzentrum', country: 'DE', address: `Am Datenpark ${i % 50}, 60314 Frankfurt` },
    // as in bench:transactions: five parties, one intermediary and one ship-to name shared by every order
    billTo: { name: `Bench Buyer ${i} GmbH`, country: 'DE' },
    intermediaries: [{ name: 'Schenker AB', country: 'SE', kind: 'logistics' as const }],
    items: [{ model: 'H100 SXM5 80GB', quantity: 1 + (i % 8) }],
    payment: { payerName: `Bench Payer ${i % 1000}`, originCountry: 'DE' },
  };
};

/**
 * --engines: facts + assess + ingest of NetworkEngine alone (no app, no database) on the same order stream,
 * this checkout's engine and, with BENCH_BASE_SRC=<another checkout>/src, that one's, in alternating blocks
 * of one process (each block's decisions go to both engines): wall time per decision and CPU time per block.
 */
async function engineCost(orders: number) {
  const sources = [{ label: 'this checkout', dir: resolve(__dirname, '../../src') }];
  if (process.env.BENCH_BASE_SRC) sources.push({ label: `base ${process.env.BENCH_BASE_SRC}`, dir: resolve(process.env.BENCH_BASE_SRC) });
  const dataDir = resolve(__dirname, '../../data');
  const secret = Buffer.alloc(32, 7);
  type Engine = import('../../src/networks/network-engine').NetworkEngine;
  const engines: { label: string; engine: Engine; times: number[]; cpuMs: number; flagged: number }[] = [];
  for (const src of sources) {
    const { NetworkEngine } = (await import(join(src.dir, 'networks/network-engine'))) as typeof import('../../src/networks/network-engine');
    const { Hasher } = (await import(join(src.dir, 'networks/link-graph'))) as typeof import('../../src/networks/link-graph');
    const { loadPowerTable } = (await import(join(src.dir, 'networks/decision-facts'))) as typeof import('../../src/networks/decision-facts');
    engines.push({ label: src.label, engine: new NetworkEngine(new Hasher(secret), loadPowerTable(dataDir)), times: [], cpuMs: 0, flagged: 0 });
  }
  const t0 = Date.parse('2026-11-20T08:00:00Z');
  const decide = (e: Engine, n: number) => {
    const request = order(n);
    const outcome = {
      decision: 'allow',
      items: request.items.map((it) => ({ controlled: true, acceleratorCount: it.quantity, resolvedModel: it.model })),
      parties: [],
    };
    const now = new Date(t0 + n * 1000);
    const facts = e.facts('transaction', request, outcome);
    const reasons = e.assess(facts, now);
    e.ingest(facts, `dec_${String(n).padStart(10, '0')}`, now.toISOString(), reasons.length ? 'review' : 'allow');
    return reasons.length;
  };
  for (const e of engines) for (let n = 0; n < orders; n++) decide(e.engine, n);
  let k = orders;
  for (let block = 0; block < 40; block++, k += 100) {
    const turn = block % 2 ? [...engines].reverse() : engines;
    for (const e of turn) {
      const cpu0 = process.cpuUsage();
      for (let n = k; n < k + 100; n++) {
        const s = performance.now();
        if (decide(e.engine, n)) e.flagged++;
        e.times.push(performance.now() - s);
      }
      const cpu = process.cpuUsage(cpu0);
      e.cpuMs += (cpu.user + cpu.system) / 1000;
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `NetworkEngine alone (facts + assess + ingest, no database), warmed with ${orders} orders${BUYERS ? ` from ${BUYERS} buyers` : ''}, 40 alternating blocks of 100:`,
  );
  for (const e of engines)
    console.log(
      `  ${e.label}: median ${med(e.times).toFixed(4)} ms, mean CPU ${(e.cpuMs / e.times.length).toFixed(4)} ms per decision; ${e.flagged} of ${e.times.length} flagged; ${e.engine.graph.nodes.size} nodes, ${e.engine.graph.values.size} values`,
    );
}

/** The per-decision cost of the graph on the real app (service call the controller makes). */
async function decisionCost(orders: number) {
  const { createApp } = await import('../../src/main');
  const { loadConfig } = await import('../../src/config/config');
  const { TransactionsService } = await import('../../src/transactions/transactions.service');
  const { NetworksService } = await import('../../src/networks/networks.service');
  const { ListsService } = await import('../../src/lists/lists.service');
  const dir = mkdtempSync(join(tmpdir(), 'bench-networks-'));
  try {
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(dir, 'b.sqlite')}`,
      CHIPGUARD_AUTO_UPDATE: '0',
      CHIPGUARD_LOAD_SAMPLE: '0',
      LOG_LEVEL: 'error',
      LIST_MAX_AGE_DAYS: '36500',
    });
    const app = await createApp(config);
    await app.init();
    const lists = app.get(ListsService) as unknown as { importFile?: unknown };
    await importEntityList(app, lists);
    const tx = app.get(TransactionsService);
    const net = app.get(NetworksService);
    const t0 = performance.now();
    for (let i = 0; i < orders; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => tx.screenOrderStored(order(i + j) as never)));
    await net.drain();
    const warmMs = performance.now() - t0;
    // the time inside the graph, measured directly
    let inside = 0;
    const assess = net.assess.bind(net);
    const ingest = net.ingest.bind(net);
    net.assess = (async (...a: Parameters<typeof assess>) => {
      const s = performance.now();
      const r = await assess(...a);
      inside += performance.now() - s;
      return r;
    }) as typeof net.assess;
    net.ingest = ((...a: Parameters<typeof ingest>) => {
      const s = performance.now();
      ingest(...a);
      inside += performance.now() - s;
    }) as typeof net.ingest;
    // and its parts: the decision's facts (normalised values, HMACs), the flags, adding it to the graph
    const parts = { facts: 0, flags: 0, ingest: 0 };
    const timed = <K extends 'facts' | 'assess' | 'ingest'>(name: K, part: keyof typeof parts) => {
      const f = (net.engine[name] as (...a: unknown[]) => unknown).bind(net.engine);
      (net.engine as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
        const s = performance.now();
        const r = f(...a);
        parts[part] += performance.now() - s;
        return r;
      };
    };
    timed('facts', 'facts');
    timed('assess', 'flags');
    timed('ingest', 'ingest');
    // --defer-writes: the graph's group writes wait until after the timed blocks (their share of the cost apart)
    if (process.argv.includes('--defer-writes')) net.flushDelayMs = 3_600_000;
    let flagged = 0;
    const on: number[] = [];
    const off: number[] = [];
    let k = orders;
    let insideOn = 0;
    let countOn = 0;
    const insideEach: number[] = [];
    for (let block = 0; block < 20; block++) {
      const enabled = block % 2 === 0;
      if (block === 1) for (const key of Object.keys(parts) as (keyof typeof parts)[]) parts[key] = 0; // the first block warms up
      (config as { networksEnabled: boolean }).networksEnabled = enabled;
      for (let j = 0; j < 100; j++) {
        const before = inside;
        const s = performance.now();
        const { response } = await tx.screenOrderStored(order(k++) as never);
        const ms = performance.now() - s;
        if (response.reasons.some((r) => ['LINKED_TO_RESTRICTED', 'SPLIT_ACROSS_LINKED_BUYERS', 'CUMULATIVE_CAPACITY', 'ACCOUNT_FARM'].includes(r.code)))
          flagged++;
        (enabled ? on : off).push(ms);
        if (enabled) {
          insideOn += inside - before;
          insideEach.push(inside - before);
          countOn++;
        }
      }
    }
    (config as { networksEnabled: boolean }).networksEnabled = true;
    net.flushDelayMs = 200;
    const w0 = performance.now();
    const cpu0 = process.cpuUsage();
    const pendingGroups = (net as unknown as { pending: unknown[] }).pending.length;
    await net.drain();
    const cpu = process.cpuUsage(cpu0);
    const writes = { ms: performance.now() - w0, cpuMs: (cpu.user + cpu.system) / 1000, decisions: pendingGroups };
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const graph = net.engine.graph;
    await app.close();
    return {
      warmOrders: orders,
      warmMs,
      nodes: graph.nodes.size,
      values: graph.values.size,
      medianOn: med(on),
      medianOff: med(off),
      insidePerDecision: insideOn / countOn,
      insideMedian: med(insideEach),
      parts: { facts: parts.facts / (countOn - 100), flags: parts.flags / (countOn - 100), ingest: parts.ingest / (countOn - 100) },
      writes,
      flagged,
      countOn,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importEntityList(app: import('@nestjs/common').INestApplication, _lists: unknown) {
  const request = (await import('supertest')).default;
  const { sharedListsDirectory } = await import('../../src/screening/shared-lists.testing');
  const res = await request(app.getHttpServer())
    .post('/v1/lists/import')
    .field('format', 'csl-csv')
    .attach('file', join(sharedListsDirectory(), 'us-csl-entity-list-2026-07.csv'));
  if (res.status !== 200) throw new Error(`list import failed: ${res.status} ${JSON.stringify(res.body)}`);
}

async function main() {
  const mode = process.argv[2];
  if (mode === '--worker') return clusterWorker(process.argv[3], process.argv[4]);
  if (mode === '--graphology') return graphologyWorker(process.argv[3]);
  if (process.argv.includes('--engines')) return engineCost(arg('orders', 5000));
  if (process.argv.includes('--decisions-only')) return reportDecisionCost();
  const accounts = arg('accounts', 1_000_000);
  const farms = arg('farms', Math.max(10, Math.round(accounts / 1250)));
  const companies = arg('companies', Math.max(20, Math.round(accounts / 330)));
  const dir = mkdtempSync(join(tmpdir(), 'bench-networks-'));
  const file = join(dir, 'accounts.ndjson');
  try {
    const g0 = performance.now();
    const truth = await writePopulation(file, { accounts, farms, companies });
    console.log(
      `population: ${accounts} accounts, ${farms} planted farms (${truth.farmOf.size} accounts, sizes 5-500), ${companies} companies on corporate cards (${truth.companyOf.size} accounts); written in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );
    const self = resolve(__filename);
    const node = (extra: string[]) =>
      execFileSync(process.execPath, ['--max-old-space-size=4096', '-r', resolve(__dirname, 'register-ts.js'), self, ...extra], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
    const farmsFile = join(dir, 'farms.json');
    const w = JSON.parse(node(['--worker', file, farmsFile]).trim().split('\n').pop()!);
    const { farmQuality } = await import('../../src/networks/synthetic-accounts.testing');
    const q = farmQuality(JSON.parse(readFileSync(farmsFile, 'utf8')), truth);
    console.log(`accounts pipeline (streamed NDJSON -> union-find -> scores -> members screened against the Entity List), own process:`);
    console.log(
      `  ${w.accounts} accounts, ${w.errors} errors, ${w.clusters} clusters; read+cluster ${(w.readMs / 1000).toFixed(1)} s, total ${(w.totalMs / 1000).toFixed(1)} s wall, ${(w.cpuMs / 1000).toFixed(1)} s CPU (target <= 60 s; load average now ${loadavg()[0].toFixed(1)} on ${cpus().length} cores); peak RSS ${mb(w.maxRssKb)} (target <= 2048 MB, Entity List index included); ${w.screenedNames} distinct names screened`,
    );
    console.log(
      `  ACCOUNT_FARM: precision ${q.precision.toFixed(3)}, recall ${q.recall.toFixed(3)} (targets >= 0.95) over ${q.farmAccounts} planted farm accounts; ${q.flaggedClusters} clusters flagged (${q.flaggedAccounts} accounts); farms found (>= 90 % of members flagged) ${q.farmsFound}/${q.farms}; company accounts flagged ${q.companyAccountsFlagged} of ${truth.companyOf.size}`,
    );
    const gr = JSON.parse(node(['--graphology', file]).trim().split('\n').pop()!);
    console.log(
      `graphology on the same union edges (own process): ${gr.nodes} nodes, ${gr.edges} edges; build ${(gr.buildMs / 1000).toFixed(1)} s, connectedComponents ${(gr.ccMs / 1000).toFixed(1)} s (${gr.components} components of 2+), Louvain on ${gr.louvainOn} components of 100+ -> ${gr.communities} communities in ${(gr.louvainMs / 1000).toFixed(1)} s; graph adds ~${gr.rssGrowthMb.toFixed(0)} MB RSS, peak RSS ${mb(gr.maxRssKb)}`,
    );
    console.log(`  (union-find is what the service uses: no graph object per account; compare its total above with graphology's build + components)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await reportDecisionCost();
}

async function reportDecisionCost() {
  const d = await decisionCost(arg('orders', 5000));
  console.log(
    `per-decision cost of the link graph, POST /v1/transactions/screen's service call on SQLite (graph warmed with ${d.warmOrders} stored orders: ${d.nodes} nodes, ${d.values} hashed values):`,
  );
  console.log(
    `  median decision ${d.medianOn.toFixed(3)} ms with the graph, ${d.medianOff.toFixed(3)} ms without (alternating blocks, same run): +${(d.medianOn - d.medianOff).toFixed(3)} ms; time inside assess + ingest ${d.insidePerDecision.toFixed(3)} ms per decision, median ${d.insideMedian.toFixed(3)} ms (target <= 0.2 ms; of it facts ${d.parts.facts.toFixed(3)}, flags ${d.parts.flags.toFixed(3)}, graph update ${d.parts.ingest.toFixed(3)} ms); ${d.writes.decisions ? `deferred group writes of ${d.writes.decisions} decisions: ${d.writes.ms.toFixed(0)} ms wall, ${d.writes.cpuMs.toFixed(0)} ms CPU (${(d.writes.cpuMs / d.writes.decisions).toFixed(3)} ms CPU per decision); ` : ''}${d.flagged} of ${d.countOn} decisions with the graph carried a network flag (their reasons change the stored record too); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

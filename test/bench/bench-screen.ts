/**
 * npm run bench:screen — screening performance with every shared list loaded (~35 thousand entries):
 * index build time, one name screened in process (median / p99), 10,000 names, heap and RSS; and a
 * naive fuse.js search (one Fuse instance over all names and aliases, default options) on the same
 * queries, for the speed ratio and the top-1 accuracy of both. Options: --naive N (queries for fuse, default 300).
 */
import Fuse from 'fuse.js';
import { readFileSync } from 'fs';
import * as path from 'path';
import { ListEntry } from '../../src/lists/list-entry';
import { PartyQuery, ScreeningIndex, screeningDataDir } from '../../src/screening';
import { perturbSuffix, perturbTypo, rng } from '../../src/screening/perturb.testing';
import { loadAllSharedLists } from '../../src/screening/shared-lists.testing';

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const pctl = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

/** The expected entry (or a same-name duplicate from another file) among the top-scored results. */
function topHas(ms: { source: string; entryId: string; name: string; score: number }[], e: ListEntry): boolean {
  if (!ms.length) return false;
  return ms.some((m) => m.score === ms[0].score && m.source === e.source && (m.entryId === e.entryId || m.name === e.name));
}

function main(): void {
  const gc = (global as { gc?: () => void }).gc;
  const files = loadAllSharedLists();
  const entries = files.flatMap((f) => f.entries);
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = ScreeningIndex.build(entries);
  const buildMs = performance.now() - t0;
  gc?.();
  const mem = process.memoryUsage();
  console.log(`entries ${index.size} (${files.length} files), name records ${index.nameRecordCount}`);
  console.log(`index build: ${buildMs.toFixed(0)} ms (target <= 5000)`);
  console.log(
    `memory: heap ${mb(mem.heapUsed)} (index ~${mb(mem.heapUsed - heap0)}${gc ? '' : ', run with --expose-gc for a cleaner figure'}), RSS ${mb(mem.rss)}`,
  );

  // queries: half list names made messy (expected entry known), half real unlisted organisations
  const r = rng(7);
  const named = entries.filter((e) => e.type !== 'address' && e.name.length >= 5);
  const negatives = (
    JSON.parse(readFileSync(path.join(screeningDataDir(), 'negatives.json'), 'utf8')) as {
      parties: { name: string; country: string }[];
    }
  ).parties;
  const queries: { q: PartyQuery; expected?: ListEntry }[] = [];
  while (queries.length < 10000) {
    if (r() < 0.5) {
      const e = named[Math.floor(r() * named.length)];
      const name = (r() < 0.5 ? perturbTypo(e.name, r) : perturbSuffix(e.name, r)) ?? e.name;
      queries.push({ q: { name, country: e.countries[0] }, expected: e });
    } else {
      const n = negatives[Math.floor(r() * negatives.length)];
      queries.push({ q: { name: n.name, country: n.country, type: 'entity' } });
    }
  }
  // warm-up
  for (let i = 0; i < 500; i++) index.screen(queries[i].q);

  const times: number[] = [];
  const tAll = performance.now();
  let ourTop1 = 0;
  let positives = 0;
  for (const { q, expected } of queries) {
    const t = performance.now();
    const res = index.screen(q);
    times.push(performance.now() - t);
    if (expected) {
      positives++;
      if (topHas(res.matches, expected)) ourTop1++;
    }
  }
  const allMs = performance.now() - tAll;
  times.sort((a, b) => a - b);
  const med = pctl(times, 0.5);
  const p99 = pctl(times, 0.99);
  console.log(
    `\none name in process: median ${med.toFixed(3)} ms (target <= 0.1), p99 ${p99.toFixed(3)} ms (target <= 1), max ${times[times.length - 1].toFixed(2)} ms`,
  );
  console.log(`10,000 names: ${(allMs / 1000).toFixed(2)} s (target <= 5)`);
  console.log(`memory after queries: heap ${mb(process.memoryUsage().heapUsed)}, RSS ${mb(process.memoryUsage().rss)}`);

  // naive fuse.js baseline
  const nNaive = Number(arg('naive', '300'));
  const docs: { name: string; e: number }[] = [];
  entries.forEach((e, i) => {
    if (e.type === 'address') return;
    docs.push({ name: e.name, e: i });
    for (const a of e.aliases) docs.push({ name: a.name, e: i });
  });
  const tf = performance.now();
  const fuse = new Fuse(docs, { keys: ['name'] });
  const fuseBuild = performance.now() - tf;
  const sample = queries.slice(0, nNaive);
  const ft: number[] = [];
  const ot: number[] = [];
  let fuseTop1 = 0;
  let ourTop1s = 0;
  let pos = 0;
  let negs = 0;
  let fuseNegHits = 0;
  let ourNegHits = 0;
  for (const { q, expected } of sample) {
    let t = performance.now();
    const fr = fuse.search(q.name, { limit: 10 });
    ft.push(performance.now() - t);
    t = performance.now();
    const res = index.screen(q);
    ot.push(performance.now() - t);
    if (expected) {
      pos++;
      const fm = fr.filter((x) => x.score === fr[0].score).map((x) => ({ ...entries[x.item.e], score: 0 }));
      if (topHas(fm, expected)) fuseTop1++;
      if (topHas(res.matches, expected)) ourTop1s++;
    } else {
      negs++;
      if (fr.length) fuseNegHits++;
      if (res.status !== 'clear') ourNegHits++;
    }
  }
  ft.sort((a, b) => a - b);
  ot.sort((a, b) => a - b);
  const fuseMean = ft.reduce((s, x) => s + x, 0) / ft.length;
  const ourMean = ot.reduce((s, x) => s + x, 0) / ot.length;
  console.log(
    `\nnaive fuse.js (one Fuse over ${docs.length} names and aliases, default options; build ${fuseBuild.toFixed(0)} ms), ${sample.length} of the same queries:`,
  );
  console.log(
    `  fuse median ${pctl(ft, 0.5).toFixed(2)} ms, mean ${fuseMean.toFixed(2)} ms; engine median ${pctl(ot, 0.5).toFixed(3)} ms, mean ${ourMean.toFixed(3)} ms`,
  );
  console.log(`  speed ratio (median) ${(pctl(ft, 0.5) / pctl(ot, 0.5)).toFixed(0)}x, (mean) ${(fuseMean / ourMean).toFixed(0)}x (target >= 2000x)`);
  console.log(
    `  top-1 (expected entry among the top-scored) on the ${pos} messy list names: fuse ${((100 * fuseTop1) / pos).toFixed(1)}%, engine ${((100 * ourTop1s) / pos).toFixed(1)}%` +
      ` (engine on all ${positives}: ${((100 * ourTop1) / positives).toFixed(1)}%)`,
  );
  console.log(
    `  unlisted organisations (${negs}) with any result: fuse ${((100 * fuseNegHits) / negs).toFixed(1)}% (its default threshold 0.6), engine ${((100 * ourNegHits) / negs).toFixed(1)}% not clear`,
  );
}

main();

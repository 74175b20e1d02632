/**
 * A/B of the screening index against a baseline copy of src/ in the same process (the machine is shared:
 * figures from separate runs are not comparable). The bench:screen queries are screened by both engines,
 * alternating which goes first; prints wall median / p99 / mean and CPU time of each, and how many results differ.
 *   git archive main src | tar -x -C /tmp/ab-base
 *   NODE_PATH=$PWD/node_modules node --expose-gc -r ./test/bench/register-ts.js test/bench/ab-screen.ts --base /tmp/ab-base/src
 * Options: --base DIR (the baseline's src), --queries N (default 10000), --rounds R (default 3),
 * --only new|base (one engine, e.g. under --cpu-prof), --diff (print the differing results).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { PerformanceObserver } from 'perf_hooks';
import { ListEntry } from '../../src/lists/list-entry';
import { PartyQuery, ScreeningIndex, ScreeningResult, screeningDataDir } from '../../src/screening';
import { perturbSuffix, perturbTypo, rng } from '../../src/screening/perturb.testing';
import { loadAllSharedLists } from '../../src/screening/shared-lists.testing';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}
const pctl = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];

type Engine = { screen(q: PartyQuery): ScreeningResult; buildMs: number };

function queriesFor(entries: ListEntry[], n: number): PartyQuery[] {
  const r = rng(7);
  const named = entries.filter((e) => e.type !== 'address' && e.name.length >= 5);
  const negatives = (JSON.parse(readFileSync(path.join(screeningDataDir(), 'negatives.json'), 'utf8')) as { parties: { name: string; country: string }[] })
    .parties;
  const out: PartyQuery[] = [];
  while (out.length < n) {
    if (r() < 0.5) {
      const e = named[Math.floor(r() * named.length)];
      const name = (r() < 0.5 ? perturbTypo(e.name, r) : perturbSuffix(e.name, r)) ?? e.name;
      out.push({ name, country: e.countries[0] });
    } else {
      const x = negatives[Math.floor(r() * negatives.length)];
      out.push({ name: x.name, country: x.country, type: 'entity' });
    }
  }
  return out;
}

/** the whole result (every match field, explanations included) after the status, for the comparison */
const summary = (r: ScreeningResult) => `${r.status} ${JSON.stringify(r)}`;

async function main(): Promise<void> {
  const baseDir = path.resolve(arg('base', '/tmp/ab-base/src'));
  const only = arg('only', '');
  const nQ = Number(arg('queries', '10000'));
  const rounds = Number(arg('rounds', '3'));
  const entries = loadAllSharedLists().flatMap((f) => f.entries);
  const engines: { label: string; index: Engine }[] = [];
  if (only !== 'base') engines.push({ label: 'new', index: ScreeningIndex.build(entries) });
  if (only !== 'new') {
    const Base = (require(path.join(baseDir, 'screening/screening-index')) as { ScreeningIndex: typeof ScreeningIndex }).ScreeningIndex;
    engines.push({ label: 'base', index: Base.build(entries) });
  }
  const queries = queriesFor(entries, nQ);
  for (const e of engines) for (let i = 0; i < 500; i++) e.index.screen(queries[i]);
  (global as { gc?: () => void }).gc?.();

  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((x) => (gcMs += x.duration)));
  gcObserver.observe({ entryTypes: ['gc'] });
  const tRun = performance.now();
  const wall = engines.map(() => [] as number[]);
  const cpu = engines.map(() => 0);
  const last = engines.map(() => [] as string[]);
  for (let round = 0; round < rounds; round++) {
    for (let qi = 0; qi < queries.length; qi++) {
      for (let k = 0; k < engines.length; k++) {
        const e = (k + qi + round) % engines.length;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const res = engines[e].index.screen(queries[qi]);
        wall[e].push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[e] += c.user + c.system;
        if (round === rounds - 1) last[e][qi] = summary(res);
      }
    }
  }
  const runMs = performance.now() - tRun;
  await new Promise((resolve) => setTimeout(resolve, 20)); // gc entries arrive asynchronously
  gcObserver.disconnect();
  console.log(`${entries.length} entries, ${queries.length} queries x ${rounds} rounds, engines alternating`);
  console.log(`  index build: ${engines.map((e) => `${e.label} ${e.index.buildMs.toFixed(0)} ms`).join(', ')} (built one after the other)`);
  console.log(`  garbage collection ${gcMs.toFixed(0)} ms of ${runMs.toFixed(0)} ms (both engines together)`);
  engines.forEach((e, k) => {
    const xs = wall[k].sort((a, b) => a - b);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(
      `  ${e.label.padEnd(4)} median ${pctl(xs, 0.5).toFixed(3)} ms, p99 ${pctl(xs, 0.99).toFixed(3)} ms, p99.9 ${pctl(xs, 0.999).toFixed(2)} ms, mean ${mean.toFixed(3)} ms, CPU ${(cpu[k] / 1000 / xs.length).toFixed(3)} ms/query`,
    );
  });
  if (engines.length === 2) {
    let diff = 0;
    let statusDiff = 0;
    for (let qi = 0; qi < queries.length; qi++) {
      if (last[0][qi] === last[1][qi]) continue;
      diff++;
      if (last[0][qi].split(' ')[0] !== last[1][qi].split(' ')[0]) statusDiff++;
      if (process.argv.includes('--diff')) console.log(`  ${JSON.stringify(queries[qi].name)}\n    new  ${last[0][qi]}\n    base ${last[1][qi]}`);
    }
    console.log(`  results differing: ${diff} of ${queries.length} (status differs: ${statusDiff})`);
  }
}

void main();

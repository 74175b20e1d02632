/**
 * npm run bench:lists — import the whole shared set of official list files into a fresh SQLite
 * database through the real ListsService (parse, validate, write, activate), and print the time per
 * file, the total, and the peak heap / RSS. Target: all of it under 20 s and 500 MB.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../../src/app.module';
import { JsonLogger } from '../../src/common/logger';
import { loadConfig } from '../../src/config/config';
import { ListFormat } from '../../src/lists/list-entry';
import { ListsService } from '../../src/lists/lists.service';
import { SHARED_LIST_SET, sharedImportFiles } from '../../src/lists/list-files.testing';
/** the shared set layers small samples over fuller, older files: list safety would refuse them (LIST_SHRINK) */
const BENCH_FORCE = { force: true, reason: 'benchmark fixture: the shared list set', by: 'bench' };

/** Everything in the shared folder: the current set plus the other formats and the consolidated (non-SDN) CSVs. */
const SET: { format: ListFormat; files: string[] }[] = [
  // partial files first: a file replaces the active version of every list code it holds
  { format: 'csl-csv', files: ['us-csl-2025-format-sample.csv'] },
  { format: 'ofac-csv', files: ['ofac-cons-prim.csv', 'ofac-cons-add.csv', 'ofac-cons-alt.csv', 'ofac-cons-comments.csv'] },
  { format: 'ofac-enhanced-xml', files: ['ofac-consolidated-enhanced.xml'] },
  { format: 'ofac-advanced-xml', files: ['ofac-consolidated-advanced.xml'] },
  { format: 'bis-dpl-txt', files: ['us-bis-dpl.txt'] },
  ...SHARED_LIST_SET,
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-bench-lists-'));
  let peakRss = 0;
  let peakHeap = 0;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const config = {
    ...loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`, CHIPGUARD_AUTO_UPDATE: '0', CHIPGUARD_LOAD_SAMPLE: '0' }),
    logLevel: 'error' as const,
  };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger('error') });
  const lists = app.get(ListsService);
  const started = performance.now();
  let records = 0;
  console.log('file set'.padEnd(72), 'format'.padEnd(13), 'records'.padStart(8), 'ms'.padStart(8));
  for (const { format, files: names } of SET) {
    const files = sharedImportFiles(names);
    const t0 = performance.now();
    const r = await lists.importFiles(format, files, BENCH_FORCE);
    const ms = performance.now() - t0;
    records += r.entryCount;
    console.log(names.join('+').slice(0, 72).padEnd(72), format.padEnd(13), String(r.entryCount).padStart(8), ms.toFixed(0).padStart(8));
  }
  const total = performance.now() - started;
  // the screening index is built once the burst of imports is over: time that build too
  const { ScreeningService } = await import('../../src/screening/screening.service');
  const t1 = performance.now();
  app.get(ScreeningService).screen({ name: 'warm-up' });
  console.log(`screening index over the active lists built in ${(performance.now() - t1).toFixed(0)} ms`);
  clearInterval(sample);
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  console.log(`\nimported ${records} records from ${SET.length} file sets in ${(total / 1000).toFixed(2)} s`);
  console.log(`active entries in memory: ${lists.active.allEntries().length}`);
  (global as { gc?: () => void }).gc?.();
  console.log(`heap after the imports, garbage collected: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
  console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MB (target: < 20 s, < 500 MB)`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

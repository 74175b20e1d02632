/**
 * npm run bench:parse — parse a large (~100 MB) OFAC legacy XML file (the size of a real sdn.xml) and print
 * the time, peak RSS and heap of each way of parsing it:
 *
 *   node --expose-gc -r ./test/bench/register-ts.js test/bench/bench-parse-large.ts [--mb 100] [--keep]
 *
 * The file is built in a temp dir by repeating the real <sdnEntry> records of the shared
 * ofac-consolidated.xml (uids renumbered so every record is unique, Record_Count set to match).
 * Each mode runs in its own child process so its peak RSS is its own:
 *   stream — parseListFileAsync(): the file read in chunks (fs.createReadStream), record by record
 *   buffer — parseListFile() on the whole file in memory (the HTTP upload path), record by record
 *   dom    — the previous approach, for reference: validate, then one fast-xml-parser tree of the whole file
 */
import { spawnSync } from 'child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseListFile, parseListFileAsync } from '../../src/lists/parse';
import { sharedListsDir } from '../../src/lists/list-files.testing';

const MB = 1024 * 1024;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Writes the synthetic file; returns the number of records. */
function buildFile(path: string, targetBytes: number): number {
  const src = readFileSync(join(sharedListsDir(), 'ofac-consolidated.xml'), 'utf8');
  const first = src.indexOf('<sdnEntry>');
  const lastEnd = src.lastIndexOf('</sdnEntry>') + '</sdnEntry>'.length;
  const head = src.slice(0, first);
  const tail = src.slice(lastEnd);
  const body = src.slice(first, lastEnd);
  const records = body.split(/(?<=<\/sdnEntry>)/).map((r) => r.replace(/^\s+/, ''));
  const perRound = Buffer.byteLength(body);
  const rounds = Math.max(1, Math.round(targetBytes / perRound));
  const count = rounds * records.length;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head.replace(/<Record_Count>\d+<\/Record_Count>/, `<Record_Count>${count}</Record_Count>`));
    let uid = 1;
    for (let r = 0; r < rounds; r++) {
      // every <uid> (entry, aka, address, id …) renumbered: unique over the whole file
      const chunk = records.map((rec) => rec.replace(/<uid>\d+<\/uid>/g, () => `<uid>${uid++}</uid>`)).join('\r\n  ');
      writeSync(fd, (r ? '\r\n  ' : '') + chunk);
    }
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
  return count;
}

interface Result {
  mode: string;
  ms: number;
  entries: number;
  peakRssMb: number;
  peakHeapMb: number;
  heapAfterMb: number;
}

async function runMode(mode: string, file: string): Promise<Result> {
  let peakHeap = 0;
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 10);
  global.gc?.();
  const t0 = performance.now();
  let entries = 0;
  let result: unknown;
  if (mode === 'stream') {
    const r = await parseListFileAsync('ofac-sdn-xml', { path: file, fileName: 'sdn.xml' });
    entries = r.entries.length;
    result = r;
  } else if (mode === 'buffer') {
    const r = parseListFile('ofac-sdn-xml', { data: readFileSync(file), fileName: 'sdn.xml' });
    entries = r.entries.length;
    result = r;
  } else {
    // the former parseXml(): decode, validate the whole text, then build the whole object tree
    const text = readFileSync(file).toString('utf8');
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(valid.err.msg);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      processEntities: true,
      htmlEntities: false,
      isArray: (n) => n === 'sdnEntry',
    }).parse(text) as { sdnList: { sdnEntry: unknown[] } };
    sample();
    entries = doc.sdnList.sdnEntry.length;
    result = doc;
  }
  const ms = performance.now() - t0;
  sample();
  clearInterval(timer);
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed; // what the result keeps alive
  if (!result) throw new Error('no result');
  return {
    mode,
    ms,
    entries,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / MB,
    heapAfterMb: heapAfter / MB,
  };
}

async function main(): Promise<void> {
  const child = arg('--child');
  if (child) {
    const r = await runMode(child, arg('--file')!);
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const targetMb = Number(arg('--mb') ?? 100);
  const modes = (arg('--modes') ?? 'stream,buffer,dom').split(',');
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-bench-parse-'));
  const file = join(dir, 'sdn-large.xml');
  try {
    const t0 = performance.now();
    const count = buildFile(file, targetMb * MB);
    const size = statSync(file).size;
    console.log(`built ${file}: ${(size / MB).toFixed(1)} MB, ${count} <sdnEntry> records, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(
      'mode'.padEnd(8),
      'entries'.padStart(9),
      'time s'.padStart(8),
      'peak RSS MB'.padStart(12),
      'peak heap MB*'.padStart(14),
      'retained MB**'.padStart(14),
    );
    for (const mode of modes) {
      const p = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode, '--file', file], {
        encoding: 'utf8',
        maxBuffer: 16 * MB,
        env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192` },
      });
      if (p.status !== 0) {
        console.log(mode.padEnd(8), `failed (exit ${p.status ?? p.signal}): ${(p.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      const r = JSON.parse(p.stdout.trim().split('\n').pop()!) as Result;
      console.log(
        r.mode.padEnd(8),
        String(r.entries).padStart(9),
        (r.ms / 1000).toFixed(2).padStart(8),
        r.peakRssMb.toFixed(0).padStart(12),
        r.peakHeapMb.toFixed(0).padStart(14),
        r.heapAfterMb.toFixed(0).padStart(14),
      );
    }
    console.log('*  heap sampled every 10 ms and between steps: a synchronous parse cannot be sampled while it runs (see peak RSS)');
    console.log('** heap after a full GC with the result still referenced (dom: the object tree, not yet mapped to entries)');
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

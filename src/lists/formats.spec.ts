import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { LIST_FORMAT_REGISTRY, LIST_FORMATS } from './formats';
import { projectRoot, readSharedList, sampleListsDir, sharedListsDir } from './list-files.testing';
import { detectFile, parseListFile, parseListStream } from './parse';
import { OFFICIAL_SOURCES } from './official-sources';
import { parseCsvRows } from './parsers/csl-csv';

/**
 * The list-format registry is the only place a format is added: every shared list file and bundled sample is
 * recognised by exactly one entry and parsed by it, every entry is exercised by a real file, and the README names it.
 */
describe('list-format registry', () => {
  const shared = readdirSync(sharedListsDir()).filter((f) => f !== 'README.md');

  it('every file of the shared list folder and every bundled sample is recognised by exactly one entry', () => {
    const files = [...shared.map((f) => ({ name: f, data: readSharedList(f) })), ...sampleFiles()];
    expect(files.length).toBeGreaterThan(15);
    for (const { name, data } of files) {
      const detected = detectFile(name, data);
      expect([name, detected?.format]).toEqual([name, expect.any(String)]);
      const text = data.subarray(0, 4096).toString('utf8');
      const claims = LIST_FORMAT_REGISTRY.filter((f) =>
        f.detect({ name: name.toLowerCase(), head: text, firstLine: text.split(/\r?\n/)[0], xmlRoot: xmlRootOf(text) }),
      );
      if (!name.endsWith('.gz')) expect([name, claims.map((f) => f.id)]).toEqual([name, [detected!.format]]);
    }
  });

  it('every entry parses at least one real file of its format, also from a stream where it reads one', async () => {
    const byFormat = new Map<string, string[]>();
    const data = new Map<string, Buffer>(shared.map((f) => [f, readSharedList(f)]));
    // formats the shared folder has no file of: made here from a real file's records
    data.set('meu.json', cslJsonFromCsv(readSharedList('us-csl-meu-2026-07.csv')));
    for (const [f, bytes] of data) {
      const format = detectFile(f, bytes)!.format;
      byFormat.set(format, [...(byFormat.get(format) ?? []), f]);
    }
    const bytesOf = (f: string): Buffer => data.get(f)!;
    for (const entry of LIST_FORMAT_REGISTRY) {
      const files = byFormat.get(entry.id) ?? [];
      expect([entry.id, files.length > 0]).toEqual([entry.id, true]);
      if (entry.input === 'set') {
        const prim = files.find((f) => detectFile(f, bytesOf(f))!.ofacCsvPart === 'prim')!;
        const parsed = parseListFile(entry.id, { files: { prim: bytesOf(prim) }, fileName: prim });
        expect([entry.id, parsed.format, parsed.entries.length > 0]).toEqual([entry.id, entry.id, true]);
        continue;
      }
      const file = files[0];
      const parsed = parseListFile(entry.id, { data: bytesOf(file), fileName: file });
      expect([entry.id, parsed.format, parsed.entries.length > 0]).toEqual([entry.id, entry.id, true]);
      if (entry.streamReader) {
        const streamed = await parseListStream(entry.id, chunks(bytesOf(file)), { fileName: file });
        expect(streamed.entries.length).toBe(parsed.entries.length);
      }
    }
  });

  it('ids are unique; official sources belong to registered formats; the README lists every format', () => {
    expect(new Set(LIST_FORMATS).size).toBe(LIST_FORMAT_REGISTRY.length);
    for (const s of OFFICIAL_SOURCES) expect(LIST_FORMATS).toContain(s.format);
    expect(new Set(OFFICIAL_SOURCES.map((s) => s.id)).size).toBe(OFFICIAL_SOURCES.length);
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    for (const id of LIST_FORMATS) expect([id, readme.includes(`\`${id}\``)]).toEqual([id, true]);
  });
});

async function* chunks(data: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536);
}

/** The trade.gov JSON layout ({results: [...]}) of a CSL CSV file's rows. */
function cslJsonFromCsv(csv: Buffer): Buffer {
  const [header, ...rows] = parseCsvRows(csv.toString('utf8'), 'csv').map((r) => r.record);
  const col = (row: string[], name: string) => row[header.indexOf(name)];
  const results = rows.map((r) => ({ id: col(r, '_id'), source: col(r, 'source'), name: col(r, 'name'), programs: [], alt_names: [], addresses: [], ids: [] }));
  return Buffer.from(JSON.stringify({ total: results.length, results }));
}

function sampleFiles(): { name: string; data: Buffer }[] {
  return readdirSync(sampleListsDir())
    .filter((n) => n !== 'README.md')
    .map((name) => ({ name, data: readFileSync(join(sampleListsDir(), name)) }));
}

function xmlRootOf(text: string): string | undefined {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  return t.startsWith('<') ? /<(?!\?|!)(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(t.replace(/<!--[\s\S]*?-->/g, ''))?.[1] : undefined;
}

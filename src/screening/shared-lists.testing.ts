/**
 * Loads the real list files of the shared data folder (../shared/data/lists) through the project's
 * parsers, for the screening tests, the evaluation and the benchmark. Not used by the service.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { ListEntry, ListFormat } from '../lists/list-entry';
import { parseListFile } from '../lists/parse';

export function sharedListsDirectory(): string {
  const candidates = [
    process.env.SHARED_LISTS_DIR ?? '',
    path.resolve(__dirname, '../../../shared/data/lists'),
    path.resolve(__dirname, '../../../../shared/data/lists'),
    path.resolve(process.cwd(), '../shared/data/lists'),
  ].filter(Boolean);
  for (const c of candidates) if (existsSync(path.join(c, 'README.md'))) return c;
  throw new Error(`shared list folder not found (looked in ${candidates.join(', ')})`);
}

export interface SharedListFile {
  label: string;
  format: ListFormat;
  entries: ListEntry[];
}

type Spec = { label: string; format: ListFormat; file?: string; files?: Record<string, string>; list?: 'sdn' | 'consolidated' };

/** Every complete list file of the shared folder, plus the excerpts (EU, UK). */
export const SHARED_LIST_SPECS: Spec[] = [
  { label: 'EL 2026-07 (csl-csv)', format: 'csl-csv', file: 'us-csl-entity-list-2026-07.csv' },
  { label: 'MEU 2026-07 (csl-csv)', format: 'csl-csv', file: 'us-csl-meu-2026-07.csv' },
  {
    label: 'OFAC SDN (ofac-csv)',
    format: 'ofac-csv',
    list: 'sdn',
    files: { prim: 'ofac-sdn.csv', add: 'ofac-sdn-add.csv', alt: 'ofac-sdn-alt.csv', comments: 'ofac-sdn-comments.csv' },
  },
  {
    label: 'OFAC consolidated (ofac-csv)',
    format: 'ofac-csv',
    list: 'consolidated',
    files: { prim: 'ofac-cons-prim.csv', add: 'ofac-cons-add.csv', alt: 'ofac-cons-alt.csv', comments: 'ofac-cons-comments.csv' },
  },
  { label: 'CSL 2022-05 (csl-csv)', format: 'csl-csv', file: 'us-csl-2022-05.csv.gz' },
  { label: 'UN consolidated (un-xml)', format: 'un-xml', file: 'un-consolidated.xml' },
  { label: 'BIS DPL (dpl.txt)', format: 'bis-dpl-txt' as ListFormat, file: 'us-bis-dpl.txt' },
  { label: 'EU FSF excerpt (eu-xml)', format: 'eu-xml', file: 'eu-fsf-excerpt.xml' },
  { label: 'UK excerpt (uk-xml)', format: 'uk-xml', file: 'uk-sanctions-list-excerpt.xml' },
];

const cache = new Map<string, SharedListFile>();

export function loadSharedList(spec: Spec, dir = sharedListsDirectory()): SharedListFile {
  const key = `${dir}|${spec.label}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let entries: ListEntry[];
  if (spec.files) {
    const f = spec.files;
    const read = (n?: string) => (n && existsSync(path.join(dir, n)) ? readFileSync(path.join(dir, n)) : undefined);
    entries = parseListFile('ofac-csv', {
      files: { prim: read(f.prim)!, add: read(f.add), alt: read(f.alt), comments: read(f.comments) },
      list: spec.list,
      fileName: f.prim,
    }).entries;
  } else {
    entries = parseListFile(spec.format, { data: readFileSync(path.join(dir, spec.file!)), fileName: spec.file }).entries;
  }
  const out = { label: spec.label, format: spec.format, entries };
  cache.set(key, out);
  return out;
}

/** All shared lists (about 35 thousand entries; the old CSL overlaps the newer SDN and EL files). */
export function loadAllSharedLists(opts: { labels?: string[] } = {}): SharedListFile[] {
  const dir = sharedListsDirectory();
  return SHARED_LIST_SPECS.filter((s) => !opts.labels || opts.labels.some((l) => s.label.startsWith(l))).map((s) => loadSharedList(s, dir));
}

/**
 * Single entry point of the list parsers.
 *
 *   parseListFile('csl-csv', { data: fs.readFileSync('consolidated.csv') })          // .csv or .csv.gz
 *   parseListFile('ofac-csv', { files: { prim: sdnCsv, add: addCsv, alt: altCsv, comments: commentsCsv } })
 *   parseListFile('ofac-csv', { files: { prim: consPrim, … }, list: 'consolidated' })
 *
 * Synchronous. The XML formats are read record by record (src/lists/parsers/xml.ts): memory holds one record
 * and the output entries, not an object tree of the whole file. For large files on disk use
 * parseListFileAsync('ofac-sdn-xml', { path }) (or parseListStream with any stream of chunks), which reads the
 * file in chunks and never holds it whole. Every failure is a ListParseError naming the line or element
 * (and the record, e.g. "<sdnEntry> #221"); a file is never returned partially.
 */
import { createReadStream } from 'fs';
import { basename } from 'path';
import { ListFormat, LIST_FORMATS, ListParseError, ParsedList } from './list-entry';
import { parseBisDplTxt } from './parsers/bis-dpl-txt';
import { parseCslCsv } from './parsers/csl-csv';
import { parseCslJson } from './parsers/csl-json';
import { euXmlReader, parseEuXml } from './parsers/eu-xml';
import { ofacAdvancedXmlReader, parseOfacAdvancedXml } from './parsers/ofac-advanced-xml';
import { parseOfacCsv } from './parsers/ofac-csv';
import { ofacEnhancedXmlReader, parseOfacEnhancedXml } from './parsers/ofac-enhanced-xml';
import { ofacSdnXmlReader, parseOfacSdnXml } from './parsers/ofac-sdn-xml';
import { parseUkXml, ukXmlReader } from './parsers/uk-xml';
import { parseUnXml, unXmlReader } from './parsers/un-xml';
import { isGzip, maybeGunzip } from './parsers/util';
import { readXmlListStream, XmlListReader } from './parsers/xml';

/**
 * One file (every format except ofac-csv). Gzip is accepted for csl-csv / csl-json (detected by magic bytes).
 * `list` (OFAC XML formats only): 'sdn' or 'consolidated'; when omitted it is detected from the file name
 * ("cons…" / "sdn…") and then from the content.
 */
export interface SingleFileInput {
  data: Buffer;
  fileName?: string;
  list?: 'sdn' | 'consolidated';
}

/**
 * The OFAC CSV set: `prim` = sdn.csv (or CONS_PRIM.CSV), `add` = add.csv, `alt` = alt.csv,
 * `comments` = sdn_comments.csv (or the CONS_ counterparts). Only `prim` is required.
 * `list`: 'sdn' for the SDN set -> code SDN; 'consolidated' for CONS_* -> SSI/FSE/PLC/CAP/MBS/CMIC/OFAC_NONSDN.
 * When omitted: `fileName` containing "cons" means consolidated, else detected from the program tags/remarks.
 */
export interface OfacCsvInput {
  files: { prim: Buffer; add?: Buffer; alt?: Buffer; comments?: Buffer };
  list?: 'sdn' | 'consolidated';
  fileName?: string;
}

export type ListInput = SingleFileInput | OfacCsvInput;

export function isListFormat(value: unknown): value is ListFormat {
  return typeof value === 'string' && (LIST_FORMATS as readonly string[]).includes(value);
}

function single(format: ListFormat, input: ListInput): SingleFileInput {
  if (!input || !('data' in input) || !Buffer.isBuffer(input.data)) {
    throw new ListParseError(`format ${format} expects one file ({ data: Buffer })`);
  }
  if (!input.data.length) throw new ListParseError(`${input.fileName ?? format}: empty file`, 'line 1');
  return input;
}

/** Parses one list file (or the OFAC CSV set). Throws ListParseError; never returns a partial list. */
export function parseListFile(format: ListFormat, input: ListInput): ParsedList {
  if (format === 'ofac-csv') {
    if (!input || !('files' in input) || !input.files || !Buffer.isBuffer(input.files.prim)) {
      throw new ListParseError('format ofac-csv expects { files: { prim, add?, alt?, comments? } } (Buffers)');
    }
    return parseOfacCsv(input.files, input.list, input.fileName ?? (input.list === 'consolidated' ? 'OFAC CONS CSV' : 'OFAC CSV'));
  }
  const i = single(format, input);
  const name = i.fileName;
  switch (format) {
    case 'csl-csv':
      return parseCslCsv(i.data, name);
    case 'csl-json':
      return parseCslJson(i.data, name);
    case 'ofac-sdn-xml':
      return parseOfacSdnXml(i.data, name, i.list);
    case 'ofac-enhanced-xml':
      return parseOfacEnhancedXml(i.data, name, i.list);
    case 'ofac-advanced-xml':
      return parseOfacAdvancedXml(i.data, name, i.list);
    case 'un-xml':
      return parseUnXml(i.data, name);
    case 'eu-xml':
      return parseEuXml(i.data, name);
    case 'uk-xml':
      return parseUkXml(i.data, name);
    case 'bis-dpl-txt':
      return parseBisDplTxt(i.data, name);
    default:
      throw new ListParseError(`unknown list format ${String(format)}`);
  }
}

/** The formats read record by record from a stream (parseListStream / parseListFileAsync): the XML ones. */
export const STREAMING_FORMATS: readonly ListFormat[] = ['ofac-sdn-xml', 'ofac-enhanced-xml', 'ofac-advanced-xml', 'un-xml', 'eu-xml', 'uk-xml'];

export function isStreamingFormat(format: ListFormat): boolean {
  return STREAMING_FORMATS.includes(format);
}

function xmlReader(format: ListFormat, fileName: string | undefined, list?: 'sdn' | 'consolidated'): XmlListReader<ParsedList> | undefined {
  switch (format) {
    case 'ofac-sdn-xml':
      return ofacSdnXmlReader(fileName, list);
    case 'ofac-enhanced-xml':
      return ofacEnhancedXmlReader(fileName, list);
    case 'ofac-advanced-xml':
      return ofacAdvancedXmlReader(fileName, list);
    case 'un-xml':
      return unXmlReader(fileName);
    case 'eu-xml':
      return euXmlReader(fileName);
    case 'uk-xml':
      return ukXmlReader(fileName);
    default:
      return undefined;
  }
}

/** Options of the stream parsers: as SingleFileInput, without the data. */
export interface StreamInputOptions {
  fileName?: string;
  list?: 'sdn' | 'consolidated';
}

/**
 * Parses one list file from a stream of chunks (an fs.ReadStream, an HTTP response body, any async iterable of
 * Buffers). XML formats are parsed record by record as the chunks arrive, so the file is never held whole;
 * the other single-file formats (CSV, JSON, dpl.txt) are collected and handed to parseListFile().
 * Same results and errors as parseListFile(); ofac-csv (a set of files) is not accepted here.
 */
export async function parseListStream(format: ListFormat, chunks: AsyncIterable<Buffer | string>, opts: StreamInputOptions = {}): Promise<ParsedList> {
  if (format === 'ofac-csv') throw new ListParseError("format ofac-csv is a set of files: use parseListFile('ofac-csv', { files })");
  if (!isListFormat(format)) throw new ListParseError(`unknown list format ${String(format)}`);
  const reader = xmlReader(format, opts.fileName, opts.list);
  if (reader) return readXmlListStream(chunks, opts.fileName ?? format, reader);
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  return parseListFile(format, { data: Buffer.concat(parts), fileName: opts.fileName, list: opts.list });
}

/**
 * Parses one list file on disk, read in chunks (fs.createReadStream); see parseListStream().
 * `fileName` defaults to the base name of `path`.
 */
export async function parseListFileAsync(format: ListFormat, input: { path: string } & StreamInputOptions): Promise<ParsedList> {
  const stream = createReadStream(input.path, { highWaterMark: 1 << 20 });
  try {
    return await parseListStream(format, stream, { fileName: input.fileName ?? basename(input.path), list: input.list });
  } finally {
    stream.destroy();
  }
}

/** Which part of the OFAC CSV set a file is (by name, then by column count of its first line). */
export type OfacCsvPart = 'prim' | 'add' | 'alt' | 'comments';

export interface DetectedFormat {
  format: ListFormat;
  /** for ofac-csv files: which file of the set this is */
  ofacCsvPart?: OfacCsvPart;
  /** for OFAC files, when the name or content tells */
  list?: 'sdn' | 'consolidated';
}

/**
 * Guesses the format of a file from its content (root element / header row), the name as a tie-breaker.
 * Returns undefined when nothing fits. For the CLI; the import endpoint takes an explicit format.
 */
export function detectFormat(fileName: string, data: Buffer): ListFormat | undefined {
  return detectFile(fileName, data)?.format;
}

/** detectFormat() with details: which file of the OFAC CSV set, SDN or consolidated (when the name tells). */
export function detectFile(fileName: string, data: Buffer): DetectedFormat | undefined {
  const lower = (fileName ?? '').toLowerCase();
  let buf = data;
  if (isGzip(buf)) {
    try {
      buf = maybeGunzip(buf, fileName);
    } catch {
      return undefined;
    }
  }
  const head = buf
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  const listHint = /cons/.test(lower) ? 'consolidated' : /sdn/.test(lower) ? 'sdn' : undefined;
  if (trimmed.startsWith('<')) {
    const root = /<(?!\?|!)(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(trimmed.replace(/<!--[\s\S]*?-->/g, ''));
    switch (root?.[1]) {
      case 'sdnList':
        return { format: 'ofac-sdn-xml', list: listHint as DetectedFormat['list'] };
      case 'sanctionsData':
        return { format: 'ofac-enhanced-xml', list: listHint as DetectedFormat['list'] };
      case 'Sanctions':
        return { format: 'ofac-advanced-xml', list: listHint as DetectedFormat['list'] };
      case 'CONSOLIDATED_LIST':
        return { format: 'un-xml' };
      case 'export':
        return { format: 'eu-xml' };
      case 'Designations':
        return { format: 'uk-xml' };
      default:
        return undefined;
    }
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { format: 'csl-json' };
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  if (/(^|,)"?_id"?,"?source"?,/.test(firstLine)) return { format: 'csl-csv' };
  if (/^"?Name"?\t"?Street_Address"?\t/.test(firstLine)) return { format: 'bis-dpl-txt' };
  // OFAC CSV: no header; the first field is a number
  if (/^\d+,/.test(firstLine)) {
    let part: OfacCsvPart | undefined;
    if (/comment/.test(lower)) part = 'comments';
    else if (/(^|[^a-z])(add|cons_add|cons-add)|-add\b|_add\b/.test(lower)) part = 'add';
    else if (/(^|[^a-z])(alt|cons_alt)|-alt\b|_alt\b/.test(lower)) part = 'alt';
    else if (/prim|sdn\.csv|sdn\b/.test(lower)) part = 'prim';
    if (!part) {
      const cols = countCsvFields(firstLine);
      part = cols === 12 ? 'prim' : cols === 6 ? 'add' : cols === 5 ? 'alt' : cols === 2 ? 'comments' : undefined;
    }
    if (part) return { format: 'ofac-csv', ofacCsvPart: part, list: listHint as DetectedFormat['list'] };
  }
  return undefined;
}

function countCsvFields(line: string): number {
  let n = 1;
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) n++;
  }
  return n;
}

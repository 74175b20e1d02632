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
import { formatEntry, LIST_FORMAT_REGISTRY } from './formats';
import { ListFormat, LIST_FORMATS, ListParseError, ParsedList } from './list-entry';
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
  if (!isListFormat(format)) throw new ListParseError(`unknown list format ${String(format)}`);
  const entry = formatEntry(format);
  if (entry.input === 'set') {
    if (!input || !('files' in input) || !input.files || !Buffer.isBuffer(input.files.prim)) {
      throw new ListParseError(`format ${format} expects { files: { prim, add?, alt?, comments? } } (Buffers)`);
    }
    return entry.parse(input);
  }
  return entry.parse(single(format, input));
}

/** The formats read record by record from a stream (parseListStream / parseListFileAsync): the XML ones. */
export const STREAMING_FORMATS: readonly ListFormat[] = LIST_FORMAT_REGISTRY.filter((f) => f.input === 'file' && f.streamReader).map((f) => f.id);

export function isStreamingFormat(format: ListFormat): boolean {
  return STREAMING_FORMATS.includes(format);
}

function xmlReader(format: ListFormat, fileName: string | undefined, list?: 'sdn' | 'consolidated'): XmlListReader<ParsedList> | undefined {
  const entry = formatEntry(format);
  return entry.input === 'file' ? entry.streamReader?.(fileName, list) : undefined;
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
  if (!isListFormat(format)) throw new ListParseError(`unknown list format ${String(format)}`);
  if (formatEntry(format).input === 'set') throw new ListParseError(`format ${format} is a set of files: use parseListFile('${format}', { files })`);
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
  const xmlRoot = trimmed.startsWith('<') ? /<(?!\?|!)(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(trimmed.replace(/<!--[\s\S]*?-->/g, ''))?.[1] : undefined;
  const file = { name: lower, head, firstLine: head.split(/\r?\n/)[0] ?? '', xmlRoot, listHint } as const;
  for (const f of LIST_FORMAT_REGISTRY) {
    const found = f.detect(file);
    if (found) return { format: f.id, ...found };
  }
  return undefined;
}

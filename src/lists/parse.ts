/**
 * Single entry point of the list parsers.
 *
 *   parseListFile('csl-csv', { data: fs.readFileSync('consolidated.csv') })          // .csv or .csv.gz
 *   parseListFile('ofac-csv', { files: { prim: sdnCsv, add: addCsv, alt: altCsv, comments: commentsCsv } })
 *   parseListFile('ofac-csv', { files: { prim: consPrim, … }, list: 'consolidated' })
 *
 * Synchronous (the largest official files parse in about a second). Every failure is a ListParseError
 * naming the line or element; a file is never returned partially.
 */
import { ListFormat, LIST_FORMATS, ListParseError, ParsedList } from './list-entry';
import { parseBisDplTxt } from './parsers/bis-dpl-txt';
import { parseCslCsv } from './parsers/csl-csv';
import { parseCslJson } from './parsers/csl-json';
import { parseEuXml } from './parsers/eu-xml';
import { parseOfacAdvancedXml } from './parsers/ofac-advanced-xml';
import { parseOfacCsv } from './parsers/ofac-csv';
import { parseOfacEnhancedXml } from './parsers/ofac-enhanced-xml';
import { parseOfacSdnXml } from './parsers/ofac-sdn-xml';
import { parseUkXml } from './parsers/uk-xml';
import { parseUnXml } from './parsers/un-xml';
import { isGzip, maybeGunzip } from './parsers/util';

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
  const head = buf.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
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

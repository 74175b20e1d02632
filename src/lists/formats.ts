/* eslint-disable @typescript-eslint/no-require-imports -- each parser loads on first use: `chipguard --help` names the formats without loading them */
/**
 * The list-format registry: one entry per official file format, the only place a format is added.
 * An entry says how to recognise a file (`detect`), how to parse it (`parse`, and `streamReader` for the XML
 * formats read record by record), and where the official files of that format are downloaded (`sources`).
 * Everything else (LIST_FORMATS, the import endpoint's enum, parseListFile, detectFile, the official source
 * table, the CLI's --format) is derived from it; src/lists/formats.spec.ts fails for a shared list file that no
 * entry recognises or parses.
 */
import type { ListCode, ParsedList } from './list-entry';
import type { OfacCsvInput, SingleFileInput } from './parse';
import type { XmlListReader } from './parsers/xml';

type OfacList = 'sdn' | 'consolidated';

/** What detect() sees of a file: its name (lower case), its first 4 kB as text, the XML root element if any. */
export interface FileHead {
  name: string;
  head: string;
  firstLine: string;
  xmlRoot?: string;
  /** 'consolidated' / 'sdn' when the file name says so */
  listHint?: OfacList;
}

/** detect()'s answer: not this format (undefined), or this format with what the file tells. */
export interface Detection {
  /** for ofac-csv files: which file of the set this is */
  ofacCsvPart?: 'prim' | 'add' | 'alt' | 'comments';
  /** for OFAC files, when the name or content tells */
  list?: OfacList;
}

/** An official download location of files of this format (the `format` is the entry's). */
export interface FormatSource {
  /** stable id, used in LIST_URL_<id> overrides and logs */
  id: string;
  label: string;
  /** list codes the file yields */
  codes: ListCode[];
  /** single-file sources */
  url?: string;
  /** the OFAC CSV sets: one URL per file of the set (prim required) */
  files?: Partial<Record<'prim' | 'add' | 'alt' | 'comments', string>> & { prim: string };
  /** for OFAC formats: which list the file is */
  list?: OfacList;
  /** older URL that has been seen working, tried when the main one fails */
  fallbackUrl?: string;
  /** part of the default `lists update` set */
  default: boolean;
  notes?: string;
}

interface FormatEntryBase<Id extends string> {
  id: Id;
  label: string;
  detect(file: FileHead): Detection | undefined;
  sources: FormatSource[];
}

/** A format read from one file. */
export interface SingleFileFormat<Id extends string = string> extends FormatEntryBase<Id> {
  input: 'file';
  parse(input: SingleFileInput): ParsedList;
  /** XML formats: a reader that parses record by record from a stream (the file is never held whole) */
  streamReader?(fileName: string | undefined, list?: OfacList): XmlListReader<ParsedList>;
}

/** A format that is a set of files (the OFAC CSV set). */
export interface FileSetFormat<Id extends string = string> extends FormatEntryBase<Id> {
  input: 'set';
  parse(input: OfacCsvInput): ParsedList;
}

export type ListFormatEntry<Id extends string = string> = SingleFileFormat<Id> | FileSetFormat<Id>;

const OFAC = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/';
const CSL_CODES: ListCode[] = ['SDN', 'EL', 'DPL', 'UVL', 'MEU', 'ISN', 'DTC', 'CMIC', 'SSI', 'FSE', 'PLC', 'CAP', 'MBS'];
const OFAC_NONSDN_CODES: ListCode[] = ['SSI', 'FSE', 'PLC', 'CAP', 'MBS', 'CMIC', 'OFAC_NONSDN'];

const xmlRoot =
  (root: string, withList = false) =>
  (f: FileHead): Detection | undefined =>
    f.xmlRoot === root ? (withList ? { list: f.listHint } : {}) : undefined;

function countCsvFields(line: string): number {
  let n = 1;
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) n++;
  }
  return n;
}

const defineFormats = <const Id extends string>(entries: readonly ListFormatEntry<Id>[]) => entries;

export const LIST_FORMAT_REGISTRY = defineFormats([
  {
    id: 'ofac-sdn-xml',
    label: 'OFAC SDN / consolidated XML (sdn.xml, consolidated.xml)',
    input: 'file',
    detect: xmlRoot('sdnList', true),
    parse: (i) => (require('./parsers/ofac-sdn-xml') as typeof import('./parsers/ofac-sdn-xml')).parseOfacSdnXml(i.data, i.fileName, i.list),
    streamReader: (name, list) => (require('./parsers/ofac-sdn-xml') as typeof import('./parsers/ofac-sdn-xml')).ofacSdnXmlReader(name, list),
    sources: [
      {
        id: 'OFAC_SDN_XML',
        label: 'OFAC SDN (XML)',
        codes: ['SDN'],
        url: `${OFAC}SDN.XML`,
        fallbackUrl: 'https://www.treasury.gov/ofac/downloads/sdn.xml',
        list: 'sdn',
        default: false,
      },
      {
        id: 'OFAC_CONS_XML',
        label: 'OFAC Consolidated (non-SDN, XML)',
        codes: OFAC_NONSDN_CODES,
        url: `${OFAC}CONSOLIDATED.XML`,
        fallbackUrl: 'https://www.treasury.gov/ofac/downloads/consolidated/consolidated.xml',
        list: 'consolidated',
        default: false,
      },
    ],
  },
  {
    id: 'ofac-csv',
    label: 'OFAC CSV set (sdn.csv + add.csv + alt.csv + sdn_comments.csv, or the CONS_* set)',
    input: 'set',
    // no header; the first field is a number. Which file of the set: by name, then by column count
    detect: (f) => {
      if (!/^\d+,/.test(f.firstLine)) return undefined;
      const n = f.name;
      let part: Detection['ofacCsvPart'];
      if (/comment/.test(n)) part = 'comments';
      else if (/(^|[^a-z])(add|cons_add|cons-add)|-add\b|_add\b/.test(n)) part = 'add';
      else if (/(^|[^a-z])(alt|cons_alt)|-alt\b|_alt\b/.test(n)) part = 'alt';
      else if (/prim|sdn\.csv|sdn\b/.test(n)) part = 'prim';
      if (!part) {
        const cols = countCsvFields(f.firstLine);
        part = cols === 12 ? 'prim' : cols === 6 ? 'add' : cols === 5 ? 'alt' : cols === 2 ? 'comments' : undefined;
      }
      return part ? { ofacCsvPart: part, list: f.listHint } : undefined;
    },
    parse: (i) =>
      (require('./parsers/ofac-csv') as typeof import('./parsers/ofac-csv')).parseOfacCsv(
        i.files,
        i.list,
        i.fileName ?? (i.list === 'consolidated' ? 'OFAC CONS CSV' : 'OFAC CSV'),
      ),
    sources: [
      {
        id: 'OFAC_SDN_CSV',
        label: 'OFAC SDN',
        codes: ['SDN'],
        files: { prim: `${OFAC}SDN.CSV`, add: `${OFAC}ADD.CSV`, alt: `${OFAC}ALT.CSV`, comments: `${OFAC}SDN_COMMENTS.CSV` },
        list: 'sdn',
        default: false,
        notes: 'legacy: https://www.treasury.gov/ofac/downloads/sdn.csv, add.csv, alt.csv, sdn_comments.csv',
      },
      {
        id: 'OFAC_CONS_CSV',
        label: 'OFAC Consolidated (non-SDN)',
        codes: OFAC_NONSDN_CODES,
        files: { prim: `${OFAC}CONS_PRIM.CSV`, add: `${OFAC}CONS_ADD.CSV`, alt: `${OFAC}CONS_ALT.CSV`, comments: `${OFAC}CONS_COMMENTS.CSV` },
        list: 'consolidated',
        default: false,
      },
    ],
  },
  {
    id: 'csl-csv',
    label: 'trade.gov Consolidated Screening List CSV (2022 and 2025 layouts, gzip accepted)',
    input: 'file',
    detect: (f) => (/(^|,)"?_id"?,"?source"?,/.test(f.firstLine) ? {} : undefined),
    parse: (i) => (require('./parsers/csl-csv') as typeof import('./parsers/csl-csv')).parseCslCsv(i.data, i.fileName),
    sources: [
      {
        id: 'CSL',
        label: 'US Consolidated Screening List (trade.gov)',
        codes: CSL_CODES,
        url: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv',
        fallbackUrl: 'https://api.trade.gov/static/consolidated_screening_list/consolidated.csv',
        default: true,
        notes: 'all 13 US lists (Commerce, State, Treasury); lags OFAC by about a day',
      },
    ],
  },
  {
    id: 'csl-json',
    label: 'trade.gov Consolidated Screening List JSON',
    input: 'file',
    detect: (f) => (/^\s*[{[]/.test(f.head) ? {} : undefined),
    parse: (i) => (require('./parsers/csl-json') as typeof import('./parsers/csl-json')).parseCslJson(i.data, i.fileName),
    sources: [
      {
        id: 'CSL_JSON',
        label: 'US Consolidated Screening List (trade.gov, JSON)',
        codes: CSL_CODES,
        url: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json',
        fallbackUrl: 'https://api.trade.gov/static/consolidated_screening_list/consolidated.json',
        default: false,
      },
    ],
  },
  {
    id: 'un-xml',
    label: 'UN Security Council Consolidated List XML',
    input: 'file',
    detect: xmlRoot('CONSOLIDATED_LIST'),
    parse: (i) => (require('./parsers/un-xml') as typeof import('./parsers/un-xml')).parseUnXml(i.data, i.fileName),
    streamReader: (name) => (require('./parsers/un-xml') as typeof import('./parsers/un-xml')).unXmlReader(name),
    sources: [
      {
        id: 'UN',
        label: 'UN Security Council Consolidated List',
        codes: ['UN'],
        url: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
        default: true,
      },
    ],
  },
  {
    id: 'eu-xml',
    label: 'EU Financial Sanctions File XML',
    input: 'file',
    detect: xmlRoot('export'),
    parse: (i) => (require('./parsers/eu-xml') as typeof import('./parsers/eu-xml')).parseEuXml(i.data, i.fileName),
    streamReader: (name) => (require('./parsers/eu-xml') as typeof import('./parsers/eu-xml')).euXmlReader(name),
    sources: [
      {
        id: 'EU',
        label: 'EU Financial Sanctions File',
        codes: ['EU'],
        url: 'https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw',
        default: true,
        notes: 'public token printed on the data.europa.eu dataset page',
      },
    ],
  },
  {
    id: 'uk-xml',
    label: 'UK Sanctions List XML (FCDO)',
    input: 'file',
    detect: xmlRoot('Designations'),
    parse: (i) => (require('./parsers/uk-xml') as typeof import('./parsers/uk-xml')).parseUkXml(i.data, i.fileName),
    streamReader: (name) => (require('./parsers/uk-xml') as typeof import('./parsers/uk-xml')).ukXmlReader(name),
    sources: [
      {
        id: 'UK',
        label: 'UK Sanctions List (FCDO)',
        codes: ['UK'],
        url: 'https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml',
        default: true,
        notes: 'landing page https://www.gov.uk/government/publications/the-uk-sanctions-list',
      },
    ],
  },
  {
    id: 'ofac-advanced-xml',
    label: 'OFAC Advanced XML',
    input: 'file',
    detect: xmlRoot('Sanctions', true),
    parse: (i) => (require('./parsers/ofac-advanced-xml') as typeof import('./parsers/ofac-advanced-xml')).parseOfacAdvancedXml(i.data, i.fileName, i.list),
    streamReader: (name, list) => (require('./parsers/ofac-advanced-xml') as typeof import('./parsers/ofac-advanced-xml')).ofacAdvancedXmlReader(name, list),
    sources: [],
  },
  {
    id: 'ofac-enhanced-xml',
    label: 'OFAC Enhanced XML',
    input: 'file',
    detect: xmlRoot('sanctionsData', true),
    parse: (i) => (require('./parsers/ofac-enhanced-xml') as typeof import('./parsers/ofac-enhanced-xml')).parseOfacEnhancedXml(i.data, i.fileName, i.list),
    streamReader: (name, list) => (require('./parsers/ofac-enhanced-xml') as typeof import('./parsers/ofac-enhanced-xml')).ofacEnhancedXmlReader(name, list),
    sources: [
      { id: 'OFAC_SDN_ENHANCED', label: 'OFAC SDN (Enhanced XML)', codes: ['SDN'], url: `${OFAC}SDN_ENHANCED.XML`, list: 'sdn', default: false },
      {
        id: 'OFAC_CONS_ENHANCED',
        label: 'OFAC Consolidated (non-SDN, Enhanced XML)',
        codes: OFAC_NONSDN_CODES,
        url: `${OFAC}CONS_ENHANCED.XML`,
        list: 'consolidated',
        default: false,
      },
    ],
  },
  {
    id: 'bis-dpl-txt',
    label: 'BIS Denied Persons List (dpl.txt, tab-separated)',
    input: 'file',
    detect: (f) => (/^"?Name"?\t"?Street_Address"?\t/.test(f.firstLine) ? {} : undefined),
    parse: (i) => (require('./parsers/bis-dpl-txt') as typeof import('./parsers/bis-dpl-txt')).parseBisDplTxt(i.data, i.fileName),
    sources: [
      {
        id: 'BIS_DPL',
        label: 'BIS Denied Persons List (dpl.txt)',
        codes: ['DPL'],
        url: 'https://www.bis.doc.gov/dpl/dpl.txt',
        default: false,
        notes: 'legacy file; the DPL is also in the CSL',
      },
    ],
  },
]);

export type ListFormat = (typeof LIST_FORMAT_REGISTRY)[number]['id'];

/** Every format id, in registry order. */
export const LIST_FORMATS: readonly ListFormat[] = LIST_FORMAT_REGISTRY.map((f) => f.id);

export function formatEntry(id: ListFormat): ListFormatEntry<ListFormat> {
  return LIST_FORMAT_REGISTRY.find((f) => f.id === id)!;
}

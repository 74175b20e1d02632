/**
 * Official download locations of the restricted-party lists (from list-formats.md section 1 and the data README),
 * and a downloader returning the input parseListFile() expects.
 *
 * URLs are overridable by configuration (AppConfig.listSourceOverrides, i.e. env LIST_URL_<ID>=https://…):
 *  - single-file sources: LIST_URL_<ID> replaces the URL (e.g. LIST_URL_CSL=https://mirror/consolidated.csv);
 *  - the OFAC CSV sets: LIST_URL_<ID>_PRIM / _ADD / _ALT / _COMMENTS replace one file each, and
 *    LIST_URL_<ID> ending in "/" is a base URL to which the official file names are appended.
 */
import { ListCode, ListFormat } from './list-entry';
import { ListInput } from './parse';

export type OfacCsvPartName = 'prim' | 'add' | 'alt' | 'comments';

export interface OfficialSource {
  /** stable id, used in LIST_URL_<id> overrides and logs */
  id: string;
  /** human label for messages ("OFAC SDN") */
  label: string;
  /** list codes the file yields */
  codes: ListCode[];
  format: ListFormat;
  /** single-file sources */
  url?: string;
  /** the OFAC CSV sets: one URL per file of the set (prim required) */
  files?: Partial<Record<OfacCsvPartName, string>> & { prim: string };
  /** for OFAC formats: which list the file is */
  list?: 'sdn' | 'consolidated';
  /** older URL that has been seen working, tried when the main one fails */
  fallbackUrl?: string;
  /** part of the default `lists update` set */
  default: boolean;
  notes?: string;
}

const OFAC = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/';
const CSL_CODES: ListCode[] = ['SDN', 'EL', 'DPL', 'UVL', 'MEU', 'ISN', 'DTC', 'CMIC', 'SSI', 'FSE', 'PLC', 'CAP', 'MBS'];
const OFAC_NONSDN_CODES: ListCode[] = ['SSI', 'FSE', 'PLC', 'CAP', 'MBS', 'CMIC', 'OFAC_NONSDN'];

export const OFFICIAL_SOURCES: readonly OfficialSource[] = [
  {
    id: 'CSL',
    label: 'US Consolidated Screening List (trade.gov)',
    codes: CSL_CODES,
    format: 'csl-csv',
    url: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv',
    fallbackUrl: 'https://api.trade.gov/static/consolidated_screening_list/consolidated.csv',
    default: true,
    notes: 'all 13 US lists (Commerce, State, Treasury); lags OFAC by about a day',
  },
  {
    id: 'CSL_JSON',
    label: 'US Consolidated Screening List (trade.gov, JSON)',
    codes: CSL_CODES,
    format: 'csl-json',
    url: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json',
    fallbackUrl: 'https://api.trade.gov/static/consolidated_screening_list/consolidated.json',
    default: false,
  },
  {
    id: 'OFAC_SDN_CSV',
    label: 'OFAC SDN',
    codes: ['SDN'],
    format: 'ofac-csv',
    files: { prim: `${OFAC}SDN.CSV`, add: `${OFAC}ADD.CSV`, alt: `${OFAC}ALT.CSV`, comments: `${OFAC}SDN_COMMENTS.CSV` },
    list: 'sdn',
    default: false,
    notes: 'legacy: https://www.treasury.gov/ofac/downloads/sdn.csv, add.csv, alt.csv, sdn_comments.csv',
  },
  {
    id: 'OFAC_CONS_CSV',
    label: 'OFAC Consolidated (non-SDN)',
    codes: OFAC_NONSDN_CODES,
    format: 'ofac-csv',
    files: { prim: `${OFAC}CONS_PRIM.CSV`, add: `${OFAC}CONS_ADD.CSV`, alt: `${OFAC}CONS_ALT.CSV`, comments: `${OFAC}CONS_COMMENTS.CSV` },
    list: 'consolidated',
    default: false,
  },
  {
    id: 'OFAC_SDN_XML',
    label: 'OFAC SDN (XML)',
    codes: ['SDN'],
    format: 'ofac-sdn-xml',
    url: `${OFAC}SDN.XML`,
    fallbackUrl: 'https://www.treasury.gov/ofac/downloads/sdn.xml',
    list: 'sdn',
    default: false,
  },
  {
    id: 'OFAC_CONS_XML',
    label: 'OFAC Consolidated (non-SDN, XML)',
    codes: OFAC_NONSDN_CODES,
    format: 'ofac-sdn-xml',
    url: `${OFAC}CONSOLIDATED.XML`,
    fallbackUrl: 'https://www.treasury.gov/ofac/downloads/consolidated/consolidated.xml',
    list: 'consolidated',
    default: false,
  },
  {
    id: 'OFAC_SDN_ENHANCED',
    label: 'OFAC SDN (Enhanced XML)',
    codes: ['SDN'],
    format: 'ofac-enhanced-xml',
    url: `${OFAC}SDN_ENHANCED.XML`,
    list: 'sdn',
    default: false,
  },
  {
    id: 'OFAC_CONS_ENHANCED',
    label: 'OFAC Consolidated (non-SDN, Enhanced XML)',
    codes: OFAC_NONSDN_CODES,
    format: 'ofac-enhanced-xml',
    url: `${OFAC}CONS_ENHANCED.XML`,
    list: 'consolidated',
    default: false,
  },
  {
    id: 'UN',
    label: 'UN Security Council Consolidated List',
    codes: ['UN'],
    format: 'un-xml',
    url: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
    default: true,
  },
  {
    id: 'EU',
    label: 'EU Financial Sanctions File',
    codes: ['EU'],
    format: 'eu-xml',
    url: 'https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw',
    default: true,
    notes: 'public token printed on the data.europa.eu dataset page',
  },
  {
    id: 'UK',
    label: 'UK Sanctions List (FCDO)',
    codes: ['UK'],
    format: 'uk-xml',
    url: 'https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml',
    default: true,
    notes: 'landing page https://www.gov.uk/government/publications/the-uk-sanctions-list',
  },
  {
    id: 'BIS_DPL',
    label: 'BIS Denied Persons List (dpl.txt)',
    codes: ['DPL'],
    format: 'bis-dpl-txt',
    url: 'https://www.bis.doc.gov/dpl/dpl.txt',
    default: false,
    notes: 'legacy file; the DPL is also in the CSL',
  },
];

export function findOfficialSource(id: string): OfficialSource | undefined {
  return OFFICIAL_SOURCES.find((s) => s.id.toUpperCase() === id.toUpperCase());
}

/** The source table with LIST_URL_<ID> overrides applied (see the header comment). */
export function officialSources(overrides: Record<string, string> = {}): OfficialSource[] {
  const ov = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k.toUpperCase(), v]));
  return OFFICIAL_SOURCES.map((s) => {
    const id = s.id.toUpperCase();
    if (s.files) {
      const files = { ...s.files };
      const base = ov[id];
      if (base && base.endsWith('/')) {
        for (const k of Object.keys(files) as OfacCsvPartName[]) files[k] = base + files[k]!.split('/').pop();
      } else if (base) {
        files.prim = base;
      }
      for (const k of ['prim', 'add', 'alt', 'comments'] as OfacCsvPartName[]) {
        const u = ov[`${id}_${k.toUpperCase()}`];
        if (u) files[k] = u;
      }
      return { ...s, files };
    }
    return ov[id] ? { ...s, url: ov[id], fallbackUrl: undefined } : { ...s };
  });
}

export class ListDownloadError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'ListDownloadError';
  }
}

export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  statusText?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

function reasonOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return 'timed out';
  const cause = err?.cause?.code || err?.cause?.message;
  return [err?.message ?? String(e), cause].filter(Boolean).join(': ');
}

async function fetchOne(label: string, url: string, fetchImpl: FetchLike, timeoutMs: number): Promise<Buffer> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    let res;
    try {
      res = await fetchImpl(url, { signal: ctl.signal, headers: { 'user-agent': 'chipguard list updater' } });
    } catch (e) {
      throw new ListDownloadError(`could not download ${label} from ${url}: ${reasonOf(e)} — no internet?`, url);
    }
    if (!res.ok) {
      throw new ListDownloadError(`could not download ${label} from ${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, url);
    }
    let body: Buffer;
    try {
      body = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw new ListDownloadError(`could not download ${label} from ${url}: ${reasonOf(e)} (connection lost while reading)`, url);
    }
    if (!body.length) throw new ListDownloadError(`could not download ${label} from ${url}: empty response`, url);
    return body;
  } finally {
    clearTimeout(timer);
  }
}

async function fetchWithFallback(label: string, url: string, fallback: string | undefined, fetchImpl: FetchLike, timeoutMs: number): Promise<Buffer> {
  try {
    return await fetchOne(label, url, fetchImpl, timeoutMs);
  } catch (e) {
    if (!fallback) throw e;
    try {
      return await fetchOne(label, fallback, fetchImpl, timeoutMs);
    } catch {
      throw e; // report the main URL's failure
    }
  }
}

/**
 * Downloads one official source and returns the input for parseListFile(source.format, input).
 * Throws ListDownloadError ("could not download OFAC SDN from <url>: <reason> — no internet?").
 * `timeoutMs` applies to each file.
 */
export async function downloadOfficialList(
  source: OfficialSource,
  fetchImpl: FetchLike = fetch as unknown as FetchLike,
  timeoutMs = 120_000,
): Promise<ListInput> {
  if (source.format === 'ofac-csv') {
    if (!source.files?.prim) throw new ListDownloadError(`${source.label}: no URL for the primary file`, '');
    const get = (u: string | undefined): Promise<Buffer | undefined> => (u ? fetchOne(source.label, u, fetchImpl, timeoutMs) : Promise.resolve(undefined));
    const [prim, add, alt, comments] = await Promise.all([get(source.files.prim), get(source.files.add), get(source.files.alt), get(source.files.comments)]);
    return { files: { prim: prim!, add, alt, comments }, list: source.list, fileName: source.files.prim.split('/').pop() };
  }
  if (!source.url) throw new ListDownloadError(`${source.label}: no URL configured`, '');
  const data = await fetchWithFallback(source.label, source.url, source.fallbackUrl, fetchImpl, timeoutMs);
  return { data, fileName: source.url.split('?')[0].split('/').pop(), list: source.list };
}

/** One downloaded file, in the shape ListsService.importFiles() takes (role: file | prim | add | alt | comments). */
export interface DownloadedFile {
  role: string;
  name: string;
  data: Buffer;
}

export type DownloadResult =
  | { source: string; label: string; format: ListFormat; codes: ListCode[]; files: DownloadedFile[]; input: ListInput }
  | { source: string; label: string; error: string };

/**
 * Downloads the default official sources (or `sources`, by id) one after the other, yielding each result as it
 * arrives; a failed download yields { source, error } and the loop goes on.
 */
export async function* downloadAllOfficialLists(
  opts: {
    overrides?: Record<string, string>;
    sources?: string[];
    fetchImpl?: FetchLike;
    timeoutMs?: number;
  } = {},
): AsyncGenerator<DownloadResult> {
  const all = officialSources(opts.overrides);
  const wanted = opts.sources?.length
    ? opts.sources.map((id) => {
        const s = all.find((x) => x.id.toUpperCase() === id.toUpperCase());
        if (!s) throw new Error(`unknown list source ${id}; known: ${all.map((x) => x.id).join(', ')}`);
        return s;
      })
    : all.filter((s) => s.default);
  for (const s of wanted) {
    try {
      const input = await downloadOfficialList(s, opts.fetchImpl, opts.timeoutMs);
      const files: DownloadedFile[] = [];
      if ('files' in input) {
        for (const role of ['prim', 'add', 'alt', 'comments'] as const) {
          const data = input.files[role];
          if (data) files.push({ role, name: (s.files?.[role] ?? role).split('/').pop()!, data });
        }
      } else {
        files.push({ role: 'file', name: input.fileName ?? s.id, data: input.data });
      }
      yield { source: s.id, label: s.label, format: s.format, codes: s.codes, files, input };
    } catch (e) {
      yield { source: s.id, label: s.label, error: (e as Error).message };
    }
  }
}

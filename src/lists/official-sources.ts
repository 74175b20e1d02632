/**
 * Official download locations of the restricted-party lists (declared per format in the registry, ./formats),
 * and a downloader returning the input parseListFile() expects.
 *
 * URLs are overridable by configuration (AppConfig.listSourceOverrides, i.e. env LIST_URL_<ID>=https://…):
 *  - single-file sources: LIST_URL_<ID> replaces the URL (e.g. LIST_URL_CSL=https://mirror/consolidated.csv);
 *  - the OFAC CSV sets: LIST_URL_<ID>_PRIM / _ADD / _ALT / _COMMENTS replace one file each, and
 *    LIST_URL_<ID> ending in "/" is a base URL to which the official file names are appended.
 */
import { FormatSource, LIST_FORMAT_REGISTRY } from './formats';
import { ListCode, ListFormat } from './list-entry';
import { ListInput } from './parse';

export type OfacCsvPartName = 'prim' | 'add' | 'alt' | 'comments';

/** An official download location with its file format (the sources are declared per format in ./formats). */
export interface OfficialSource extends FormatSource {
  format: ListFormat;
}

export const OFFICIAL_SOURCES: readonly OfficialSource[] = LIST_FORMAT_REGISTRY.flatMap((f) => f.sources.map((s) => ({ ...s, format: f.id })));

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
 * Downloads the default official sources (or `sources`, by id) all at once, each under its own timeout
 * (`sourceTimeoutsMs[id]`, else `timeoutMs`, per file and per URL tried), and yields each result in table
 * order; a failed download yields { source, error } and the others go on. A silent mirror costs its own
 * source the timeout, not the sources after it.
 */
export async function* downloadAllOfficialLists(
  opts: {
    overrides?: Record<string, string>;
    sources?: string[];
    fetchImpl?: FetchLike;
    timeoutMs?: number;
    sourceTimeoutsMs?: Record<string, number>;
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
  const timeouts = Object.fromEntries(Object.entries(opts.sourceTimeoutsMs ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
  const pending = wanted.map((s) => downloadResult(s, opts.fetchImpl, timeouts[s.id.toUpperCase()] ?? opts.timeoutMs));
  for (const p of pending) yield await p;
}

async function downloadResult(s: OfficialSource, fetchImpl: FetchLike | undefined, timeoutMs: number | undefined): Promise<DownloadResult> {
  try {
    const input = await downloadOfficialList(s, fetchImpl, timeoutMs);
    const files: DownloadedFile[] = [];
    if ('files' in input) {
      for (const role of ['prim', 'add', 'alt', 'comments'] as const) {
        const data = input.files[role];
        if (data) files.push({ role, name: (s.files?.[role] ?? role).split('/').pop()!, data });
      }
    } else {
      files.push({ role: 'file', name: input.fileName ?? s.id, data: input.data });
    }
    return { source: s.id, label: s.label, format: s.format, codes: s.codes, files, input };
  } catch (e) {
    return { source: s.id, label: s.label, error: (e as Error).message };
  }
}

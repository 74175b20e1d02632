import {
  downloadAllOfficialLists,
  downloadOfficialList,
  FetchLike,
  findOfficialSource,
  ListDownloadError,
  OFFICIAL_SOURCES,
  officialSources,
} from './official-sources';
import { LIST_CODES, LIST_FORMATS } from './list-entry';

const offline: FetchLike = async () => {
  throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
};

describe('official list sources', () => {
  it('table: known formats and codes, https URLs, the OFAC CSV sets with four files', () => {
    for (const s of OFFICIAL_SOURCES) {
      expect(LIST_FORMATS).toContain(s.format);
      for (const c of s.codes) expect(LIST_CODES).toContain(c);
      const urls = s.files ? Object.values(s.files) : [s.url];
      for (const u of urls) expect(u).toMatch(/^https:\/\//);
    }
    expect(findOfficialSource('ofac_sdn_csv')!.files).toEqual({
      prim: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV',
      add: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV',
      alt: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV',
      comments: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV',
    });
    expect(OFFICIAL_SOURCES.filter((s) => s.default).map((s) => s.id)).toEqual(['CSL', 'UN', 'EU', 'UK']);
  });

  it('overrides replace URLs (single file, base URL for a set, one file of a set)', () => {
    const s = officialSources({
      CSL: 'https://mirror.example/csl.csv',
      OFAC_SDN_CSV: 'https://mirror.example/ofac/',
      OFAC_CONS_CSV_ALT: 'https://mirror.example/cons_alt.csv',
    });
    expect(s.find((x) => x.id === 'CSL')!.url).toBe('https://mirror.example/csl.csv');
    expect(s.find((x) => x.id === 'CSL')!.fallbackUrl).toBeUndefined();
    expect(s.find((x) => x.id === 'OFAC_SDN_CSV')!.files!.add).toBe('https://mirror.example/ofac/ADD.CSV');
    expect(s.find((x) => x.id === 'OFAC_CONS_CSV')!.files!.alt).toBe('https://mirror.example/cons_alt.csv');
    expect(s.find((x) => x.id === 'OFAC_CONS_CSV')!.files!.prim).toMatch(/CONS_PRIM\.CSV$/);
    // the table itself is untouched
    expect(findOfficialSource('CSL')!.url).toMatch(/data\.trade\.gov/);
  });

  it('no network: a clear error naming the list and the URL', async () => {
    const sdn = findOfficialSource('OFAC_SDN_CSV')!;
    await expect(downloadOfficialList(sdn, offline, 1000)).rejects.toThrow(
      /^could not download OFAC SDN from https:\/\/sanctionslistservice\.ofac\.treas\.gov\/\S+: fetch failed: ENOTFOUND — no internet\?$/,
    );
    await expect(downloadOfficialList(findOfficialSource('UN')!, offline, 1000)).rejects.toBeInstanceOf(ListDownloadError);
  });

  it('HTTP errors and empty bodies are errors; the fallback URL is tried', async () => {
    const calls: string[] = [];
    const notFound: FetchLike = async (url) => {
      calls.push(url);
      return { ok: false, status: 404, statusText: 'Not Found', arrayBuffer: async () => new ArrayBuffer(0) };
    };
    await expect(downloadOfficialList(findOfficialSource('CSL')!, notFound, 1000)).rejects.toThrow(/data\.trade\.gov\S+: HTTP 404 Not Found/);
    expect(calls).toEqual([
      'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv',
      'https://api.trade.gov/static/consolidated_screening_list/consolidated.csv',
    ]);
    const empty: FetchLike = async () => ({ ok: true, status: 200, arrayBuffer: async () => new ArrayBuffer(0) });
    await expect(downloadOfficialList(findOfficialSource('UK')!, empty, 1000)).rejects.toThrow(/empty response/);
  });

  it('a hanging server times out', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    await expect(downloadOfficialList(findOfficialSource('EU')!, hang, 50)).rejects.toThrow(/timed out — no internet\?/);
  });

  it('returns parse inputs: one buffer, or the OFAC CSV set', async () => {
    const ok: FetchLike = async (url) => ({ ok: true, status: 200, arrayBuffer: async () => new TextEncoder().encode(`data of ${url}`).buffer as ArrayBuffer });
    const one = await downloadOfficialList(findOfficialSource('UN')!, ok, 1000);
    expect('data' in one && one.data.toString()).toBe('data of https://scsanctions.un.org/resources/xml/en/consolidated.xml');
    const set = await downloadOfficialList(findOfficialSource('OFAC_CONS_CSV')!, ok, 1000);
    expect('files' in set && set.files.alt!.toString()).toMatch(/CONS_ALT\.CSV$/);
    expect('files' in set && set.list).toBe('consolidated');
  });

  it('downloadAllOfficialLists yields one error per source when offline', async () => {
    const out = [];
    for await (const r of downloadAllOfficialLists({ fetchImpl: offline, timeoutMs: 1000 })) out.push(r);
    expect(out.map((r) => r.source)).toEqual(['CSL', 'UN', 'EU', 'UK']);
    for (const r of out) expect('error' in r && r.error).toMatch(/no internet\?/);
  });
});

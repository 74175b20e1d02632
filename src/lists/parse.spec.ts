import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync, gzipSync } from 'zlib';
import { ListEntry, ListFormat, ParsedList } from './list-entry';
import { detectFile, detectFormat, ListInput, parseListFile } from './parse';
import { expectParseError } from './parse-assertions.testing';
import { readSharedList, sampleListsDir, sharedListsDir } from './list-files.testing';

// the real shared list files are required: CI places ../shared beside the project
const d = describe;

function count<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

const cache = new Map<string, ParsedList>();
function parsed(format: ListFormat, file: string): ParsedList {
  const k = `${format}:${file}`;
  if (!cache.has(k)) cache.set(k, parseListFile(format, { data: readSharedList(file), fileName: file }));
  return cache.get(k)!;
}
function ofacCsv(set: 'sdn' | 'cons'): ParsedList {
  const k = `ofac-csv:${set}`;
  if (!cache.has(k)) {
    const f =
      set === 'sdn'
        ? { prim: 'ofac-sdn.csv', add: 'ofac-sdn-add.csv', alt: 'ofac-sdn-alt.csv', comments: 'ofac-sdn-comments.csv' }
        : { prim: 'ofac-cons-prim.csv', add: 'ofac-cons-add.csv', alt: 'ofac-cons-alt.csv', comments: 'ofac-cons-comments.csv' };
    cache.set(
      k,
      parseListFile('ofac-csv', {
        files: { prim: readSharedList(f.prim), add: readSharedList(f.add), alt: readSharedList(f.alt), comments: readSharedList(f.comments) },
      }),
    );
  }
  return cache.get(k)!;
}

function expectWellFormed(entries: ListEntry[]): void {
  const ids = new Set<string>();
  for (const e of entries) {
    expect(e.name).toBeTruthy();
    expect(e.entryId).toBeTruthy();
    const k = `${e.source}/${e.entryId}`;
    if (ids.has(k)) throw new Error(`duplicate ${k}`);
    ids.add(k);
    for (const c of e.countries) expect(c).toMatch(/^[A-Z]{2}$/);
    if (e.startDate) expect(e.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
}

d('list parsers on the real files of the shared folder', () => {
  it('OFAC SDN CSV set: 14,965 records with the README split, joined with add/alt/comments', () => {
    const r = ofacCsv('sdn');
    expect(r.entries).toHaveLength(14965);
    expect(count(r.entries, (e) => e.type)).toEqual({ individual: 6854, entity: 6884, vessel: 851, aircraft: 376 });
    expect(new Set(r.entries.map((e) => e.source))).toEqual(new Set(['SDN']));
    expect(r.publishDate).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/address file: \d+ ent_num\(s\) with no primary record/);
    const bnc = r.entries.find((e) => e.entryId === '306')!;
    expect(bnc.name).toBe('BANCO NACIONAL DE CUBA');
    expect(bnc.aliases).toEqual(
      expect.arrayContaining([
        { name: 'BNC', kind: 'weak' },
        { name: 'NATIONAL BANK OF CUBA', kind: 'aka' },
      ]),
    );
    expect(bnc.addresses).toContainEqual(expect.objectContaining({ text: 'Zweierstrasse 35, Zurich CH-8022', country: 'CH' }));
    expect(bnc.programs).toEqual(['CUBA']);
    const vessel = r.entries.find((e) => e.entryId === '4238')!;
    expect(vessel.type).toBe('vessel');
    expect(vessel.vessel).toMatchObject({ callSign: 'CL2192', vesselType: 'Tug', flag: 'Cuba' });
    // remarks continued from sdn_comments.csv are longer than 1,000 characters
    expect(r.entries.some((e) => (e.remarks?.length ?? 0) > 1000)).toBe(true);
    expect(r.entries.some((e) => e.identifiers.some((i) => i.type === 'Passport' && i.country))).toBe(true);
    expect(r.entries.every((e) => !e.name.includes('\x1a'))).toBe(true);
    expectWellFormed(r.entries);
  });

  it('OFAC consolidated CSV set: 442 records (363 entity, 79 individual) mapped to non-SDN codes', () => {
    const r = ofacCsv('cons');
    expect(r.entries).toHaveLength(442);
    expect(count(r.entries, (e) => e.type)).toEqual({ entity: 363, individual: 79 });
    const codes = count(r.entries, (e) => e.source);
    expect(codes.SDN).toBeUndefined();
    expect(codes.PLC).toBe(78);
    expect(codes.CMIC).toBe(68);
    expect(codes.SSI).toBeGreaterThan(250);
    expect(codes.MBS).toBeGreaterThan(0);
    expectWellFormed(r.entries);
  });

  it('OFAC legacy XML (consolidated.xml): 443 entries, Publish_Date, non-SDN codes', () => {
    const r = parsed('ofac-sdn-xml', 'ofac-consolidated.xml');
    expect(r.entries).toHaveLength(443);
    expect(r.publishDate).toBe('2024-05-06');
    expect(count(r.entries, (e) => e.type)).toEqual({ entity: 364, individual: 79 });
    const codes = count(r.entries, (e) => e.source);
    expect(codes).toMatchObject({ PLC: 78, CMIC: 68, FSE: 1, CAP: 1 });
    expect(codes.SSI).toBeGreaterThan(280);
    const bom = r.entries.find((e) => e.entryId === '19997')!;
    expect(bom).toMatchObject({ source: 'SSI', name: 'BOM PROJECT FINANCING LTD', programs: ['UKRAINE-EO13662'] });
    expect(bom.aliases).toEqual([{ name: 'BOM PROJECT FINANCING LIMITED', kind: 'aka' }]);
    expect(bom.addresses[0]).toMatchObject({ country: 'CY', city: 'Limassol' });
    const iskeik = r.entries.find((e) => e.entryId === '9664')!;
    expect(iskeik).toMatchObject({ name: 'ISKEIK, Jamal Ismail', type: 'individual', source: 'PLC', datesOfBirth: ['1964'], countries: ['PS'] });
    expect(r.entries.filter((e) => e.aliases.some((a) => a.kind === 'weak')).length).toBeGreaterThan(0);
    // the same file read as sdn.xml maps everything to SDN
    const asSdn = parseListFile('ofac-sdn-xml', { data: readSharedList('ofac-consolidated.xml'), fileName: 'x.xml', list: 'sdn' });
    expect(new Set(asSdn.entries.map((e) => e.source))).toEqual(new Set(['SDN']));
    expectWellFormed(r.entries);
  });

  it('OFAC Enhanced XML: 443 entities, dataAsOf, explicit list membership', () => {
    const r = parsed('ofac-enhanced-xml', 'ofac-consolidated-enhanced.xml');
    expect(r.entries).toHaveLength(443);
    expect(r.publishDate).toBe('2025-01-10');
    const c = r.entries.find((e) => e.entryId === '20313')!;
    expect(c).toMatchObject({ source: 'SSI', name: 'CENTREX EUROPE ENERGY AND GAS AG', type: 'entity' });
    expect(c.aliases).toEqual([{ name: 'CENTREX EUROPE ENERGY & GAS AG', kind: 'aka' }]);
    expect(c.identifiers).toContainEqual({ type: 'Registration ID', value: 'FN 230884k' });
    expect(count(r.entries, (e) => e.source)).toMatchObject({ PLC: 78, CMIC: 68, FSE: 1, CAP: 1 });
    expectWellFormed(r.entries);
  });

  it('OFAC Advanced XML: 375 distinct parties, DateOfIssue', () => {
    const r = parsed('ofac-advanced-xml', 'ofac-consolidated-advanced.xml');
    expect(r.entries).toHaveLength(375);
    expect(r.publishDate).toBe('2020-03-17');
    const p = r.entries.find((e) => e.entryId === '9713')!;
    expect(p).toMatchObject({ source: 'PLC', type: 'individual' });
    expect(p.name).toMatch(/SA'DAT/);
    expectWellFormed(r.entries);
  });

  it("CSL 2022 (gzip): 14,160 rows with the README's per-source counts", () => {
    const r = parsed('csl-csv', 'us-csl-2022-05.csv.gz');
    expect(r.entries).toHaveLength(14160);
    expect(count(r.entries, (e) => e.source)).toEqual({
      SDN: 10026,
      EL: 2001,
      DTC: 727,
      DPL: 462,
      SSI: 290,
      UVL: 201,
      ISN: 163,
      PLC: 78,
      MEU: 71,
      CMIC: 68,
      CAP: 53,
      MBS: 17,
      FSE: 3,
    });
    expect(r.publishDate).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/no publish date/);
    const huawei = r.entries.find((e) => e.source === 'EL' && e.name === 'Huawei Technologies Co., Ltd. (Huawei)')!;
    expect(huawei.licensePolicy).toBe('Presumption of denial');
    expect(huawei.licenseRequirement).toMatch(/^For all items subject to the EAR/);
    expect(huawei.startDate).toBe('2019-05-21');
    expect(huawei.federalRegisterNotice).toMatch(/84 FR 22963/);
    expect(huawei.aliases.map((a) => a.name)).toEqual(['Shenzhen Huawei Technologies', 'Huawei Technology']);
    expect(huawei.addresses).toEqual([{ text: 'Bantian Huawei Base, Longgang District, Shenzhen, 518129', country: 'CN' }]);
    // 2022 layout of ids: "country, number, type"
    const vessel = r.entries.find((e) => e.entryId === '23156')!;
    expect(vessel.type).toBe('vessel');
    expect(vessel.identifiers[0]).toEqual({ type: 'Vessel Registration Identification', value: 'IMO 8898831' });
    expect(r.entries.some((e) => e.identifiers.some((i) => i.type === 'National ID No.' && i.country === 'IR'))).toBe(true);
    expectWellFormed(r.entries);
  });

  it('CSL 2025 layout sample: 13 rows, ids in "type, number, country" order', () => {
    const r = parsed('csl-csv', 'us-csl-2025-format-sample.csv');
    expect(r.entries).toHaveLength(13);
    const rim = r.entries.find((e) => e.name === 'RIM, Ryong Nam')!;
    expect(rim.source).toBe('SDN');
    expect(rim.identifiers[0]).toEqual({ type: 'Passport', value: '836238033', country: 'KP' });
    const cetc = r.entries.find((e) => /CETC 13/.test(e.name))!;
    expect(cetc.licensePolicy).toMatch(/^Policy of denial/);
    expect(cetc.aliases.map((a) => a.name)).toContain('CETC Research Institute 13');
    // "; and " inside one address: one address with country CN
    expect(cetc.addresses).toHaveLength(1);
    expect(cetc.addresses[0].country).toBe('CN');
    expect(new Set(r.entries.map((e) => e.source))).toEqual(new Set(['ISN', 'UVL', 'MEU', 'PLC', 'SDN', 'DTC', 'DPL', 'SSI', 'FSE', 'EL']));
  });

  it('Entity List 2026 (CSL layout): 3,409 entries, 19 address-only keyed on the address', () => {
    const r = parsed('csl-csv', 'us-csl-entity-list-2026-07.csv');
    expect(r.entries).toHaveLength(3409);
    expect(new Set(r.entries.map((e) => e.source))).toEqual(new Set(['EL']));
    const addr = r.entries.filter((e) => e.type === 'address');
    expect(addr).toHaveLength(19);
    expect(count(addr, (e) => e.addresses[0].country!)).toEqual({ HK: 18, TR: 1 });
    for (const a of addr) {
      expect(a.name).not.toMatch(/^Address \d+$/);
      expect(a.name).toBe(a.addresses[0].text);
      expect(a.entryId).toMatch(/^addr-(hk|tr)-[0-9a-f]{16}$/);
      expect(a.licenseRequirement).toMatch(/supplement no\. 7 to part 746/);
    }
    expect(addr[0].name).toBe('Unit D, 16/F One Capital Place, 18 Luard Rd, Wan Chai, Hong Kong');
    // keys do not depend on the label or on the row id
    expect(new Set(addr.map((a) => a.entryId)).size).toBe(19);

    const inspurHk = r.entries.find((e) => e.name === 'Inspur (HK) Electronics Co., Ltd.')!;
    expect(inspurHk.aliases.length).toBeGreaterThanOrEqual(2);
    expect(inspurHk.addresses.some((a) => a.country === 'HK')).toBe(true);
    expect(inspurHk.countries).toContain('HK');
    const inspur = r.entries.filter((e) => /^Inspur/.test(e.name));
    expect(inspur.length).toBeGreaterThanOrEqual(5);
    const biren = r.entries.filter((e) => /Biren/.test(e.name));
    expect(biren.length).toBeGreaterThanOrEqual(5);
    expect(biren.find((e) => e.name === 'Shanghai Biren Intelligent Technology Co., Ltd.')!.aliases.length).toBeGreaterThan(0);
    expect(biren.every((e) => e.startDate && e.licenseRequirement)).toBe(true);
    expect(r.entries.filter((e) => !e.startDate)).toHaveLength(2);
    expectWellFormed(r.entries);
  });

  it('MEU 2026 (CSL layout): 70 entries', () => {
    const r = parsed('csl-csv', 'us-csl-meu-2026-07.csv');
    expect(r.entries).toHaveLength(70);
    expect(count(r.entries, (e) => e.countries[0])).toEqual({ CN: 67, HK: 3 });
  });

  it('CSL JSON: a fixture converted from real CSV rows parses to the same entries', () => {
    const csv = parsed('csl-csv', 'us-csl-2025-format-sample.csv');
    const el = parsed('csl-csv', 'us-csl-entity-list-2026-07.csv');
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    const rows = [
      ...(parse(readSharedList('us-csl-2025-format-sample.csv'), { columns: true }) as Record<string, string>[]),
      ...(parse(readSharedList('us-csl-entity-list-2026-07.csv'), { columns: true }) as Record<string, string>[]).filter((r) =>
        /^(Address 0[1-3]|Inspur Group Co\., Ltd\.)$/.test(r.name),
      ),
    ];
    const split = (s: string): string[] => (s ? s.split('; ').map((x) => x.replace(/^and /, '')) : []);
    const results = rows.map((r) => {
      const { _id, ...rest } = r;
      return {
        ...rest,
        id: _id,
        programs: split(r.programs),
        alt_names: split(r.alt_names),
        citizenships: split(r.citizenships),
        nationalities: split(r.nationalities),
        dates_of_birth: split(r.dates_of_birth),
        places_of_birth: split(r.places_of_birth),
        addresses: r.addresses
          ? r.addresses.split(/(?<=(?:^|, )[A-Z]{2}); /).map((a) => {
              const m = /^(.*?),?\s*([A-Z]{2})$/.exec(a);
              return m ? { address: m[1], city: '', state: '', postal_code: '', country: m[2] } : { address: a };
            })
          : [],
        ids: r.ids
          ? r.ids.split('; ').map((i) => {
              const [type, number, country] = i.split(/, (?=[^,]*$)|, /);
              return { type, number, country: /^[A-Z]{2}$/.test(country ?? '') ? country : undefined };
            })
          : [],
      };
    });
    const json = Buffer.from(JSON.stringify({ total: results.length, results }));
    const r = parseListFile('csl-json', { data: json, fileName: 'consolidated.json' });
    expect(r.format).toBe('csl-json');
    expect(r.entries).toHaveLength(rows.length);
    expect(detectFormat('consolidated.json', json)).toBe('csl-json');
    for (const e of r.entries) {
      const same = [...csv.entries, ...el.entries].find((c) => c.entryId === e.entryId && c.source === e.source)!;
      expect(same).toBeDefined();
      expect(e.name).toBe(same.name);
      expect(e.type).toBe(same.type);
      expect(e.aliases.map((a) => a.name).sort()).toEqual(same.aliases.map((a) => a.name).sort());
      expect(e.countries.sort()).toEqual(same.countries.sort());
      expect(e.licenseRequirement).toBe(same.licenseRequirement);
      expect(e.startDate).toBe(same.startDate);
    }
    expect(r.entries.filter((e) => e.type === 'address')).toHaveLength(4); // Address 01-03 (HK) + Address 01 (TR)
    // gzip accepted; a bare array too
    expect(parseListFile('csl-json', { data: gzipSync(json) }).entries).toHaveLength(rows.length);
    expect(parseListFile('csl-json', { data: Buffer.from(JSON.stringify(results)) }).entries).toHaveLength(rows.length);
  });

  it('BIS dpl.txt: 665 rows', () => {
    const r = parsed('bis-dpl-txt', 'us-bis-dpl.txt');
    expect(r.entries).toHaveLength(665);
    expect(r.entries[0]).toMatchObject({ name: 'I. ASH', countries: ['US'] });
    expect(r.entries[1]).toMatchObject({ source: 'DPL', name: 'AARON ABRAHAM VILLA', startDate: '2022-08-24', endDate: '2026-01-14', countries: ['US'] });
  });

  it('UN XML: 1,003 (730 individuals, 273 entities), dateGenerated, regimes', () => {
    const r = parsed('un-xml', 'un-consolidated.xml');
    expect(r.entries).toHaveLength(1003);
    expect(count(r.entries, (e) => e.type)).toEqual({ individual: 730, entity: 273 });
    expect(r.publishDate).toBe('2026-02-27');
    const prog = count(r.entries, (e) => e.programs[0]);
    expect(prog).toMatchObject({ 'Al-Qaida': 341, DPRK: 155, Taliban: 140, Iran: 121, SouthSudan: 8 });
    const e = r.entries.find((x) => x.entryId === 'IRi.025')!;
    expect(e).toMatchObject({ name: 'EHSAN MONAJEMI', startDate: '2006-12-23', type: 'individual' });
    expect(e.aliases).toEqual([{ name: 'Ihsan Monajemi', kind: 'aka' }]);
    expect(r.entries.some((x) => x.aliases.some((a) => a.kind === 'original-script'))).toBe(true);
    expect(r.entries.some((x) => x.aliases.some((a) => a.kind === 'weak'))).toBe(true);
    expectWellFormed(r.entries);
  });

  it('EU FSF XML excerpt: 4 entries, generationDate', () => {
    const r = parsed('eu-xml', 'eu-fsf-excerpt.xml');
    expect(r.entries.map((e) => e.entryId)).toEqual(['13', '191', '980', '330']);
    expect(count(r.entries, (e) => e.type)).toEqual({ individual: 2, entity: 2 });
    expect(r.publishDate).toBe('2026-08-05');
    const grf = r.entries.find((e) => e.entryId === '980')!;
    expect(grf).toMatchObject({ name: 'Global Relief Foundation (GRF)', programs: ['TAQA'], countries: ['US'] });
    expect(grf.addresses).toHaveLength(2);
    const saddam = r.entries[0];
    expect(saddam.name).toBe('Saddam Hussein Al-Tikriti');
    expect(saddam.countries).toContain('IQ');
    expect(r.entries.flatMap((e) => e.identifiers)).toContainEqual({ type: 'passport', value: '488555' });
    expectWellFormed(r.entries);
  });

  it('UK Sanctions List XML excerpt: 4 designations, DateGenerated', () => {
    const r = parsed('uk-xml', 'uk-sanctions-list-excerpt.xml');
    expect(r.entries.map((e) => e.entryId)).toEqual(['AFG0011', 'AQD0128', 'AQD0377', 'DPR0075']);
    expect(count(r.entries, (e) => e.type)).toEqual({ individual: 2, entity: 1, vessel: 1 });
    expect(r.publishDate).toBe('2026-08-14');
    const a = r.entries[0];
    expect(a).toMatchObject({ name: 'ABDUL LATIF MANSUR', startDate: '2001-01-31', countries: ['AF'] });
    expect(a.identifiers).toContainEqual({ type: 'Passport', value: 'D0009720' });
    expect(a.aliases).toContainEqual({ name: 'عبد اللطيف منصور', kind: 'original-script' });
    expect(r.entries[1].aliases).toContainEqual({ name: 'Abu Akram', kind: 'weak' });
    const ship = r.entries[3];
    expect(ship.identifiers).toContainEqual({ type: 'IMO', value: '9562233' });
    expect(ship.countries).toContain('KM');
  });

  it('every file of the shared folder is recognised by detectFormat', () => {
    const expected: Record<string, ListFormat> = {
      'eu-fsf-excerpt.xml': 'eu-xml',
      'ofac-cons-add.csv': 'ofac-csv',
      'ofac-cons-alt.csv': 'ofac-csv',
      'ofac-cons-comments.csv': 'ofac-csv',
      'ofac-cons-prim.csv': 'ofac-csv',
      'ofac-consolidated-advanced.xml': 'ofac-advanced-xml',
      'ofac-consolidated-enhanced.xml': 'ofac-enhanced-xml',
      'ofac-consolidated.xml': 'ofac-sdn-xml',
      'ofac-sdn-add.csv': 'ofac-csv',
      'ofac-sdn-alt.csv': 'ofac-csv',
      'ofac-sdn-comments.csv': 'ofac-csv',
      'ofac-sdn.csv': 'ofac-csv',
      'uk-sanctions-list-excerpt.xml': 'uk-xml',
      'un-consolidated.xml': 'un-xml',
      'us-bis-dpl.txt': 'bis-dpl-txt',
      'us-csl-2022-05.csv.gz': 'csl-csv',
      'us-csl-2025-format-sample.csv': 'csl-csv',
      'us-csl-entity-list-2026-07.csv': 'csl-csv',
      'us-csl-meu-2026-07.csv': 'csl-csv',
    };
    for (const f of readdirSync(sharedListsDir()).filter((n) => n !== 'README.md')) {
      expect([f, detectFormat(f, readSharedList(f))]).toEqual([f, expected[f]]);
    }
    expect(detectFile('ofac-sdn-add.csv', readSharedList('ofac-sdn-add.csv'))).toEqual({ format: 'ofac-csv', ofacCsvPart: 'add', list: 'sdn' });
    expect(detectFile('x.csv', readSharedList('ofac-cons-alt.csv'))?.ofacCsvPart).toBe('alt');
    expect(detectFormat('notes.txt', Buffer.from('hello'))).toBeUndefined();
  });

  // timing lives in npm run bench:parse / bench:lists, not in a unit test
  it('parses the whole shared set, every file yielding entries', () => {
    cache.clear();
    for (const [format, file] of [
      ['ofac-sdn-xml', 'ofac-consolidated.xml'],
      ['ofac-enhanced-xml', 'ofac-consolidated-enhanced.xml'],
      ['ofac-advanced-xml', 'ofac-consolidated-advanced.xml'],
      ['csl-csv', 'us-csl-2022-05.csv.gz'],
      ['csl-csv', 'us-csl-2025-format-sample.csv'],
      ['csl-csv', 'us-csl-entity-list-2026-07.csv'],
      ['csl-csv', 'us-csl-meu-2026-07.csv'],
      ['bis-dpl-txt', 'us-bis-dpl.txt'],
      ['un-xml', 'un-consolidated.xml'],
      ['eu-xml', 'eu-fsf-excerpt.xml'],
      ['uk-xml', 'uk-sanctions-list-excerpt.xml'],
    ] as [ListFormat, string][]) {
      expect(parsed(format, file).entries.length).toBeGreaterThan(0);
    }
    expect(ofacCsv('sdn').entries.length).toBeGreaterThan(0);
    expect(ofacCsv('cons').entries.length).toBeGreaterThan(0);
  });
});

d('strict validation: corrupted copies are rejected with ListParseError naming the place', () => {
  const cut = (b: Buffer, frac: number): Buffer => {
    let n = Math.floor(b.length * frac);
    while (n < b.length && b[n] !== 0x0a) n++;
    return b.subarray(0, n - 17); // mid-line
  };

  it('CSL CSV: truncated, missing columns, wrong column count, zero records, not gzip', () => {
    const el = readSharedList('us-csl-entity-list-2026-07.csv');
    expectParseError(() => parseListFile('csl-csv', { data: cut(el, 0.5) }), /at line \d+/);
    const csl22 = gunzipSync(readSharedList('us-csl-2022-05.csv.gz'));
    expectParseError(() => parseListFile('csl-csv', { data: cut(csl22, 0.7) }), /(expected 29 columns, got \d+|Quote Not Closed).*at line \d+/);
    // truncated gzip
    const gz = readSharedList('us-csl-2022-05.csv.gz');
    expectParseError(() => parseListFile('csl-csv', { data: gz.subarray(0, gz.length >> 1) }), /gzip/);
    // missing column: drop "license_policy" from the header
    const text = el.toString('utf8');
    const noCol = text.replace('"license_requirement","license_policy",', '"license_requirement",');
    expectParseError(() => parseListFile('csl-csv', { data: Buffer.from(noCol) }), /missing columns license_policy.*at line 1/);
    // a row with fewer cells
    const lines = text.split('\r\n');
    lines[1234] = lines[1234].split('","').slice(0, 7).join('","') + '"';
    expectParseError(() => parseListFile('csl-csv', { data: Buffer.from(lines.join('\r\n')) }), /expected 29 columns, got 7 \(at line 1235\)/);
    // header only
    expectParseError(() => parseListFile('csl-csv', { data: Buffer.from(text.split('\r\n')[0] + '\r\n') }), /no records/);
    expectParseError(() => parseListFile('csl-csv', { data: Buffer.alloc(0) }), /empty/);
    // another format's file
    expectParseError(() => parseListFile('csl-csv', { data: readSharedList('us-bis-dpl.txt') }), /missing columns.*at line 1/);
  });

  it('OFAC CSV: truncated, wrong column count, not numeric ent_num, empty', () => {
    const prim = readSharedList('ofac-sdn.csv');
    expectParseError(() => parseListFile('ofac-csv', { files: { prim: cut(prim, 0.5) } }), /expected 12 columns, got \d+ \(at line \d+\)|Quote Not Closed/);
    expectParseError(
      () => parseListFile('ofac-csv', { files: { prim: readSharedList('ofac-sdn-add.csv') } }),
      /primary file: expected 12 columns, got 6 \(at line 1\)/,
    );
    expectParseError(
      () => parseListFile('ofac-csv', { files: { prim: readSharedList('ofac-cons-prim.csv'), alt: readSharedList('ofac-cons-add.csv') } }),
      /alias file: expected 5 columns, got 6 \(at line 1\)/,
    );
    expectParseError(() => parseListFile('ofac-csv', { files: { prim: Buffer.from('\x1a') } }), /empty/);
    expectParseError(() => parseListFile('ofac-csv', { files: { prim: readSharedList('us-csl-meu-2026-07.csv') } }), /expected 12 columns/);
    expectParseError(() => parseListFile('ofac-csv', { data: prim } as unknown as ListInput), /expects \{ files/);
  });

  it('OFAC legacy XML: truncated, wrong root, zero records, missing uid, Record_Count mismatch', () => {
    const x = readSharedList('ofac-consolidated.xml');
    expectParseError(() => parseListFile('ofac-sdn-xml', { data: cut(x, 0.5) }), /malformed XML.*at line \d+/);
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: readSharedList('un-consolidated.xml') }),
      /wrong root element <CONSOLIDATED_LIST>.*\(at <CONSOLIDATED_LIST>\)/,
    );
    const s = x.toString('utf8');
    const head = s.slice(0, s.indexOf('<sdnEntry>'));
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: Buffer.from(head.replace('<Record_Count>443</Record_Count>', '') + '</sdnList>') }),
      /no <sdnEntry> records/,
    );
    // entry #40 loses its uid (the first <uid> after the 39th entry)
    let pos = 0;
    for (let i = 0; i < 40; i++) pos = s.indexOf('<sdnEntry>', pos + 1);
    const uidStart = s.indexOf('<uid>', pos);
    const noUid = s.slice(0, uidStart) + s.slice(s.indexOf('</uid>', uidStart) + 6);
    expectParseError(() => parseListFile('ofac-sdn-xml', { data: Buffer.from(noUid) }), /missing uid \(at <sdnEntry> #40\)/);
    // a whole entry cut out: Record_Count no longer matches
    const end = s.indexOf('</sdnEntry>', pos) + 11;
    expectParseError(() => parseListFile('ofac-sdn-xml', { data: Buffer.from(s.slice(0, pos) + s.slice(end)) }), /Record_Count says 443 but the file has 442/);
    expectParseError(() => parseListFile('ofac-sdn-xml', { data: Buffer.from('not xml at all') }), /malformed XML|wrong root/);
  });

  it('OFAC Enhanced and Advanced XML: truncated, wrong root', () => {
    for (const [f, fmt] of [
      ['ofac-consolidated-enhanced.xml', 'ofac-enhanced-xml'],
      ['ofac-consolidated-advanced.xml', 'ofac-advanced-xml'],
    ] as const) {
      const x = readSharedList(f);
      expectParseError(() => parseListFile(fmt, { data: cut(x, 0.6) }), /malformed XML.*at line \d+/);
      expectParseError(() => parseListFile(fmt, { data: readSharedList('eu-fsf-excerpt.xml') }), /wrong root element <export>/);
    }
  });

  it('UN, EU, UK XML: truncated, wrong root, zero records, missing id', () => {
    const un = readSharedList('un-consolidated.xml');
    expectParseError(() => parseListFile('un-xml', { data: cut(un, 0.5) }), /malformed XML.*at line \d+/);
    expectParseError(() => parseListFile('un-xml', { data: readSharedList('ofac-consolidated.xml') }), /wrong root element <sdnList>/);
    expectParseError(
      () => parseListFile('un-xml', { data: Buffer.from('<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>') }),
      /no <INDIVIDUAL> or <ENTITY> records/,
    );
    expectParseError(
      () =>
        parseListFile('un-xml', {
          data: Buffer.from('<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>X</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>'),
        }),
      /missing REFERENCE_NUMBER and DATAID \(at <ENTITY> #1\)/,
    );
    const eu = readSharedList('eu-fsf-excerpt.xml');
    expectParseError(() => parseListFile('eu-xml', { data: cut(eu, 0.5) }), /malformed XML.*at line \d+/);
    expectParseError(() => parseListFile('eu-xml', { data: readSharedList('uk-sanctions-list-excerpt.xml') }), /wrong root element <Designations>/);
    expectParseError(
      () => parseListFile('eu-xml', { data: Buffer.from('<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05"></export>') }),
      /no <sanctionEntity>/,
    );
    const eus = eu.toString('utf8').replace('logicalId="191"', 'logicalId=""');
    expectParseError(() => parseListFile('eu-xml', { data: Buffer.from(eus) }), /missing logicalId \(at <sanctionEntity> #2\)/);
    const uk = readSharedList('uk-sanctions-list-excerpt.xml');
    expectParseError(() => parseListFile('uk-xml', { data: cut(uk, 0.5) }), /malformed XML.*at line \d+/);
    expectParseError(() => parseListFile('uk-xml', { data: eu }), /wrong root element <export>/);
    expectParseError(
      () => parseListFile('uk-xml', { data: Buffer.from('<Designations><DateGenerated>14/08/2026</DateGenerated></Designations>') }),
      /no <Designation>/,
    );
    const uks = uk.toString('utf8').replace('<UniqueID>AQD0377</UniqueID>', '');
    expectParseError(() => parseListFile('uk-xml', { data: Buffer.from(uks) }), /missing UniqueID \(at <Designation> #3\)/);
  });

  it('CSL JSON and dpl.txt: malformed, wrong shape, zero records', () => {
    expectParseError(() => parseListFile('csl-json', { data: Buffer.from('{"results":[{"name":"x"') }), /malformed JSON/);
    expectParseError(() => parseListFile('csl-json', { data: Buffer.from('{"total":0}') }), /no "results" array/);
    expectParseError(() => parseListFile('csl-json', { data: Buffer.from('{"results":[]}') }), /"results" is empty/);
    expectParseError(() => parseListFile('csl-json', { data: Buffer.from('{"results":[{"id":"1","source":"SDN"}]}') }), /without a name \(at results\[0\]\)/);
    const dpl = readSharedList('us-bis-dpl.txt');
    expectParseError(() => parseListFile('bis-dpl-txt', { data: cut(dpl, 0.5) }), /line \d+/);
    expectParseError(() => parseListFile('bis-dpl-txt', { data: Buffer.from(dpl.toString('utf8').split('\n')[0] + '\n') }), /no records/);
  });
});

describe('bundled sample lists (data/sample-lists)', () => {
  it('parse as CSL CSV, with AI-chip entities, address-only entries and SDN rows, under 100 KB', () => {
    const dir = sampleListsDir();
    const files = readdirSync(dir).filter((n) => n.endsWith('.csv'));
    expect(files.sort()).toEqual(['chip-sample-treasury.csl.csv', 'chip-sample.csl.csv']);
    let total = 0;
    const entries: ListEntry[] = [];
    for (const f of files) {
      const data = readFileSync(path.join(dir, f));
      total += data.length;
      expect(detectFormat(f, data)).toBe('csl-csv');
      entries.push(...parseListFile('csl-csv', { data, fileName: f }).entries);
    }
    expect(total).toBeLessThan(100 * 1024);
    expect(entries.length).toBeGreaterThanOrEqual(40);
    const names = entries.map((e) => e.name).join('\n');
    for (const n of [/Huawei Technologies/, /SMIC/, /Inspur/, /Biren/, /Moore Thread/, /Sugon/, /JSC ANGSTREM-T/]) expect(names).toMatch(n);
    expect(entries.filter((e) => e.type === 'address').length).toBeGreaterThanOrEqual(10);
    expect(new Set(entries.map((e) => e.source))).toEqual(new Set(['EL', 'MEU', 'SDN', 'CMIC']));
  });
});

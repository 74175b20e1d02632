/**
 * OFAC delimited CSV set: sdn.csv (12 cols) + add.csv (6) + alt.csv (5) + sdn_comments.csv (2), joined on ent_num;
 * the CONS_PRIM/CONS_ADD/CONS_ALT/CONS_COMMENTS set has the same layouts.
 * No header; `-0- ` = null; CRLF; a trailing 0x1A byte. Orphan rows on either side are tolerated (warning).
 */
import { ListAddress, ListAlias, ListCode, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { parseCsvRows } from './csl-csv';
import { looksNonSdn, ofacNonSdnCodes, ofacType } from './ofac-common';
import { aliasKind, clean, country, dedupeAliases, decodeText, ensureUniqueIds, entryCountries, isoDate, uniqueStrings } from './util';

export interface OfacCsvFiles {
  prim: Buffer;
  add?: Buffer;
  alt?: Buffer;
  comments?: Buffer;
}

/** `-0-` (OFAC's null) -> ''. */
function val(s: string | undefined): string {
  const c = clean(s);
  return c === '-0-' ? '' : c;
}

function rowsOf(buf: Buffer, what: string, width: number): { cells: string[]; line: number }[] {
  let text = decodeText(buf);
  // strip the trailing Ctrl-Z (0x1A) OFAC appends after the last line
  // eslint-disable-next-line no-control-regex -- the DOS end-of-file mark (Ctrl-Z) OFAC's files end with
  text = text.replace(/\x1a\s*$/, '');
  if (!text.trim()) throw new ListParseError(`${what}: empty file`, 'line 1');
  // OFAC writes `-0- ` unquoted before a comma: fine for csv-parse
  const rows = parseCsvRows(text, what);
  let prev = 0;
  return rows.map(({ record, info }) => {
    const line = prev + 1;
    prev = info.lines;
    if (record.length !== width) {
      throw new ListParseError(`${what}: expected ${width} columns, got ${record.length}`, `line ${line}`);
    }
    return { cells: record, line };
  });
}

const ID_TYPES = [
  'Passport',
  'Diplomatic Passport',
  'National ID No.',
  'Tax ID No.',
  'Registration ID',
  'Registration Number',
  'Identification Number',
  'Cedula No.',
  'D.N.I.',
  'C.U.I.T.',
  'C.U.I.P.',
  'R.F.C.',
  'NIT #',
  'RUC #',
  'CURP #',
  'SSN',
  "Driver's License No.",
  'Vessel Registration Identification',
  'MMSI',
  'SWIFT/BIC',
  'Website',
  'Email Address',
  'Unified Social Credit Code (USCC)',
  'ISIN',
  'Business Registration Number',
  'V.A.T. Number',
  'Public Registration Number',
  'Company Number',
  'Legal Entity Number',
  'Government Gazette Number',
  'BIK (RU)',
  'Trade License No.',
  'Commercial Registry Number',
  'Certificate of Incorporation Number',
  'Birth Certificate Number',
  'Residency Number',
  'Personal ID Card',
  'Travel Document Number',
  'Refugee ID Card',
  'Electoral Registry No.',
  'Immigration No.',
  'Credencial electoral',
  'Matricula Mercantil No',
  'License',
  'Phone Number',
  'Kenyan ID No.',
  'Stateless Person ID Card',
  'Stateless Person Passport',
  'Registered Charity No.',
  'Chinese Commercial Code',
  'Equity Ticker',
  'Issuer Name',
  'Nationality of Registration',
  'C.R. No.',
  'Aircraft Construction Number (also called L/N or S/N or F/N)',
  "Aircraft Manufacturer's Serial Number (MSN)",
  'Aircraft Tail Number',
  'Aircraft Model',
  'Aircraft Operator',
  'Aircraft Manufacture Date',
  'Aircraft Mode S Transponder Code',
  'Previous Aircraft Tail Number',
  'Digital Currency Address - [A-Z0-9]+',
  'Identification Number',
  'IFCA Determination -',
  'Gender',
  'Target Type',
  'Organization Established Date',
  'Organization Type:',
  'Other Vessel Call Sign',
  'Other Vessel Flag',
  'Other Vessel Type',
  'Vessel Year of Build',
  'Secondary sanctions risk:',
  'Executive Order 13662 Directive Determination -',
  'Executive Order 14024 Directive Information -',
  'Executive Order 14024 Directive Information',
  'Listing Date \\([^)]*\\):?',
  'Effective Date \\([^)]*\\):?',
  'Purchase/Sales For Divestment Date \\([^)]*\\):?',
  'CAATSA Section 235 Information:',
  'Additional Sanctions Information -',
  'Transactions Prohibited For Persons Owned or Controlled By U\\.S\\. Financial Institutions:',
];
const escape = (s: string): string => (/\\|\[A-Z/.test(s) ? s : s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
const ID_RE = new RegExp(
  `^(?:alt\\. )?(${ID_TYPES.map(escape)
    .sort((a, b) => b.length - a.length)
    .join('|')}) (.+?)(?: \\(([^()]+)\\))?$`,
);

/** Pulls weak aliases, DOB/POB, nationality, ids out of the prose of `Remarks`. */
function parseRemarks(remarks: string): {
  weak: string[];
  dobs: string[];
  pobs: string[];
  countries: (string | undefined)[];
  ids: ListIdentifier[];
} {
  const out = { weak: [] as string[], dobs: [] as string[], pobs: [] as string[], countries: [] as (string | undefined)[], ids: [] as ListIdentifier[] };
  if (!remarks) return out;
  for (let seg of remarks.split(/;\s+/)) {
    seg = seg.replace(/\.$/, '').trim();
    let m: RegExpExecArray | null;
    if ((m = /^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.) '(.+)'$/.exec(seg))) out.weak.push(m[1]);
    else if ((m = /^(?:alt\. )?DOB (.+)$/.exec(seg))) out.dobs.push(isoDate(m[1]) ?? m[1]);
    else if ((m = /^(?:alt\. )?POB (.+)$/.exec(seg))) out.pobs.push(m[1]);
    else if ((m = /^(?:alt\. )?(?:nationality|citizen) (.+)$/i.exec(seg))) out.countries.push(country(m[1]));
    else if ((m = ID_RE.exec(seg))) {
      const cc = m[3] ? country(m[3]) : undefined;
      const value = m[3] && !cc ? `${m[2]} (${m[3]})` : m[2];
      out.ids.push(cc ? { type: m[1], value, country: cc } : { type: m[1], value });
    }
  }
  return out;
}

export function parseOfacCsv(files: OfacCsvFiles, list?: 'sdn' | 'consolidated', fileName = 'OFAC CSV'): ParsedList {
  if (!files || !Buffer.isBuffer(files.prim)) throw new ListParseError(`${fileName}: the primary file (sdn.csv / CONS_PRIM.CSV) is required`);
  const warnings: string[] = [];
  const prim = rowsOf(files.prim, `${fileName} primary file`, 12);
  if (!prim.length) throw new ListParseError(`${fileName} primary file: no records`, 'line 1');

  const byNum = new Map<string, ListEntry>();
  const entries: ListEntry[] = [];
  const programsByNum = new Map<string, string[]>();
  const rawRemarks = new Map<string, string>();
  for (const { cells, line } of prim) {
    const where = `line ${line}`;
    const num = val(cells[0]);
    if (!/^\d+$/.test(num)) throw new ListParseError(`${fileName} primary file: bad ent_num "${cells[0]}"`, where);
    const name = val(cells[1]);
    if (!name) throw new ListParseError(`${fileName} primary file: empty SDN_Name (ent_num ${num})`, where);
    const programs = val(cells[3])
      .replace(/^\[|\]$/g, '')
      .split(/\]\s*\[/)
      .map(clean)
      .filter(Boolean);
    const remarks = val(cells[11]);
    const r = parseRemarks(remarks);
    const type = ofacType(val(cells[2]));
    const entry: ListEntry = {
      source: 'SDN',
      entryId: num,
      type,
      name,
      aliases: r.weak.map((n) => ({ name: n, kind: 'weak' as const })),
      addresses: [],
      countries: uniqueStrings(r.countries),
      identifiers: r.ids,
      programs: uniqueStrings(programs),
    };
    if (remarks) entry.remarks = remarks;
    const title = val(cells[4]);
    if (title) entry.title = title;
    if (r.dobs.length) entry.datesOfBirth = uniqueStrings(r.dobs);
    if (r.pobs.length) entry.placesOfBirth = uniqueStrings(r.pobs);
    const nats = uniqueStrings(r.countries.filter((c): c is string => !!c));
    if (nats.length) entry.nationalities = nats;
    if (type === 'vessel' || val(cells[5]) || val(cells[6])) {
      entry.vessel = {
        callSign: val(cells[5]) || undefined,
        vesselType: val(cells[6]) || undefined,
        tonnage: val(cells[7]) || undefined,
        grossRegisteredTonnage: val(cells[8]) || undefined,
        flag: val(cells[9]) || undefined,
        owner: val(cells[10]) || undefined,
      };
      const flag = country(val(cells[9]));
      if (flag) entry.countries = uniqueStrings([...entry.countries, flag]);
    }
    if (byNum.has(num)) throw new ListParseError(`${fileName} primary file: duplicate ent_num ${num}`, where);
    byNum.set(num, entry);
    programsByNum.set(num, programs);
    if (remarks) rawRemarks.set(num, cells[11]);
    entries.push(entry);
  }

  const orphan = (what: string, nums: Set<string>): void => {
    if (nums.size) warnings.push(`${fileName} ${what}: ${nums.size} ent_num(s) with no primary record ignored (files of different dates?)`);
  };
  if (files.comments) {
    const orphans = new Set<string>();
    for (const { cells } of rowsOf(files.comments, `${fileName} comments file`, 2)) {
      const e = byNum.get(val(cells[0]));
      const text = cells[1] ?? '';
      if (!e) {
        orphans.add(val(cells[0]));
        continue;
      }
      // continuation starts mid-word: append without a separator
      e.remarks = clean((rawRemarks.get(e.entryId) ?? '') + text.replace(/^-0-\s*$/, ''));
      const r = parseRemarks(e.remarks);
      e.identifiers = r.ids;
      e.aliases = r.weak.map((n) => ({ name: n, kind: 'weak' as const }));
      if (r.dobs.length) e.datesOfBirth = uniqueStrings(r.dobs);
      if (r.pobs.length) e.placesOfBirth = uniqueStrings(r.pobs);
      const nats = uniqueStrings(r.countries.filter((c): c is string => !!c));
      if (nats.length) e.nationalities = nats;
      e.countries = uniqueStrings([...e.countries, ...r.countries]);
    }
    orphan('comments file', orphans);
  }
  if (files.alt) {
    const orphans = new Set<string>();
    for (const { cells } of rowsOf(files.alt, `${fileName} alias file`, 5)) {
      const e = byNum.get(val(cells[0]));
      if (!e) {
        orphans.add(val(cells[0]));
        continue;
      }
      const name = val(cells[3]);
      if (!name) continue;
      e.aliases.push({ name, kind: aliasKind(val(cells[2])) } as ListAlias);
    }
    orphan('alias file', orphans);
  }
  if (files.add) {
    const orphans = new Set<string>();
    for (const { cells } of rowsOf(files.add, `${fileName} address file`, 6)) {
      const e = byNum.get(val(cells[0]));
      if (!e) {
        orphans.add(val(cells[0]));
        continue;
      }
      const street = val(cells[2]);
      const cityEtc = val(cells[3]);
      const countryName = val(cells[4]);
      if (!street && !cityEtc && !countryName) continue; // all-null placeholder row
      const cc = country(countryName);
      const parts = [street, cityEtc];
      if (!cc && countryName) parts.push(countryName);
      const a: ListAddress = { text: parts.filter(Boolean).join(', ') };
      if (cc) a.country = cc;
      if (cityEtc) a.city = cityEtc;
      e.addresses.push(a);
    }
    orphan('address file', orphans);
  }

  // SDN or non-SDN set
  let consolidated: boolean;
  if (list) consolidated = list === 'consolidated';
  else if (/cons/i.test(fileName)) consolidated = true;
  else {
    const n = entries.filter((e) => looksNonSdn(programsByNum.get(e.entryId) ?? [], e.remarks ?? '')).length;
    consolidated = n >= entries.length / 2;
  }
  for (const e of entries) {
    e.aliases = dedupeAliases(e.name, e.aliases);
    e.countries = entryCountries(e.addresses, e.countries);
    if (consolidated) {
      const codes: ListCode[] = ofacNonSdnCodes(e.programs, e.remarks ?? '');
      e.source = codes[0];
      if (codes.length > 1) e.lists = codes;
    }
  }
  ensureUniqueIds(entries, warnings);
  warnings.push(`${fileName}: OFAC CSV files carry no publish date; use the import date`);
  return { format: 'ofac-csv', entries, warnings };
}

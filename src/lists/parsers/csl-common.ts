/**
 * Shared by csl-csv and csl-json: the trade.gov Consolidated Screening List record -> ListEntry.
 * The CSL merges 13 lists; each record's `source` label maps to one list code.
 */
import { EntryType, ListAddress, ListAlias, ListCode, ListEntry, ListIdentifier } from '../list-entry';
import { addressKey, clean, country, entryCountries, guessType, isoDate, opt, uniqueStrings } from './util';

/** The text in parentheses of each CSL `source` label -> list code. */
const SOURCE_TAGS: Record<string, ListCode> = {
  EL: 'EL',
  DPL: 'DPL',
  UVL: 'UVL',
  MEU: 'MEU',
  DTC: 'DTC',
  ISN: 'ISN',
  SDN: 'SDN',
  SSI: 'SSI',
  FSE: 'FSE',
  PLC: 'PLC',
  CAP: 'CAP',
  CAPTA: 'CAP',
  'NS-MBS LIST': 'MBS',
  'NS-MBS': 'MBS',
  MBS: 'MBS',
  CMIC: 'CMIC',
  'NS-CMIC': 'CMIC',
  'NS-PLC': 'PLC',
};
/** Fallbacks by words of the label, for labels without a known tag. */
const SOURCE_WORDS: [RegExp, ListCode][] = [
  [/entity list/i, 'EL'],
  [/denied persons/i, 'DPL'],
  [/unverified/i, 'UVL'],
  [/military end user/i, 'MEU'],
  [/itar|debarred/i, 'DTC'],
  [/nonproliferation/i, 'ISN'],
  [/specially designated nationals/i, 'SDN'],
  [/sectoral sanctions/i, 'SSI'],
  [/foreign sanctions evaders/i, 'FSE'],
  [/palestinian legislative/i, 'PLC'],
  [/capta|correspondent account/i, 'CAP'],
  [/menu-based/i, 'MBS'],
  [/military-industrial complex/i, 'CMIC'],
];

/** List code of a CSL `source` label, or undefined when unknown. */
export function cslSourceCode(label: string): ListCode | undefined {
  const m = /\(([^)]+)\)/.exec(label);
  if (m) {
    const code = SOURCE_TAGS[m[1].trim().toUpperCase()];
    if (code) return code;
  }
  for (const [re, code] of SOURCE_WORDS) if (re.test(label)) return code;
  return undefined;
}

const TREASURY: ReadonlySet<ListCode> = new Set<ListCode>(['SDN', 'SSI', 'FSE', 'PLC', 'CAP', 'MBS', 'CMIC']);

/** Split a "; "-separated CSL cell; drops the "and " BIS puts before the last item. */
export function splitList(cell: string): string[] {
  if (!cell) return [];
  return cell
    .split(/;\s*/)
    .map((s) => clean(s.replace(/^and\s+/i, '')))
    .filter(Boolean);
}

const TRAILING_CC = /(?:^|,\s*)([A-Za-z]{2})\s*\.?$/;

/**
 * CSL address cell -> addresses. Addresses are "; "-separated and each ends with an ISO-2 code;
 * the Entity List also uses "; and " inside one address, so segments are gathered until one
 * ends with a country code.
 */
export function splitCslAddresses(cell: string): ListAddress[] {
  const out: ListAddress[] = [];
  if (!clean(cell)) return out;
  let buf: string[] = [];
  const flush = (): void => {
    if (!buf.length) return;
    const whole = clean(buf.join('; '));
    buf = [];
    if (!whole) return;
    const m = TRAILING_CC.exec(whole);
    const cc = m ? country(m[1]) : undefined;
    const text = cc ? clean(whole.slice(0, m!.index).replace(/[,;]\s*$/, '')) : whole;
    out.push(cc ? { text: text || '', country: cc } : { text });
  };
  for (const seg of cell.split(/;\s+/)) {
    buf.push(seg);
    const m = TRAILING_CC.exec(clean(seg));
    if (m && country(m[1])) flush();
  }
  flush();
  return out;
}

/** The `ids` cell. 2022 layout: "country, number, type"; 2025 layout: "type, number[, country]". */
export function parseCslIds(cell: string, layout: 2022 | 2025): ListIdentifier[] {
  const out: ListIdentifier[] = [];
  for (const item of cell.split(/;\s*/)) {
    const parts = item.split(/,\s*/).map(clean);
    while (parts.length && !parts[parts.length - 1]) parts.pop();
    if (!parts.length || parts.every((p) => !p)) continue;
    let type: string;
    let value: string;
    let cc: string | undefined;
    if (layout === 2022) {
      type = parts.pop() ?? '';
      if (parts.length >= 2 && /^[A-Z]{2}$/.test(parts[0]) && country(parts[0])) cc = country(parts.shift());
      value = parts.join(', ');
    } else {
      type = parts.shift() ?? '';
      if (parts.length >= 2 && /^[A-Z]{2}$/.test(parts[parts.length - 1]) && country(parts[parts.length - 1])) cc = country(parts.pop());
      value = parts.join(', ');
    }
    if (!type && !value) continue;
    out.push(cc ? { type, value, country: cc } : { type, value });
  }
  return out;
}

/** One CSL record with list-valued fields already split (CSV cells split by the caller, JSON arrays as given). */
export interface CslRecord {
  id: string;
  source: string;
  entityNumber?: string;
  type?: string;
  programs: string[];
  name: string;
  title?: string;
  addresses: ListAddress[];
  federalRegisterNotice?: string;
  startDate?: string;
  endDate?: string;
  standardOrder?: string;
  licenseRequirement?: string;
  licensePolicy?: string;
  callSign?: string;
  vesselType?: string;
  grossTonnage?: string;
  grossRegisteredTonnage?: string;
  vesselFlag?: string;
  vesselOwner?: string;
  remarks?: string;
  sourceListUrl?: string;
  altNames: string[];
  citizenships: string[];
  datesOfBirth: string[];
  nationalities: string[];
  placesOfBirth: string[];
  sourceInformationUrl?: string;
  ids: ListIdentifier[];
}

const ADDRESS_LABEL = /^address\s*\d+$/i;

/** CSL record -> ListEntry; undefined (and a warning) when its source label is unknown. */
export function cslRecordToEntry(r: CslRecord, where: string, warnings: string[]): ListEntry | undefined {
  const source = cslSourceCode(r.source);
  if (!source) {
    warnings.push(`${where}: unknown CSL source "${r.source}", record "${r.name}" skipped`);
    return undefined;
  }
  let type: EntryType;
  const t = clean(r.type).toLowerCase();
  if (t === 'individual' || t === 'entity' || t === 'vessel' || t === 'aircraft') type = t;
  else if (source === 'DPL' || source === 'DTC') type = guessType(r.name);
  else type = TREASURY.has(source) ? 'unknown' : 'entity';

  let name = r.name;
  let entryId = clean(r.id) || clean(r.entityNumber);
  if (source === 'EL' && ADDRESS_LABEL.test(name) && r.addresses.length) {
    // address-only Entity List entry: keyed on its address, not on the per-country "Address NN" label
    const a = r.addresses[0];
    type = 'address';
    name = a.text || name;
    entryId = addressKey(a.text, a.country);
  }
  const aliases: ListAlias[] = [];
  const seen = new Set([name.toLowerCase()]);
  for (const n of r.altNames) {
    const k = n.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    aliases.push({ name: n, kind: 'aka' });
  }
  const cit = r.citizenships.map(country);
  const nat = r.nationalities.map(country);
  const entry: ListEntry = {
    source,
    entryId,
    type,
    name,
    aliases,
    addresses: r.addresses,
    countries: entryCountries(r.addresses, [...nat, ...cit]),
    identifiers: r.ids,
    programs: uniqueStrings(r.programs),
  };
  if (r.licenseRequirement) entry.licenseRequirement = r.licenseRequirement;
  if (r.licensePolicy) entry.licensePolicy = r.licensePolicy;
  if (r.federalRegisterNotice) entry.federalRegisterNotice = r.federalRegisterNotice;
  const sd = isoDate(r.startDate);
  if (sd) entry.startDate = sd;
  const ed = isoDate(r.endDate);
  if (ed) entry.endDate = ed;
  if (r.remarks) entry.remarks = r.remarks;
  if (r.title) entry.title = r.title;
  const url = r.sourceInformationUrl || r.sourceListUrl;
  if (url) entry.sourceUrl = url;
  if (r.datesOfBirth.length) entry.datesOfBirth = r.datesOfBirth;
  if (r.placesOfBirth.length) entry.placesOfBirth = r.placesOfBirth;
  const nats = uniqueStrings([...nat, ...cit].filter((c): c is string => !!c));
  if (nats.length) entry.nationalities = nats;
  if (r.callSign || r.vesselType || r.vesselFlag || r.vesselOwner || r.grossTonnage || r.grossRegisteredTonnage) {
    entry.vessel = {
      callSign: r.callSign,
      vesselType: r.vesselType,
      flag: r.vesselFlag,
      owner: r.vesselOwner,
      tonnage: r.grossTonnage,
      grossRegisteredTonnage: r.grossRegisteredTonnage,
    };
  }
  if (r.standardOrder) entry.raw = { standardOrder: r.standardOrder };
  return entry;
}

export { opt };

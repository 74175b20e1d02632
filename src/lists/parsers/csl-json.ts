/**
 * trade.gov Consolidated Screening List JSON (consolidated.json): {"results": [ … ]} (a bare array is accepted too),
 * records with the CSV field names but list-valued fields as arrays: programs, alt_names, citizenships,
 * nationalities, dates_of_birth, places_of_birth (strings), addresses ({address, city, state, postal_code, country}),
 * ids ({type, number, country, issue_date, expiration_date}). Row id: `id` (or `_id`). Gzip accepted.
 */
import { ListAddress, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { CslRecord, cslRecordToEntry, parseCslIds, splitCslAddresses, splitList } from './csl-common';
import { clean, country, decodeText, ensureUniqueIds, maybeGunzip, opt } from './util';

type Json = Record<string, unknown>;

function strings(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map((x) => clean(typeof x === 'object' && x ? ((x as Json).name ?? '') : x)).filter(Boolean);
  if (typeof v === 'string') return splitList(v);
  throw new Error(`expected an array of strings, got ${typeof v}`);
}

function addresses(v: unknown): ListAddress[] {
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string') return splitCslAddresses(v);
  if (!Array.isArray(v)) throw new Error('addresses: expected an array');
  const out: ListAddress[] = [];
  for (const a of v) {
    if (typeof a === 'string') {
      out.push(...splitCslAddresses(a));
      continue;
    }
    if (!a || typeof a !== 'object') continue;
    const o = a as Json;
    const cc = country(o.country);
    const parts = [clean(o.address), clean(o.city), clean(o.state), clean(o.postal_code)];
    if (!cc && clean(o.country)) parts.push(clean(o.country));
    const text = parts.filter(Boolean).join(', ');
    if (!text && !cc) continue;
    const addr: ListAddress = { text };
    if (cc) addr.country = cc;
    if (clean(o.city)) addr.city = clean(o.city);
    out.push(addr);
  }
  return out;
}

function ids(v: unknown): ListIdentifier[] {
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string') return parseCslIds(v, 2025);
  if (!Array.isArray(v)) throw new Error('ids: expected an array');
  const out: ListIdentifier[] = [];
  for (const d of v) {
    if (!d || typeof d !== 'object') continue;
    const o = d as Json;
    const id: ListIdentifier = { type: clean(o.type), value: clean(o.number ?? o.value) };
    const cc = country(o.country);
    if (cc) id.country = cc;
    if (id.type || id.value) out.push(id);
  }
  return out;
}

export function parseCslJson(data: Buffer, fileName = 'CSL JSON'): ParsedList {
  const text = decodeText(maybeGunzip(data, fileName));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? `line ${text.slice(0, Number(pos[1])).split('\n').length}` : undefined;
    throw new ListParseError(`${fileName}: malformed JSON: ${msg}`, line);
  }
  const results = Array.isArray(doc) ? doc : doc && typeof doc === 'object' ? (doc as Json).results : undefined;
  if (!Array.isArray(results)) throw new ListParseError(`${fileName}: not a CSL JSON file: no "results" array`, '$');
  if (!results.length) throw new ListParseError(`${fileName}: "results" is empty`, '$.results');
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  results.forEach((x, i) => {
    const where = `results[${i}]`;
    if (!x || typeof x !== 'object') throw new ListParseError(`${fileName}: record is not an object`, where);
    const o = x as Json;
    const name = clean(o.name);
    if (!name) throw new ListParseError(`${fileName}: record without a name`, where);
    const source = clean(o.source);
    if (!source) throw new ListParseError(`${fileName}: record without a source`, where);
    const id = clean(o.id ?? o._id) || clean(o.entity_number);
    if (!id) throw new ListParseError(`${fileName}: record "${name}" without an id`, where);
    try {
      const r: CslRecord = {
        id,
        source,
        entityNumber: opt(o.entity_number),
        type: opt(o.type),
        programs: strings(o.programs),
        name,
        title: opt(o.title),
        addresses: addresses(o.addresses),
        federalRegisterNotice: opt(o.federal_register_notice),
        startDate: opt(o.start_date),
        endDate: opt(o.end_date),
        standardOrder: opt(o.standard_order),
        licenseRequirement: opt(o.license_requirement),
        licensePolicy: opt(o.license_policy),
        callSign: opt(o.call_sign),
        vesselType: opt(o.vessel_type),
        grossTonnage: opt(o.gross_tonnage),
        grossRegisteredTonnage: opt(o.gross_registered_tonnage),
        vesselFlag: opt(o.vessel_flag),
        vesselOwner: opt(o.vessel_owner),
        remarks: opt(o.remarks),
        sourceListUrl: opt(o.source_list_url),
        altNames: strings(o.alt_names),
        citizenships: strings(o.citizenships),
        datesOfBirth: strings(o.dates_of_birth),
        nationalities: strings(o.nationalities),
        placesOfBirth: strings(o.places_of_birth),
        sourceInformationUrl: opt(o.source_information_url),
        ids: ids(o.ids),
      };
      const e = cslRecordToEntry(r, where, warnings);
      if (e) entries.push(e);
    } catch (err) {
      if (err instanceof ListParseError) throw err;
      throw new ListParseError(`${fileName}: ${(err as Error).message}`, where);
    }
  });
  if (!entries.length) throw new ListParseError(`${fileName}: no usable records`, '$.results');
  ensureUniqueIds(entries, warnings);
  warnings.push(`${fileName}: the CSL carries no publish date; use the import date`);
  return { format: 'csl-json', entries, warnings };
}

/**
 * trade.gov Consolidated Screening List CSV (consolidated.csv), 2022 and 2025 layouts, optionally gzipped.
 * Header row with 29 named columns (order may vary; extra columns are ignored with a warning).
 */
import { parse } from 'csv-parse/sync';
import { ListEntry, ListParseError, ParsedList } from '../list-entry';
import { CslRecord, cslRecordToEntry, splitCslAddresses, splitList, parseCslIds } from './csl-common';
import { clean, decodeText, ensureUniqueIds, maybeGunzip, opt } from './util';

export const CSL_COLUMNS = [
  '_id',
  'source',
  'entity_number',
  'type',
  'programs',
  'name',
  'title',
  'addresses',
  'federal_register_notice',
  'start_date',
  'end_date',
  'standard_order',
  'license_requirement',
  'license_policy',
  'call_sign',
  'vessel_type',
  'gross_tonnage',
  'gross_registered_tonnage',
  'vessel_flag',
  'vessel_owner',
  'remarks',
  'source_list_url',
  'alt_names',
  'citizenships',
  'dates_of_birth',
  'nationalities',
  'places_of_birth',
  'source_information_url',
  'ids',
] as const;
type Col = (typeof CSL_COLUMNS)[number];

interface CsvRow {
  record: string[];
  info: { lines: number };
}

/** Parses CSV text into rows with their (1-based) end line numbers; syntax errors become ListParseError. */
export function parseCsvRows(text: string, what: string, options: { delimiter?: string } = {}): CsvRow[] {
  try {
    return parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      delimiter: options.delimiter ?? ',',
    }) as unknown as CsvRow[];
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    throw new ListParseError(`${what}: malformed CSV: ${err.message}`, err.lines ? `line ${err.lines}` : undefined);
  }
}

export function parseCslCsv(data: Buffer, fileName = 'CSL CSV'): ParsedList {
  const text = decodeText(maybeGunzip(data, fileName));
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (!firstLine.includes(',')) {
    throw new ListParseError(`${fileName}: not a Consolidated Screening List CSV: missing columns (no comma-separated header)`, 'line 1');
  }
  const rows = parseCsvRows(text, fileName);
  if (!rows.length) throw new ListParseError(`${fileName}: empty file`, 'line 1');
  const header = rows[0].record.map((h) => clean(h).toLowerCase());
  const missing = CSL_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new ListParseError(`${fileName}: not a Consolidated Screening List CSV: missing columns ${missing.join(', ')}`, 'line 1');
  }
  const warnings: string[] = [];
  const extra = header.filter((h) => !(CSL_COLUMNS as readonly string[]).includes(h));
  if (extra.length) warnings.push(`${fileName}: unknown columns ignored: ${extra.join(', ')}`);
  const idx = Object.fromEntries(CSL_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<Col, number>;
  const width = header.length;
  if (rows.length < 2) throw new ListParseError(`${fileName}: no records after the header`, 'line 2');

  // 2022 layout: bit.ly links and "country, number, type" ids; 2025: agency URLs and "type, number, country"
  let layout: 2022 | 2025 = 2025;
  for (let i = 1; i < Math.min(rows.length, 200); i++) {
    const u = rows[i].record[idx.source_list_url] ?? '';
    if (/bit\.ly\//i.test(u)) {
      layout = 2022;
      break;
    }
  }

  const entries: ListEntry[] = [];
  let prevLine = rows[0].info.lines;
  for (let i = 1; i < rows.length; i++) {
    const { record, info } = rows[i];
    const line = `line ${prevLine + 1}`;
    prevLine = info.lines;
    if (record.length !== width) {
      throw new ListParseError(`${fileName}: expected ${width} columns, got ${record.length}`, line);
    }
    const get = (c: Col): string => record[idx[c]] ?? '';
    const name = clean(get('name'));
    if (!name) throw new ListParseError(`${fileName}: record without a name`, line);
    const source = clean(get('source'));
    if (!source) throw new ListParseError(`${fileName}: record without a source`, line);
    const r: CslRecord = {
      id: clean(get('_id')),
      source,
      entityNumber: opt(get('entity_number')),
      type: opt(get('type')),
      programs: splitList(get('programs')),
      name,
      title: opt(get('title')),
      addresses: splitCslAddresses(get('addresses')),
      federalRegisterNotice: opt(get('federal_register_notice')),
      startDate: opt(get('start_date')),
      endDate: opt(get('end_date')),
      standardOrder: opt(get('standard_order')),
      licenseRequirement: opt(get('license_requirement')),
      licensePolicy: opt(get('license_policy')),
      callSign: opt(get('call_sign')),
      vesselType: opt(get('vessel_type')),
      grossTonnage: opt(get('gross_tonnage')),
      grossRegisteredTonnage: opt(get('gross_registered_tonnage')),
      vesselFlag: opt(get('vessel_flag')),
      vesselOwner: opt(get('vessel_owner')),
      remarks: opt(get('remarks')),
      sourceListUrl: opt(get('source_list_url')),
      altNames: splitList(get('alt_names')),
      citizenships: splitList(get('citizenships')),
      datesOfBirth: splitList(get('dates_of_birth')),
      nationalities: splitList(get('nationalities')),
      placesOfBirth: splitList(get('places_of_birth')),
      sourceInformationUrl: opt(get('source_information_url')),
      ids: parseCslIds(get('ids'), layout),
    };
    if (!r.id) throw new ListParseError(`${fileName}: record "${name}" without an _id`, line);
    const e = cslRecordToEntry(r, line, warnings);
    if (e) entries.push(e);
  }
  if (!entries.length) throw new ListParseError(`${fileName}: no usable records`, 'line 2');
  ensureUniqueIds(entries, warnings);
  warnings.push(`${fileName}: the CSL carries no publish date; use the import date`);
  return { format: 'csl-csv', entries, warnings };
}

/**
 * BIS Denied Persons List, legacy tab-delimited dpl.txt: header row, 12 columns, every field quoted.
 * One row per denial order; each row becomes one entry (id = hash of name + address + effective date).
 */
import { createHash } from 'crypto';
import { ListAddress, ListEntry, ListParseError, ParsedList } from '../list-entry';
import { parseCsvRows } from './csl-csv';
import { clean, country, decodeText, ensureUniqueIds, guessType, isoDate } from './util';

export const DPL_COLUMNS = [
  'Name',
  'Street_Address',
  'City',
  'State',
  'Country',
  'Postal_Code',
  'Effective_Date',
  'Expiration_Date',
  'Standard_Order',
  'Last_Update',
  'Action',
  'FR_Citation',
] as const;

export function parseBisDplTxt(data: Buffer, fileName = 'dpl.txt'): ParsedList {
  const rows = parseCsvRows(decodeText(data), fileName, { delimiter: '\t' });
  if (!rows.length) throw new ListParseError(`${fileName}: empty file`, 'line 1');
  const header = rows[0].record.map(clean);
  const missing = DPL_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new ListParseError(`${fileName}: not a BIS dpl.txt: missing columns ${missing.join(', ')}`, 'line 1');
  if (rows.length < 2) throw new ListParseError(`${fileName}: no records after the header`, 'line 2');
  const idx = Object.fromEntries(DPL_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof DPL_COLUMNS)[number], number>;
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  let prev = rows[0].info.lines;
  for (let i = 1; i < rows.length; i++) {
    const { record, info } = rows[i];
    const line = `line ${prev + 1}`;
    prev = info.lines;
    if (record.length !== header.length) throw new ListParseError(`${fileName}: expected ${header.length} columns, got ${record.length}`, line);
    const get = (c: (typeof DPL_COLUMNS)[number]): string => clean(record[idx[c]]);
    const name = get('Name');
    if (!name) throw new ListParseError(`${fileName}: record without a Name`, line);
    // a blank Country is a US address
    const cc = country(get('Country')) ?? (get('Country') ? undefined : 'US');
    const parts = [get('Street_Address'), get('City'), get('State'), get('Postal_Code')];
    if (!cc && get('Country')) parts.push(get('Country'));
    const addr: ListAddress = { text: parts.filter(Boolean).join(', ') };
    if (cc) addr.country = cc;
    if (get('City')) addr.city = get('City');
    const addresses = addr.text || addr.country ? [addr] : [];
    const eff = isoDate(get('Effective_Date'));
    const id = createHash('sha1')
      .update(`${name.toLowerCase()}|${addr.text.toLowerCase()}|${eff ?? ''}`)
      .digest('hex')
      .slice(0, 24);
    const entry: ListEntry = {
      source: 'DPL',
      entryId: id,
      type: guessType(name),
      name,
      aliases: [],
      addresses,
      countries: cc ? [cc] : [],
      identifiers: [],
      programs: [],
    };
    if (eff) entry.startDate = eff;
    const exp = isoDate(get('Expiration_Date'));
    if (exp) entry.endDate = exp;
    if (get('FR_Citation')) entry.federalRegisterNotice = get('FR_Citation');
    if (get('Action')) entry.remarks = get('Action');
    if (get('Standard_Order')) entry.raw = { standardOrder: get('Standard_Order') };
    entries.push(entry);
  }
  ensureUniqueIds(entries, warnings);
  warnings.push(`${fileName}: dpl.txt carries no publish date; use the import date`);
  return { format: 'bis-dpl-txt', entries, warnings };
}

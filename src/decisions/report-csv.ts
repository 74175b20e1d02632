/**
 * CSV output that opens cleanly in a spreadsheet (RFC 4180): UTF-8 with a byte-order mark, CRLF line
 * ends, every cell that needs it quoted (quotes doubled), and a guard against formula injection — a text
 * cell that starts with = + - @ (or a tab / carriage return) is prefixed with an apostrophe, so Excel,
 * LibreOffice and Google Sheets show it as text instead of evaluating it (OWASP "CSV injection").
 * Numbers and booleans are written as they are.
 */

export const UTF8_BOM = '\ufeff';
export const CRLF = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, guarded and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One line, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + CRLF;
}

/** A whole document: BOM, header, rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const parts = [UTF8_BOM + csvLine(header)];
  for (const r of rows) parts.push(csvLine(r));
  return parts.join('');
}

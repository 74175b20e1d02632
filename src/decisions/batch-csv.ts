/**
 * Batch audits: a CSV of order lines -> orders (one per reference; one order may span several rows, one
 * item per row) in the shape of POST /v1/transactions/screen, plus an error of its own for every bad row.
 * A bad row never aborts the batch; only a file without the required columns is refused as a whole.
 * Plain TypeScript (csv-parse). The columns are documented in the README ("Batch audits").
 */
import { countryCodeOf } from '../common/countries';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');

export class BatchFormatError extends Error {}

type Field = { key: string; level: 'order' | 'item'; aliases: string[] };

/** Canonical column -> accepted header spellings (compared lower-case with every non-alphanumeric run as '_'). */
const FIELDS: Field[] = [
  { key: 'reference', level: 'order', aliases: ['ref', 'order', 'order_ref', 'order_reference', 'order_id', 'po', 'po_number'] },
  { key: 'date', level: 'order', aliases: ['order_date', 'ship_date', 'shipment_date'] },
  { key: 'export_from', level: 'order', aliases: ['export_country', 'origin_country'] },
  { key: 'buyer', level: 'order', aliases: ['buyer_name', 'customer', 'customer_name'] },
  { key: 'buyer_country', level: 'order', aliases: ['customer_country'] },
  { key: 'buyer_address', level: 'order', aliases: [] },
  { key: 'buyer_type', level: 'order', aliases: [] },
  { key: 'buyer_kind', level: 'order', aliases: [] },
  { key: 'end_user', level: 'order', aliases: ['end_user_name', 'enduser', 'consignee'] },
  { key: 'end_user_country', level: 'order', aliases: ['enduser_country', 'consignee_country'] },
  { key: 'end_user_address', level: 'order', aliases: ['enduser_address'] },
  { key: 'end_user_type', level: 'order', aliases: [] },
  { key: 'end_user_kind', level: 'order', aliases: [] },
  { key: 'ship_to', level: 'order', aliases: ['ship_to_name', 'shipto'] },
  { key: 'ship_to_country', level: 'order', aliases: ['shipto_country', 'destination', 'destination_country'] },
  { key: 'ship_to_address', level: 'order', aliases: ['shipto_address'] },
  { key: 'bill_to', level: 'order', aliases: ['bill_to_name', 'billto'] },
  { key: 'bill_to_country', level: 'order', aliases: ['billto_country'] },
  { key: 'bill_to_address', level: 'order', aliases: ['billto_address'] },
  { key: 'intermediary', level: 'order', aliases: ['intermediary_name', 'forwarder', 'freight_forwarder'] },
  { key: 'intermediary_country', level: 'order', aliases: ['forwarder_country'] },
  { key: 'intermediary_kind', level: 'order', aliases: [] },
  { key: 'end_use', level: 'order', aliases: ['enduse'] },
  { key: 'payer', level: 'order', aliases: ['payer_name'] },
  { key: 'payment_country', level: 'order', aliases: ['payer_country', 'payment_origin_country'] },
  { key: 'payment_method', level: 'order', aliases: [] },
  { key: 'license_type', level: 'order', aliases: ['licence_type'] },
  { key: 'license_number', level: 'order', aliases: ['licence_number', 'license', 'licence'] },
  { key: 'license_valid_until', level: 'order', aliases: ['licence_valid_until'] },
  { key: 'model', level: 'item', aliases: ['item', 'item_model', 'product'] },
  { key: 'part_number', level: 'item', aliases: ['part_no', 'pn', 'sku'] },
  { key: 'description', level: 'item', aliases: ['item_description'] },
  { key: 'item_kind', level: 'item', aliases: [] },
  { key: 'accelerators_per_unit', level: 'item', aliases: [] },
  { key: 'quantity', level: 'item', aliases: ['qty', 'units'] },
  { key: 'unit_value_usd', level: 'item', aliases: ['unit_value', 'unit_price', 'unit_price_usd'] },
  { key: 'hs_code', level: 'item', aliases: ['hts_code'] },
  { key: 'declared_eccn', level: 'item', aliases: ['eccn'] },
  { key: 'tpp', level: 'item', aliases: [] },
];

export const BATCH_COLUMNS = FIELDS.map((f) => f.key);
export const REQUIRED_COLUMNS = ['buyer', 'model', 'quantity'];

const ORDER_KEYS = FIELDS.filter((f) => f.level === 'order' && !f.key.startsWith('intermediary')).map((f) => f.key);
const COUNTRY_KEYS = ['export_from', 'buyer_country', 'end_user_country', 'ship_to_country', 'bill_to_country', 'intermediary_country', 'payment_country'];

const byHeader = new Map<string, string>();
for (const f of FIELDS) for (const h of [f.key, ...f.aliases]) byHeader.set(h, f.key);

export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface BatchRow {
  /** line of the file the row starts on (the header is line 1): the spreadsheet row */
  row: number;
  reference: string | null;
  error?: string;
}

export interface BatchOrder {
  reference: string | null;
  /** the rows (lines) this order was built from */
  rows: number[];
  /** the request body of POST /v1/transactions/screen; absent when a row of the order has an error */
  request?: Record<string, unknown>;
  /** why the order was not built */
  error?: string;
}

export interface ParsedBatch {
  rows: BatchRow[];
  orders: BatchOrder[];
  warnings: string[];
}

type Cells = Record<string, string>;

/** A physical line of the file that csv-parse could not read on its own (stray or unclosed quote …). */
interface UnreadableLine {
  line: number;
  raw: string;
  message: string;
}

interface ReadRecords {
  records: { record: string[]; line: number }[];
  unreadable: UnreadableLine[];
}

/**
 * The file as records, one per physical line. The documented format is one order line per line, so a cell
 * may not run over a line break: a quote left open at the end of a line would otherwise swallow every later
 * line (and the orders on them). Fast path: the whole file parses and no cell holds a line break. Otherwise
 * every line is read on its own, and a line that does not parse is reported with its number.
 */
function readRecords(text: string): ReadRecords {
  const body = text.replace(/^\ufeff/, '');
  try {
    const parsed = parse(body, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
    if (!parsed.some((r) => r.record.some((c) => /[\r\n]/.test(c)))) {
      return { records: parsed.map((r) => ({ record: r.record, line: r.info.lines })), unreadable: [] };
    }
  } catch {
    // fall through: read line by line to find where the file breaks
  }
  const records: ReadRecords['records'] = [];
  const unreadable: UnreadableLine[] = [];
  body.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (raw === '') return;
    try {
      const [record] = parse(raw, { relax_column_count: true }) as string[][];
      if (record) records.push({ record, line: i + 1 });
    } catch (e) {
      const message = (e as Error).message
        .replace(/ at line 1\b/g, '')
        .replace(/^Quote Not Closed: the parsing is finished with an opening quote$/, 'Quote Not Closed: a quote opened on this line is not closed on it');
      unreadable.push({ line: i + 1, raw, message });
    }
  });
  return { records, unreadable };
}

/** The cells of a line that does not parse, read leniently (quotes dropped): only to find which orders it belongs to. */
const looseCells = (raw: string) =>
  raw
    .replace(/"/g, '')
    .split(',')
    .map((c) => c.trim());

/** CSV text -> orders + per-row errors. Throws BatchFormatError when the header lacks a required column or cannot be read. */
export function parseBatchCsv(text: string): ParsedBatch {
  const { records, unreadable } = readRecords(text);
  if (unreadable.some((u) => u.line === 1)) {
    throw new BatchFormatError(`line 1 (the header) cannot be read: ${unreadable.find((u) => u.line === 1)!.message}`);
  }
  if (records.length === 0) throw new BatchFormatError('the CSV is empty: expected a header line and one row per order line');

  const header = records[0].record.map((h) => normaliseHeader(h));
  const columns = header.map((h) => byHeader.get(h) ?? null);
  const warnings: string[] = [];
  const unknown = header.filter((h, i) => h && columns[i] === null);
  if (unknown.length) warnings.push(`ignored unknown column(s): ${unknown.join(', ')}`);
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (!c) return;
    if (seen.has(c)) warnings.push(`column ${c} appears twice; the first one (column ${columns.indexOf(c) + 1}) is used`);
    seen.add(c);
    void i;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) {
    throw new BatchFormatError(`the CSV header lacks required column(s): ${missing.join(', ')} (documented columns: ${BATCH_COLUMNS.join(', ')})`);
  }

  const rows: BatchRow[] = [];
  const groups = new Map<string, { reference: string | null; rows: { row: number; cells: Cells; errors: string[] }[] }>();

  for (let i = 1; i < records.length; i++) {
    const { record, line } = records[i];
    const cells: Cells = {};
    columns.forEach((c, j) => {
      if (c && cells[c] === undefined) cells[c] = (record[j] ?? '').trim();
    });
    const errors: string[] = [];
    if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== '')) {
      errors.push(`row has ${record.length} cells but the header has ${header.length} columns`);
    }
    errors.push(...rowErrors(cells));
    const reference = cells.reference || null;
    const key = reference ? `ref:${reference}` : `row:${line}`;
    const group = groups.get(key) ?? { reference, rows: [] };
    if (group.rows.length && !errors.length) {
      const first = group.rows[0];
      for (const k of ORDER_KEYS) {
        if (cells[k] && first.cells[k] && cells[k] !== first.cells[k]) {
          errors.push(`${k} "${cells[k]}" differs from "${first.cells[k]}" on row ${first.row} of the same reference`);
        }
      }
    }
    group.rows.push({ row: line, cells, errors });
    groups.set(key, group);
  }

  // A line that cannot be read belongs to every order whose reference is one of its cells: none of them is
  // decided (fail closed, never a partial order). A line naming no known reference is an error row of its own.
  const refColumn = columns.indexOf('reference');
  const brokenLinesOf = new Map<string, number[]>();
  for (const u of unreadable) {
    const cells = looseCells(u.raw);
    const named = refColumn < 0 ? [] : [...new Set(cells.filter((c) => c && groups.has(`ref:${c}`)))];
    for (const ref of named) brokenLinesOf.set(ref, [...(brokenLinesOf.get(ref) ?? []), u.line]);
    const reference = named[0] ?? (refColumn >= 0 ? cells[refColumn] || null : null);
    const orderNote = named.length ? `; order${named.length > 1 ? 's' : ''} ${named.join(', ')} not decided` : '';
    rows.push({ row: u.line, reference, error: `line ${u.line} cannot be read: ${u.message}${orderNote}` });
    warnings.push(`line ${u.line} cannot be read: ${u.message}${orderNote}`);
  }

  const orders: BatchOrder[] = [];
  for (const g of groups.values()) {
    const broken = g.reference ? (brokenLinesOf.get(g.reference) ?? []) : [];
    if (broken.length) {
      const which = `line${broken.length > 1 ? 's' : ''} ${broken.join(', ')} of the same reference cannot be read`;
      for (const r of g.rows) {
        rows.push({ row: r.row, reference: g.reference, error: [...r.errors, `order ${g.reference} not decided: ${which}`].join('; ') });
      }
      orders.push({ reference: g.reference, rows: [...g.rows.map((r) => r.row), ...broken].sort((a, b) => a - b), error: which });
      continue;
    }
    const bad = g.rows.filter((r) => r.errors.length);
    for (const r of g.rows) {
      rows.push({
        row: r.row,
        reference: g.reference,
        ...(r.errors.length
          ? { error: r.errors.join('; ') }
          : bad.length
            ? {
                error: `order ${g.reference} not decided: row${bad.length > 1 ? 's' : ''} ${bad.map((b) => b.row).join(', ')} of the same reference ${bad.length > 1 ? 'have' : 'has'} errors`,
              }
            : {}),
      });
    }
    if (bad.length) {
      orders.push({ reference: g.reference, rows: g.rows.map((r) => r.row), error: 'a row of this order has errors' });
    } else {
      orders.push({
        reference: g.reference,
        rows: g.rows.map((r) => r.row),
        request: buildRequest(
          g.reference,
          g.rows.map((r) => r.cells),
        ),
      });
    }
  }
  rows.sort((a, b) => a.row - b.row);
  return { rows, orders, warnings };
}

function rowErrors(c: Cells): string[] {
  const errors: string[] = [];
  if (!c.buyer) errors.push('buyer is required');
  if (!c.model) errors.push('model is required');
  if (!c.quantity) errors.push('quantity is required');
  else if (quantityOf(c.quantity) === null) errors.push(`quantity must be a whole number of at least 1, got "${c.quantity}"`);
  for (const k of COUNTRY_KEYS) {
    if (c[k] && !countryCodeOf(c[k])) errors.push(`${k} "${c[k]}" is not an ISO 3166-1 alpha-2 country code or a known country name`);
  }
  if (c.date && !isIsoDate(c.date)) errors.push(`date must be YYYY-MM-DD, got "${c.date}"`);
  if (c.license_valid_until && !isIsoDate(c.license_valid_until)) errors.push(`license_valid_until must be YYYY-MM-DD, got "${c.license_valid_until}"`);
  for (const k of ['unit_value_usd', 'accelerators_per_unit', 'tpp']) {
    if (c[k] && numberOf(c[k]) === null) errors.push(`${k} must be a number, got "${c[k]}"`);
  }
  if (c.accelerators_per_unit && numberOf(c.accelerators_per_unit) !== null && !Number.isInteger(numberOf(c.accelerators_per_unit))) {
    errors.push(`accelerators_per_unit must be a whole number, got "${c.accelerators_per_unit}"`);
  }
  return errors;
}

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(v + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function quantityOf(v: string): number | null {
  const s = v.replace(/[\s_]/g, '');
  if (!/^\d+$/.test(s) && !/^\d{1,3}(,\d{3})+$/.test(s)) return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

function numberOf(v: string): number | null {
  const s = v.replace(/[\s$_]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

function party(name: string | undefined, fields: { country?: string; address?: string; type?: string; kind?: string }): Record<string, unknown> | undefined {
  if (!name) return undefined;
  const p: Record<string, unknown> = { name };
  if (fields.type) p.type = fields.type.toLowerCase();
  if (fields.country) p.country = countryCodeOf(fields.country);
  if (fields.address) p.address = fields.address;
  if (fields.kind) p.kind = fields.kind.toLowerCase();
  return p;
}

/** The rows of one order (same reference) -> a POST /v1/transactions/screen body. */
function buildRequest(reference: string | null, rows: Cells[]): Record<string, unknown> {
  // order-level fields: the first non-empty value among the rows (they agree, checked above)
  const o: Cells = {};
  for (const k of ORDER_KEYS) o[k] = rows.find((r) => r[k])?.[k] ?? '';
  const req: Record<string, unknown> = {};
  if (reference) req.reference = reference;
  if (o.date) req.date = o.date;
  if (o.export_from) req.exportFrom = countryCodeOf(o.export_from);
  req.buyer = party(o.buyer, { country: o.buyer_country, address: o.buyer_address, type: o.buyer_type, kind: o.buyer_kind });
  const endUser = party(o.end_user, { country: o.end_user_country, address: o.end_user_address, type: o.end_user_type, kind: o.end_user_kind });
  if (endUser) req.endUser = endUser;
  if (o.ship_to || o.ship_to_country) {
    req.shipTo = party(o.ship_to || o.end_user || o.buyer, { country: o.ship_to_country, address: o.ship_to_address });
  }
  const billTo = party(o.bill_to, { country: o.bill_to_country, address: o.bill_to_address });
  if (billTo) req.billTo = billTo;
  const intermediaries = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    if (!r.intermediary) continue;
    const key = `${r.intermediary.toLowerCase()}|${r.intermediary_country ?? ''}`;
    if (!intermediaries.has(key)) intermediaries.set(key, party(r.intermediary, { country: r.intermediary_country, kind: r.intermediary_kind })!);
  }
  if (intermediaries.size) req.intermediaries = [...intermediaries.values()];
  req.items = rows.map((r) => {
    const item: Record<string, unknown> = { model: r.model, quantity: quantityOf(r.quantity) };
    if (r.part_number) item.partNumber = r.part_number;
    if (r.description) item.description = r.description;
    if (r.item_kind) item.kind = r.item_kind.toLowerCase();
    if (r.accelerators_per_unit) item.acceleratorsPerUnit = numberOf(r.accelerators_per_unit);
    if (r.unit_value_usd) item.unitValueUsd = numberOf(r.unit_value_usd);
    if (r.hs_code) item.hsCode = r.hs_code;
    if (r.declared_eccn) item.declaredEccn = r.declared_eccn;
    if (r.tpp) item.specs = { tpp: numberOf(r.tpp) };
    return item;
  });
  if (o.end_use) req.endUse = o.end_use;
  if (o.payer || o.payment_country || o.payment_method) {
    const payment: Record<string, unknown> = {};
    if (o.payer) payment.payerName = o.payer;
    if (o.payment_country) payment.originCountry = countryCodeOf(o.payment_country);
    if (o.payment_method) payment.method = o.payment_method;
    req.payment = payment;
  }
  if (o.license_type || o.license_number) {
    const lic: Record<string, unknown> = { type: o.license_type || 'license' };
    if (o.license_number) lic.number = o.license_number;
    if (o.license_valid_until) lic.validUntil = o.license_valid_until;
    req.licenses = [lic];
  }
  return req;
}

/**
 * Reading accounts from a stream without holding the body: `{"accounts": [...]}` JSON (stream-json),
 * NDJSON (one account per line) or CSV (csv-parse; one identifier type per column). Each record is
 * validated on its own: a bad record is an error of its index, never the end of the upload.
 */
import { parse as parseCsv } from 'csv-parse';
import { StringDecoder } from 'string_decoder';
import type { Readable } from 'stream';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { AccountError, AccountInput, accountErrors } from './accounts';
import { IDENTIFIER_TYPES } from './identifiers';

export type AccountFormat = 'json' | 'ndjson' | 'csv';

export function formatOf(contentType: string | undefined, fileName?: string): AccountFormat | undefined {
  const ct = (contentType ?? '').toLowerCase();
  if (/ndjson|jsonl|json-seq/.test(ct) || /\.(ndjson|jsonl)$/i.test(fileName ?? '')) return 'ndjson';
  if (/csv/.test(ct) || /\.csv$/i.test(fileName ?? '')) return 'csv';
  if (/json/.test(ct) || /\.json$/i.test(fileName ?? '')) return 'json';
  return undefined;
}

export type AccountRecord = { index: number; account: AccountInput } | { index: number; error: AccountError };

function checked(index: number, value: unknown): AccountRecord {
  const errors = accountErrors(value);
  if (errors.length) {
    const id = (value as { accountId?: unknown } | null)?.accountId;
    return { index, error: { index, ...(typeof id === 'string' ? { accountId: id } : {}), errors } };
  }
  return { index, account: value as AccountInput };
}

const USAGE_COLUMNS: Record<string, 'requests' | 'tokensOut' | 'distinctPrompts'> = {
  requests: 'requests',
  tokensout: 'tokensOut',
  distinctprompts: 'distinctPrompts',
};
const FIELD_COLUMNS: Record<string, 'accountId' | 'createdAt' | 'name' | 'organisation' | 'country'> = {
  accountid: 'accountId',
  account: 'accountId',
  id: 'accountId',
  createdat: 'createdAt',
  created: 'createdAt',
  name: 'name',
  organisation: 'organisation',
  organization: 'organisation',
  org: 'organisation',
  country: 'country',
};
const TYPE_BY_COLUMN = new Map<string, string>(IDENTIFIER_TYPES.map((t) => [t.toLowerCase().replace(/_/g, ''), t]));

/** One CSV row (header-keyed) as an account; unknown columns are ignored, `a|b` holds several values. */
export function csvAccount(row: Record<string, string>): unknown {
  const a: Record<string, unknown> = {};
  const identifiers: { type: string; value: string }[] = [];
  const usage: Record<string, unknown> = {};
  for (const [col, raw] of Object.entries(row)) {
    const key = col.toLowerCase().replace(/[\s_-]+/g, '');
    const v = (raw ?? '').trim();
    if (!v) continue;
    if (FIELD_COLUMNS[key]) a[FIELD_COLUMNS[key]] = v;
    else if (USAGE_COLUMNS[key]) usage[USAGE_COLUMNS[key]] = /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    else if (TYPE_BY_COLUMN.has(key))
      for (const part of v.split('|')) if (part.trim()) identifiers.push({ type: TYPE_BY_COLUMN.get(key)!, value: part.trim() });
  }
  if (identifiers.length) a.identifiers = identifiers;
  if (Object.keys(usage).length) a.usage = usage;
  return a;
}

/** Lines of a byte stream (UTF-8, a leading BOM dropped), the lines of one chunk at a time: faster than readline. */
async function* lineChunks(stream: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  for await (const chunk of stream) {
    let text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    if (first) {
      text = text.replace(/^\ufeff/, '');
      first = false;
    }
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.push(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > 1 << 20) throw new Error('a line longer than 1 MB');
    if (lines.length) yield lines;
  }
  rest += decoder.end();
  if (rest) yield [rest];
}

/**
 * The accounts of a stream, a batch of records at a time (an NDJSON chunk's lines, or up to 512 JSON / CSV
 * records): one await per batch instead of per record. Async iteration applies back-pressure.
 */
export async function* readAccountBatches(stream: Readable, format: AccountFormat): AsyncGenerator<AccountRecord[]> {
  let index = 0;
  if (format === 'ndjson') {
    for await (const lines of lineChunks(stream)) {
      const batch: AccountRecord[] = [];
      for (const line of lines) {
        const text = line.trim();
        if (!text) continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          batch.push({ index, error: { index, errors: ['line is not valid JSON'] } });
          index++;
          continue;
        }
        batch.push(checked(index++, value));
      }
      if (batch.length) yield batch;
    }
    return;
  }
  const records: AsyncIterable<unknown> =
    format === 'csv'
      ? (async function* () {
          const rows = stream.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
          for await (const row of rows) yield csvAccount(row as Record<string, string>);
        })()
      : (async function* () {
          const pipeline = chain([parser(), pick({ filter: 'accounts' }), streamArray()]);
          stream.pipe(pipeline);
          stream.on('error', (e) => pipeline.destroy(e));
          for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) yield item.value;
        })();
  let batch: AccountRecord[] = [];
  for await (const value of records) {
    batch.push(checked(index++, value));
    if (batch.length >= 512) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The accounts of a stream, one record at a time. */
export async function* readAccounts(stream: Readable, format: AccountFormat): AsyncGenerator<AccountRecord> {
  for await (const batch of readAccountBatches(stream, format)) yield* batch;
}

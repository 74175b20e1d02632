import { BadRequestException, HttpException, Injectable, Logger } from '@nestjs/common';
import { validateRequest } from '../common/request-validation';
import { TransactionRequestDto } from '../transactions/transaction.dto';
import { DecisionResponse, TransactionsService } from '../transactions/transactions.service';
import { BatchFormatError, parseBatchCsv } from './batch-csv';
import { matchesText } from './export-format';
import { csvDocument, CsvValue } from './report-csv';

export interface BatchResult {
  /** CSV: the line of the file (header = 1); JSON: absent */
  row?: number;
  /** JSON: the index in `transactions`; CSV: absent */
  index?: number;
  reference: string | null;
  id?: string;
  decision?: string;
  reasons?: { code: string; severity: string; subject: string; message: string }[];
  matches?: { subject: string; source: string; entryId: string; name: string; score: number }[];
  /** why this row was not decided */
  error?: string;
  /** the field errors behind `error`, when there are several */
  errors?: string[];
}

export interface BatchReport {
  results: BatchResult[];
  summary: { rows: number; orders: number; allow: number; review: number; deny: number; errors: number };
  warnings: string[];
}

export type BatchProgress = (done: number, total: number) => void;

/** Where a streamed batch report goes (the HTTP response, a report file, or memory). */
export interface BatchSink {
  /** called once the batch is accepted, before the first result */
  begin?(): void | Promise<void>;
  /** one result, in row (index) order; may wait (back-pressure) */
  result(r: BatchResult): void | Promise<void>;
  end(summary: BatchReport['summary'], warnings: string[]): void | Promise<void>;
}

/** Hands results to a sink in the order of `keys`, holding only those that finished ahead of their turn. */
class InOrder {
  private next = 0;
  private readonly ready = new Map<number, BatchResult>();
  private readonly counts = { rows: 0, allow: 0, review: 0, deny: 0, errors: 0 };

  constructor(
    private readonly keys: number[],
    private readonly sink: BatchSink,
  ) {}

  async done(key: number, result: BatchResult): Promise<void> {
    this.ready.set(key, result);
    while (this.next < this.keys.length && this.ready.has(this.keys[this.next])) {
      const r = this.ready.get(this.keys[this.next])!;
      this.ready.delete(this.keys[this.next++]);
      this.count(r);
      await this.sink.result(r);
    }
  }

  summary(orders: number): BatchReport['summary'] {
    const c = this.counts;
    return { rows: c.rows, orders, allow: c.allow, review: c.review, deny: c.deny, errors: c.errors };
  }

  private count(r: BatchResult): void {
    this.counts.rows++;
    if (r.error) this.counts.errors++;
    else if (r.decision === 'allow' || r.decision === 'review' || r.decision === 'deny') this.counts[r.decision]++;
  }
}

/** The whole report in memory (the non-streaming API). */
async function collect(run: (sink: BatchSink) => Promise<void>): Promise<BatchReport> {
  const results: BatchResult[] = [];
  let report: BatchReport | undefined;
  await run({
    result: (r) => void results.push(r),
    end: (summary, warnings) => void (report = { results, summary, warnings }),
  });
  return report!;
}

/** orders decided concurrently: the decisions are CPU work, their writes are group-committed by the store */
const IN_FLIGHT = 64;

/** One transaction of a batch, validated as POST /v1/transactions/screen validates its body (src/common/request-validation.ts). */
export async function validateTransaction(plain: unknown): Promise<{ dto?: TransactionRequestDto; errors?: string[] }> {
  return validateRequest(TransactionRequestDto, plain, 'a transaction');
}

/**
 * Batch audits (POST /v1/transactions/batch, `chipguard audit`): many orders, each decided and stored as
 * POST /v1/transactions/screen would; every row gets its decision or its own error; the batch never aborts.
 */
@Injectable()
export class BatchService {
  private readonly logger = new Logger('batch');

  constructor(private readonly transactions: TransactionsService) {}

  /** text/csv body: one order line per row (README "Batch audits"). The whole report, in memory (small batches, tests). */
  async csv(text: string, progress?: BatchProgress): Promise<BatchReport> {
    return collect((sink) => this.csvTo(text, sink, progress));
  }

  /** application/json body: {"transactions": [ … ]}. The whole report, in memory. */
  async json(body: unknown, progress?: BatchProgress): Promise<BatchReport> {
    return collect((sink) => this.jsonTo(body, sink, progress));
  }

  /**
   * The CSV batch, each result handed to `sink` in row order as soon as it and the rows before it are
   * decided, and not kept: memory holds the orders in flight, not the report. A 400 (unreadable CSV) or 503
   * (no list) is thrown before the first result.
   */
  async csvTo(text: string, sink: BatchSink, progress?: BatchProgress): Promise<void> {
    let parsed;
    try {
      parsed = parseBatchCsv(text);
    } catch (e) {
      if (e instanceof BatchFormatError) throw new BadRequestException([e.message]);
      throw new BadRequestException([`the CSV could not be read: ${(e as Error).message}`]);
    }
    this.transactions.requireLists();
    const orders = parsed.orders.filter((o) => o.request);
    const pendingRows = new Map<number, number>(); // row -> index in orders
    orders.forEach((o, i) => o.rows.forEach((row) => pendingRows.set(row, i)));
    const rowInfo = new Map<number, BatchResult>();
    for (const r of parsed.rows) rowInfo.set(r.row, { row: r.row, reference: r.reference, ...(r.error ? { error: r.error } : {}) });
    const emitter = new InOrder(
      [...rowInfo.keys()].sort((a, b) => a - b),
      sink,
    );
    await sink.begin?.();
    for (const [row, result] of rowInfo) if (!pendingRows.has(row)) await emitter.done(row, result);
    const total = orders.length;
    let done = 0;
    await this.pool(orders, async (o) => {
      const outcome = await this.decide(o.request);
      for (const row of o.rows) {
        const result = Object.assign(rowInfo.get(row)!, outcome);
        rowInfo.delete(row);
        await emitter.done(row, result);
      }
      progress?.(++done, total);
    });
    await sink.end(emitter.summary(parsed.orders.length), parsed.warnings);
  }

  /** The JSON batch, results streamed to `sink` in index order (see csvTo). */
  async jsonTo(body: unknown, sink: BatchSink, progress?: BatchProgress): Promise<void> {
    const transactions = (body as { transactions?: unknown } | null)?.transactions;
    if (!body || typeof body !== 'object' || !Array.isArray(transactions)) {
      throw new BadRequestException(['the body must be {"transactions": [ … ]} (application/json) or a CSV of order lines (text/csv)']);
    }
    const extra = Object.keys(body).filter((k) => k !== 'transactions');
    if (extra.length) throw new BadRequestException(extra.map((k) => `property ${k} should not exist`));
    this.transactions.requireLists();
    const emitter = new InOrder(
      transactions.map((_, i) => i),
      sink,
    );
    await sink.begin?.();
    let done = 0;
    await this.pool(
      transactions.map((_, index) => index),
      async (index) => {
        const t = transactions[index];
        const reference =
          t && typeof t === 'object' && typeof (t as { reference?: unknown }).reference === 'string' ? (t as { reference: string }).reference : null;
        const v = await validateTransaction(t);
        const result: BatchResult = { index, reference, ...(v.errors ? fieldErrors(v.errors) : await this.decide(v.dto!)) };
        transactions[index] = undefined; // the request is decided and stored: let it go
        await emitter.done(index, result);
        progress?.(++done, transactions.length);
      },
    );
    await sink.end(emitter.summary(transactions.length), []);
  }

  /** Decide and store one order; any failure is that order's error, never the batch's. */
  private async decide(request: unknown): Promise<Partial<BatchResult>> {
    try {
      let dto = request as TransactionRequestDto;
      if (!(request instanceof TransactionRequestDto)) {
        const v = await validateTransaction(request);
        if (v.errors) return fieldErrors(v.errors);
        dto = v.dto!;
      }
      return summary(await this.transactions.screenOrder(dto));
    } catch (e) {
      if (e instanceof HttpException) {
        const body = e.getResponse() as { message?: string | string[] } | string;
        const message = typeof body === 'string' ? body : (body.message ?? e.message);
        return Array.isArray(message) ? fieldErrors(message) : { error: message };
      }
      this.logger.error(e as Error);
      return { error: `internal error: ${(e as Error).message}; this order was not decided` };
    }
  }

  /** Run `fn` over `items`, at most IN_FLIGHT at a time, in order of start. */
  private async pool<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  }
}

function fieldErrors(errors: string[]): Partial<BatchResult> {
  return { error: errors.join('; '), errors };
}

function summary(d: DecisionResponse): Partial<BatchResult> {
  return {
    id: d.id,
    decision: d.decision,
    reasons: d.reasons.map((r) => ({ code: r.code, severity: r.severity, subject: r.subject, message: r.message })),
    matches: d.parties.flatMap((p) => p.matches.map((m) => ({ subject: p.subject, source: m.source, entryId: m.entryId, name: m.name, score: m.score }))),
  };
}

export const AUDIT_REPORT_HEADER = ['row', 'reference', 'decision_id', 'decision', 'reason_codes', 'reasons', 'matches', 'error'];

/** The audit report (`chipguard audit … --out report.csv`): one line per input row. */
export function auditReportCsv(report: BatchReport): string {
  return csvDocument(AUDIT_REPORT_HEADER, report.results.map(auditReportRow));
}

/** One line of the audit report. */
export function auditReportRow(r: BatchResult): CsvValue[] {
  return [
    r.row ?? (r.index !== undefined ? r.index : null),
    r.reference,
    r.id ?? null,
    r.decision ?? null,
    r.reasons ? [...new Set(r.reasons.map((x) => x.code))].join('; ') : null,
    r.reasons ? r.reasons.map((x) => `[${x.severity}] ${x.code}: ${x.message}`).join('\n') : null,
    r.matches ? matchesText(groupMatches(r.matches)) : null,
    r.error ?? null,
  ];
}

function groupMatches(matches: NonNullable<BatchResult['matches']>) {
  return matches.map((m) => ({ subject: m.subject, name: '', status: '', matches: [m] }));
}

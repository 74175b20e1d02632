import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ChainEventRow, ChainHeadRow, DecisionKeyRow, DecisionRow, DispositionRow } from './entities';
import { buyerSummaryDeltas, buyerSummaryUpsert, historyKeyRows } from './history-db';
import { chainHash, decisionHashFields, dispositionHashFields, eventHashFields } from './hash-chain';
import { writeTransaction } from './write-transaction';

export type NewDecision = Omit<DecisionRow, 'seq' | 'prevHash' | 'hash'>;
export type NewDisposition = Omit<DispositionRow, 'id' | 'seq' | 'prevHash' | 'hash'>;
export type NewChainEvent = Omit<ChainEventRow, 'id' | 'seq' | 'prevHash' | 'hash'>;
/** Work done in the event's transaction once it is chained (the allow-list row, the key row …). */
export type EventWork = (tx: EntityManager, event: ChainEventRow) => Promise<void>;

type Pending = (
  | { kind: 'decision'; row: NewDecision; resolve: (r: DecisionRow) => void; reject: (e: Error) => void }
  | { kind: 'disposition'; row: NewDisposition; newStatus: string; fromStatuses: string[]; resolve: (r: DispositionRow) => void; reject: (e: Error) => void }
  | { kind: 'event'; row: NewChainEvent; work?: EventWork; resolve: (r: ChainEventRow) => void; reject: (e: Error) => void }
) & { solo?: boolean };

export interface HistoryRecord {
  seq: number;
  kind: string;
  decision: string;
  /** '|CODE1|CODE2|' */
  reasonCodes: string;
  buyerKey: string | null;
  acceleratorCount: number;
  createdAt: string;
  historyKeys: string[];
}

/**
 * The small store at the bottom that transactions and cloud write through.
 * Writes are queued and committed in groups (one transaction per group), each record hash-chained to
 * the one before; a caller's promise resolves only after its record is committed, so a decision is
 * written before it is returned. The chain head is a database row advanced by compare-and-set in the
 * same transaction, so other writers (a CLI, other instances) interleave safely.
 */
@Injectable()
export class DecisionStore implements OnModuleInit {
  private readonly logger = new Logger('store');
  private queue: Pending[] = [];
  private flushing = false;
  private readonly listeners: ((r: HistoryRecord) => void)[] = [];

  constructor(@InjectDataSource() readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    // WAL + NORMAL: a commit is durable against a process crash and costs no fsync per write
    if (this.db.options.type === 'sqlite') await this.db.query('PRAGMA synchronous = NORMAL');
  }

  /** Called after each committed decision, before its writer is answered (the order-history cache listens). */
  onDecision(listener: (r: HistoryRecord) => void): void {
    this.listeners.push(listener);
  }

  writeDecision(row: NewDecision): Promise<DecisionRow> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'decision', row, resolve, reject }));
  }

  /**
   * Appends a disposition and sets the decision's status, in one transaction; refused (DispositionConflict)
   * unless the decision's status is `from` (one status or several; default: open) when the record is written.
   */
  writeDisposition(row: NewDisposition, newStatus: string, from: string | string[] = 'open'): Promise<DispositionRow> {
    const fromStatuses = Array.isArray(from) ? from : [from];
    return new Promise((resolve, reject) => this.enqueue({ kind: 'disposition', row, newStatus, fromStatuses, resolve, reject }));
  }

  /** Appends a chained event; `work` runs in the same transaction (so the change and its record commit together). */
  writeEvent(row: NewChainEvent, work?: EventWork): Promise<ChainEventRow> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'event', row, work, resolve, reject, solo: true }));
  }

  /** Resolves once everything queued so far is committed. */
  async drain(): Promise<void> {
    while (this.flushing || this.queue.length) await new Promise((r) => setTimeout(r, 2));
  }

  private enqueue(p: Pending): void {
    this.queue.push(p);
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flush());
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue[0]?.solo ? this.queue.splice(0, 1) : this.queue.splice(0, 500);
        let committed: (DecisionRow | DispositionRow | ChainEventRow)[] | undefined;
        let lastError: Error | undefined;
        let retryable = false;
        for (let attempt = 0; attempt < 5 && !committed; attempt++) {
          try {
            committed = await this.writeBatch(batch);
          } catch (e) {
            lastError = e as Error;
            retryable = e instanceof ChainConflict || /SQLITE_BUSY|could not serialize|deadlock|duplicate key|UNIQUE constraint/i.test(lastError.message);
            if (!retryable) break;
            await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
          }
        }
        if (!committed) {
          if (!retryable && batch.length > 1) {
            // a failure of one record (a stale disposition, a value the database refuses) must not sink the
            // other requests queued with it: write them one by one, so only the faulty one fails
            this.queue.unshift(...batch.map((p) => ({ ...p, solo: true }) as Pending));
            continue;
          }
          for (const p of batch) p.reject(lastError ?? new Error('decision store: write failed'));
          continue; // nothing of this group was written
        }
        batch.forEach((p, i) => {
          if (p.kind === 'decision') {
            const r = committed![i] as DecisionRow;
            for (const l of this.listeners) {
              try {
                l({
                  seq: r.seq,
                  kind: r.kind,
                  decision: r.decision,
                  reasonCodes: r.reasonCodes,
                  buyerKey: r.buyerKey,
                  acceleratorCount: r.acceleratorCount,
                  createdAt: r.createdAt,
                  historyKeys: JSON.parse(r.historyKeys),
                });
              } catch (err) {
                this.logger.error(err as Error);
              }
            }
            p.resolve(r);
          } else if (p.kind === 'disposition') {
            p.resolve(committed![i] as DispositionRow);
          } else {
            p.resolve(committed![i] as ChainEventRow);
          }
        });
      }
    } finally {
      this.flushing = false;
      if (this.queue.length) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    }
  }

  /** One transaction: read the chain head, chain and insert the group, advance the head (compare-and-set). */
  private async writeBatch(batch: Pending[]): Promise<(DecisionRow | DispositionRow | ChainEventRow)[]> {
    return writeTransaction(this.db, async (tx) => {
      // PostgreSQL: lock the head row, so concurrent writers queue here instead of failing later;
      // SQLite: a single writer at a time anyway, the compare-and-set below catches the rest
      const head = await tx.getRepository(ChainHeadRow).findOneOrFail({
        where: { id: 1 },
        ...(this.db.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      let seq = head.seq;
      let hash = head.hash;
      const rows = batch.map((p) => {
        seq++;
        if (p.kind === 'decision') {
          const row = { ...p.row, seq, prevHash: hash } as DecisionRow;
          row.hash = chainHash(hash, 'decision', decisionHashFields(row));
          hash = row.hash;
          return row;
        }
        if (p.kind === 'event') {
          const row = { ...p.row, seq, prevHash: hash } as ChainEventRow;
          row.hash = chainHash(hash, 'event', eventHashFields(row));
          hash = row.hash;
          return row;
        }
        const row = { ...p.row, seq, prevHash: hash } as DispositionRow;
        row.hash = chainHash(hash, 'disposition', dispositionHashFields(row));
        hash = row.hash;
        return row;
      });
      const decisions = rows.filter((_, i) => batch[i].kind === 'decision') as DecisionRow[];
      // multi-row INSERTs with bound parameters, built once per row count (TypeORM's query builder cost more than
      // the write itself); nothing to read back: the ids and sequence numbers are ours
      for (let i = 0; i < decisions.length; i += 50) await this.insertRows(tx, DecisionRow, decisions.slice(i, i + 50));
      // the order-history index, in the same transaction: a committed decision is in the history at once
      const keyRows = decisions.flatMap(historyKeyRows);
      for (let i = 0; i < keyRows.length; i += 200) await this.insertRows(tx, DecisionKeyRow, keyRows.slice(i, i + 200));
      // the per-buyer counts, in the same transaction (one row per buyer of the group)
      const deltas = buyerSummaryDeltas(decisions);
      for (let i = 0; i < deltas.length; i += 100) {
        const upsert = buyerSummaryUpsert(deltas.slice(i, i + 100), this.db.options.type === 'postgres');
        await tx.query(upsert.sql, upsert.params);
      }
      for (let i = 0; i < batch.length; i++) {
        const p = batch[i];
        if (p.kind === 'event') {
          const inserted = await tx.getRepository(ChainEventRow).save(rows[i] as ChainEventRow);
          (rows[i] as ChainEventRow).id = inserted.id;
          await p.work?.(tx, rows[i] as ChainEventRow);
          continue;
        }
        if (p.kind !== 'disposition') continue;
        const inserted = await tx.getRepository(DispositionRow).save(rows[i] as DispositionRow);
        (rows[i] as DispositionRow).id = inserted.id;
        // only an open decision can be disposed (a reopen: any not yet reopened): checked again here, where other
        // instances' writes are visible
        const moved = await tx.getRepository(DecisionRow).update({ id: p.row.decisionId, status: In(p.fromStatuses) }, { status: p.newStatus });
        if (moved.affected !== 1) throw new DispositionConflict(p.row.decisionId);
      }
      const moved = await tx
        .createQueryBuilder()
        .update(ChainHeadRow)
        .set({ seq, hash, updatedAt: new Date().toISOString() })
        .where('id = 1 AND seq = :seq', { seq: head.seq })
        .execute();
      if (moved.affected !== 1) throw new ChainConflict();
      return rows;
    });
  }

  private readonly inserts = new Map<string, { sql: string; properties: string[]; defaults: unknown[] }>();

  /** INSERT of `rows` into the entity's table in one statement (the statement text cached per table and row count). */
  private async insertRows(tx: EntityManager, entity: typeof DecisionRow | typeof DecisionKeyRow, rows: object[]): Promise<void> {
    if (!rows.length) return;
    const cacheKey = `${entity.name}:${rows.length}`;
    let insert = this.inserts.get(cacheKey);
    if (!insert) {
      const meta = this.db.getMetadata(entity);
      const escape = (name: string) => this.db.driver.escape(name);
      const columns = meta.columns.map((c) => c.databaseName);
      const pg = this.db.options.type === 'postgres';
      let n = 0;
      const tuple = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(', ')})`;
      const values = rows.map(tuple).join(', ');
      insert = {
        sql: `INSERT INTO ${escape(meta.tableName)} (${columns.map(escape).join(', ')}) VALUES ${values}`,
        properties: meta.columns.map((c) => c.propertyName),
        defaults: meta.columns.map((c) => (typeof c.default === 'function' ? null : (c.default ?? null)) as unknown),
      };
      if (this.inserts.size > 400) this.inserts.clear();
      this.inserts.set(cacheKey, insert);
    }
    const params: unknown[] = [];
    for (const row of rows) insert.properties.forEach((p, i) => params.push((row as Record<string, unknown>)[p] ?? insert.defaults[i]));
    await tx.query(insert.sql, params);
  }
}

/** Another writer advanced the chain first; the group is retried on the new head. */
class ChainConflict extends Error {
  constructor() {
    super('decision store: the hash chain moved under this write');
  }
}

/** The decision was disposed (by another instance) between the check and the write. */
export class DispositionConflict extends Error {
  constructor(readonly decisionId: string) {
    super(`decision ${decisionId} is no longer open: it was disposed in the meantime`);
  }
}

import { DataSource } from 'typeorm';
import type { BuyerSummary } from '../risk';
import { addToAggregate, type BuyerAggregate, type HistoryDatabase, type HistoryRecord } from '../transactions/order-history';
import { BuyerSummaryRow, DecisionKeyRow, DecisionRow } from './entities';

/** History keys are stored and looked up cut to the column's size (a long address stays one key). */
export function storedHistoryKey(key: string): string {
  return key.length > 500 ? key.slice(0, 500) : key;
}

/** The decision_key rows of one stored decision (none without a buyer key: such an order has no history). */
export function historyKeyRows(d: {
  seq: number;
  buyerKey: string | null;
  createdAt: string;
  acceleratorCount: number;
  historyKeys: string;
}): DecisionKeyRow[] {
  if (!d.buyerKey) return [];
  const keys = new Set((JSON.parse(d.historyKeys) as string[]).map(storedHistoryKey));
  return [...keys].map((key) => ({ key, createdAt: d.createdAt, seq: d.seq, buyerKey: d.buyerKey!, acceleratorCount: d.acceleratorCount }));
}

/** One stored decision as the buyer summary counts it. */
export interface SummarisedDecision {
  seq: number;
  buyerKey: string | null;
  createdAt: string;
  acceleratorCount: number;
}

/** The buyer_summary rows a group of decisions adds (one per buyer: an upsert may touch a row only once). */
export function buyerSummaryDeltas(decisions: SummarisedDecision[]): BuyerSummaryRow[] {
  const byBuyer = new Map<string, BuyerAggregate>();
  for (const d of decisions) {
    if (!d.buyerKey) continue;
    let a = byBuyer.get(d.buyerKey);
    if (!a) byBuyer.set(d.buyerKey, (a = { count: 0, total: 0, maxSeq: 0 }));
    addToAggregate(a, d);
  }
  return [...byBuyer].map(([buyerKey, a]) => ({
    buyerKey,
    orderCount: a.count,
    acceleratorTotal: a.total,
    firstSeen: a.firstSeen!,
    newest: a.newest!,
    newestCount: a.atNewest!.count,
    newestTotal: a.atNewest!.total,
    maxSeq: a.maxSeq,
  }));
}

const SUMMARY_COLUMNS = ['buyerKey', 'orderCount', 'acceleratorTotal', 'firstSeen', 'newest', 'newestCount', 'newestTotal', 'maxSeq'] as const;

/**
 * The upsert that adds deltas to buyer_summary (SQLite 3.24+ and PostgreSQL). SET reads the row as it was,
 * so "newest" and its counts are decided against the stored newest order.
 */
export function buyerSummaryUpsert(deltas: BuyerSummaryRow[], pg: boolean): { sql: string; params: unknown[] } {
  let n = 0;
  const values = deltas.map(() => `(${SUMMARY_COLUMNS.map(() => (pg ? `$${++n}` : '?')).join(', ')})`).join(', ');
  const old = (c: string) => `buyer_summary."${c}"`;
  const add = (c: string) => `"${c}" = ${old(c)} + excluded."${c}"`;
  const newer = `excluded."newest" > ${old('newest')}`;
  const same = `excluded."newest" = ${old('newest')}`;
  const atNewest = (c: string) => `"${c}" = CASE WHEN ${newer} THEN excluded."${c}" WHEN ${same} THEN ${old(c)} + excluded."${c}" ELSE ${old(c)} END`;
  const sql =
    `INSERT INTO buyer_summary (${SUMMARY_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${values} ON CONFLICT ("buyerKey") DO UPDATE SET ` +
    [
      add('orderCount'),
      add('acceleratorTotal'),
      `"firstSeen" = CASE WHEN excluded."firstSeen" < ${old('firstSeen')} THEN excluded."firstSeen" ELSE ${old('firstSeen')} END`,
      atNewest('newestCount'),
      atNewest('newestTotal'),
      `"newest" = CASE WHEN ${newer} THEN excluded."newest" ELSE ${old('newest')} END`,
      `"maxSeq" = CASE WHEN excluded."maxSeq" > ${old('maxSeq')} THEN excluded."maxSeq" ELSE ${old('maxSeq')} END`,
    ].join(', ');
  return { sql, params: deltas.flatMap((d) => SUMMARY_COLUMNS.map((c) => d[c])) };
}

/** Rebuilds buyer_summary from the stored decisions (the migration, and a seeded benchmark database). */
export const BUYER_SUMMARY_REBUILD = [
  'DELETE FROM buyer_summary',
  `INSERT INTO buyer_summary ("buyerKey", "orderCount", "acceleratorTotal", "firstSeen", "newest", "newestCount", "newestTotal", "maxSeq")
   SELECT "buyerKey", COUNT(*), COALESCE(SUM("acceleratorCount"), 0), MIN("createdAt"), MAX("createdAt"), 0, 0, MAX("seq")
   FROM "decision" WHERE "buyerKey" IS NOT NULL GROUP BY "buyerKey"`,
  `UPDATE buyer_summary SET
     "newestCount" = (SELECT COUNT(*) FROM "decision" d WHERE d."buyerKey" = buyer_summary."buyerKey" AND d."createdAt" = buyer_summary."newest"),
     "newestTotal" = (SELECT COALESCE(SUM(d."acceleratorCount"), 0) FROM "decision" d WHERE d."buyerKey" = buyer_summary."buyerKey" AND d."createdAt" = buyer_summary."newest")`,
];

/** The order-history queries against the stored decisions, each one an index range scan. */
export class DatabaseHistory implements HistoryDatabase {
  constructor(private readonly db: DataSource) {}

  async buyerSummary(buyerKey: string, before: string): Promise<BuyerSummary> {
    const r = await this.db
      .getRepository(DecisionRow)
      .createQueryBuilder('d')
      .select('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(d.acceleratorCount), 0)', 't')
      .addSelect('MIN(d.createdAt)', 'first')
      .where('d.buyerKey = :buyerKey AND d.createdAt < :before', { buyerKey, before })
      .getRawOne<{ n: string | number; t: string | number; first: string | null }>();
    const orderCount = Number(r?.n ?? 0);
    return { orderCount, acceleratorTotal: Number(r?.t ?? 0), ...(orderCount && r?.first ? { firstSeen: r.first } : {}) };
  }

  /** One key lookup in buyer_summary (kept in each decision's transaction). */
  async buyerAggregate(buyerKey: string): Promise<BuyerAggregate> {
    const s = await this.db.getRepository(BuyerSummaryRow).findOne({ where: { buyerKey } });
    if (!s || !Number(s.orderCount)) return { count: 0, total: 0, maxSeq: 0 };
    return {
      count: Number(s.orderCount),
      total: Number(s.acceleratorTotal),
      firstSeen: s.firstSeen,
      newest: s.newest,
      atNewest: { count: Number(s.newestCount), total: Number(s.newestTotal) },
      maxSeq: Number(s.maxSeq),
    };
  }

  async keyRecords(key: string, since: string, limit: number): Promise<HistoryRecord[]> {
    const rows = await this.db
      .getRepository(DecisionKeyRow)
      .createQueryBuilder('k')
      .select(['k.seq', 'k.buyerKey', 'k.acceleratorCount', 'k.createdAt'])
      .where('k.key = :key AND k.createdAt >= :since', { key: storedHistoryKey(key), since })
      .orderBy('k.createdAt', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ seq: Number(r.seq), buyerKey: r.buyerKey, acceleratorCount: r.acceleratorCount, createdAt: r.createdAt }));
  }
}

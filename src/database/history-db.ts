import { DataSource } from 'typeorm';
import type { BuyerSummary } from '../risk';
import type { BuyerAggregate, HistoryDatabase, HistoryRecord } from '../transactions/order-history';
import { DecisionKeyRow, DecisionRow } from './entities';

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

  async buyerAggregate(buyerKey: string): Promise<BuyerAggregate> {
    const all = await this.db
      .getRepository(DecisionRow)
      .createQueryBuilder('d')
      .select('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(d.acceleratorCount), 0)', 't')
      .addSelect('MIN(d.createdAt)', 'first')
      .addSelect('MAX(d.createdAt)', 'last')
      .addSelect('MAX(d.seq)', 'seq')
      .where('d.buyerKey = :buyerKey', { buyerKey })
      .getRawOne<{ n: string | number; t: string | number; first: string | null; last: string | null; seq: string | number | null }>();
    const count = Number(all?.n ?? 0);
    if (!count || !all?.last) return { count: 0, total: 0, maxSeq: 0 };
    const atLast = await this.db
      .getRepository(DecisionRow)
      .createQueryBuilder('d')
      .select('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(d.acceleratorCount), 0)', 't')
      .where('d.buyerKey = :buyerKey AND d.createdAt = :last', { buyerKey, last: all.last })
      .getRawOne<{ n: string | number; t: string | number }>();
    return {
      count,
      total: Number(all.t),
      firstSeen: all.first!,
      newest: all.last,
      atNewest: { count: Number(atLast?.n ?? 0), total: Number(atLast?.t ?? 0) },
      maxSeq: Number(all.seq ?? 0),
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

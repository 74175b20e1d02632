import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { BUYER_SUMMARY_REBUILD } from '../history-db';

/**
 * buyer_summary: the per-buyer counts the first-order red flags read, kept with each decision, so that a
 * buyer with a long history costs one key lookup. Existing decisions are summed here once.
 */
export class BuyerSummary1764500000000 implements MigrationInterface {
  name = 'BuyerSummary1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'buyer_summary',
        columns: [
          { name: 'buyerKey', type: 'varchar', length: '512', isPrimary: true },
          { name: 'orderCount', type: 'integer' },
          { name: 'acceleratorTotal', type: 'bigint' },
          { name: 'firstSeen', type: 'varchar', length: '32' },
          { name: 'newest', type: 'varchar', length: '32' },
          { name: 'newestCount', type: 'integer' },
          { name: 'newestTotal', type: 'bigint' },
          { name: 'maxSeq', type: 'bigint' },
        ],
      }),
    );
    for (const sql of BUYER_SUMMARY_REBUILD) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('buyer_summary');
  }
}

import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { historyKeyRows } from '../history-db';

/**
 * The order history moves from memory to indexed queries: decision(buyerKey, createdAt) for the buyer
 * summary, and decision_key (one row per history key of a stored order) for related orders. Existing
 * decisions are indexed here, page by page, so an upgraded database answers as before.
 */
export class HistoryIndex1764400000000 implements MigrationInterface {
  name = 'HistoryIndex1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'decision_key',
        columns: [
          { name: 'key', type: 'varchar', length: '512', isPrimary: true },
          { name: 'createdAt', type: 'varchar', length: '32', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'buyerKey', type: 'varchar', length: '512' },
          { name: 'acceleratorCount', type: 'integer' },
        ],
      }),
    );
    await q.createIndex('decision', new TableIndex({ columnNames: ['buyerKey', 'createdAt'] }));
    const pg = q.connection.options.type === 'postgres';
    let after = -1;
    for (;;) {
      const page: { seq: number; buyerKey: string | null; createdAt: string; acceleratorCount: number; historyKeys: string }[] = await q.query(
        `SELECT "seq", "buyerKey", "createdAt", "acceleratorCount", "historyKeys" FROM "decision" WHERE "seq" > ${pg ? '$1' : '?'} ORDER BY "seq" LIMIT 2000`,
        [after],
      );
      if (!page.length) break;
      after = Number(page[page.length - 1].seq);
      const rows = page.flatMap((d) => historyKeyRows({ ...d, seq: Number(d.seq), historyKeys: d.historyKeys }));
      for (let i = 0; i < rows.length; i += 100) {
        await q.manager
          .createQueryBuilder()
          .insert()
          .into('decision_key')
          .values(rows.slice(i, i + 100))
          .orIgnore()
          .updateEntity(false)
          .execute();
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('decision_key');
  }
}

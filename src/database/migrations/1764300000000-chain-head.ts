import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * One row holding the head of the decision/disposition hash chain. Every write advances it with a
 * compare-and-set inside its transaction, so two writers (the service and a CLI, or several
 * instances on PostgreSQL) can never fork the chain: the loser retries on the new head.
 */
export class ChainHead1764300000000 implements MigrationInterface {
  name = 'ChainHead1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'chain_head',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'integer' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    const [d] = await q.query('SELECT seq, hash FROM decision ORDER BY seq DESC LIMIT 1');
    const [p] = await q.query('SELECT seq, hash FROM disposition ORDER BY seq DESC LIMIT 1');
    const head = [d, p].filter(Boolean).sort((a, b) => Number(b.seq) - Number(a.seq))[0] ?? { seq: 0, hash: '0'.repeat(64) };
    await q.query(`INSERT INTO chain_head (id, seq, hash) VALUES (1, ${Number(head.seq)}, '${String(head.hash).replace(/[^0-9a-f]/g, '')}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('chain_head');
  }
}

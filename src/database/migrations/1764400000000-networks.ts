import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The link graph of src/networks (see network-entities.ts): nodes, hashed values per node, orders per node, settings. */
export class Networks1764400000000 implements MigrationInterface {
  name = 'Networks1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const real = q.connection.options.type === 'postgres' ? 'double precision' : 'real';
    await q.createTable(
      new Table({
        name: 'network_node',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '512' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'listed', type: 'boolean', default: false },
          { name: 'denied', type: 'boolean', default: false },
          { name: 'decisionIds', type: 'text' },
          { name: 'updatedAt', type: 'varchar', length: '32' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'network_member',
        columns: [
          { name: 'valueHash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'nodeId', type: 'varchar', length: '40', isPrimary: true },
          { name: 'type', type: 'varchar', length: '24' },
          { name: 'hint', type: 'varchar', length: '80' },
        ],
      }),
    );
    await q.createIndex('network_member', new TableIndex({ name: 'IDX_network_member_node', columnNames: ['nodeId'] }));
    await q.createTable(
      new Table({
        name: 'network_order',
        columns: [
          { name: 'decisionId', type: 'varchar', length: '40', isPrimary: true },
          { name: 'nodeId', type: 'varchar', length: '40', isPrimary: true },
          { name: 'role', type: 'varchar', length: '40', isPrimary: true },
          { name: 'createdAt', type: 'varchar', length: '32' },
          { name: 'accelerators', type: 'integer' },
          { name: 'kw', type: real },
          { name: 'siteHash', type: 'varchar', length: '64', isNullable: true },
          { name: 'sitePowerKw', type: real, isNullable: true },
          { name: 'decision', type: 'varchar', length: '8' },
        ],
      }),
    );
    await q.createIndex('network_order', new TableIndex({ name: 'IDX_network_order_node', columnNames: ['nodeId'] }));
    await q.createTable(
      new Table({
        name: 'network_meta',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['network_meta', 'network_order', 'network_member', 'network_node']) await q.dropTable(t);
  }
}

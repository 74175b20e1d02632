import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Access control and accountability: API keys (hashed), browser sessions, chained events (allow-list,
 * list imports, key changes), allow-list expiry and revocation, four-eyes releases, the chain head's time.
 */
export class Access1764400000000 implements MigrationInterface {
  name = 'Access1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'api_key',
        columns: [id, str('name', 200), str('role', 16), str('keyHash', 64), str('createdAt', 32), str('revokedAt', 32, true)],
        indices: [new TableIndex({ columnNames: ['name'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auth_session',
        columns: [id, str('tokenHash', 64), str('csrfHash', 64), { name: 'keyId', type: 'integer' }, str('createdAt', 32), str('expiresAt', 32)],
        indices: [new TableIndex({ columnNames: ['tokenHash'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chain_event',
        columns: [
          id,
          { name: 'seq', type: 'integer' },
          str('kind', 32),
          str('subject', 300),
          str('by', 200),
          str('createdAt', 32),
          { name: 'data', type: 'text' },
          str('prevHash', 64),
          str('hash', 64),
        ],
        indices: [new TableIndex({ columnNames: ['seq'], isUnique: true })],
      }),
    );
    await q.addColumns('screening_allow', [
      new TableColumn(str('expiresAt', 32, true)),
      new TableColumn(str('revokedAt', 32, true)),
      new TableColumn(str('revokedBy', 200, true)),
      new TableColumn({ name: 'revokeReason', type: 'text', isNullable: true }),
      new TableColumn({ name: 'seq', type: 'integer', isNullable: true }),
    ]);
    await q.addColumn('disposition', new TableColumn({ name: 'fourEyes', type: 'boolean', isNullable: true }));
    await q.addColumn('chain_head', new TableColumn(str('updatedAt', 32, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('chain_head', 'updatedAt');
    await q.dropColumn('disposition', 'fourEyes');
    for (const c of ['seq', 'revokeReason', 'revokedBy', 'revokedAt', 'expiresAt']) await q.dropColumn('screening_allow', c);
    await q.dropTable('chain_event');
    await q.dropTable('auth_session');
    await q.dropTable('api_key');
  }
}

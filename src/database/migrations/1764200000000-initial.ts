import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Initial schema, written with TypeORM's driver-neutral Table API so it runs on SQLite and PostgreSQL. */
export class Initial1764200000000 implements MigrationInterface {
  name = 'Initial1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const int = (name: string, dflt?: number) => ({ name, type: 'integer', ...(dflt !== undefined ? { default: dflt } : {}) });
    const bool = (name: string) => ({ name, type: 'boolean', default: false });

    await q.createTable(
      new Table({
        name: 'list_version',
        columns: [
          id,
          str('code', 32),
          str('importId', 64),
          str('format', 32),
          str('fileName', 512),
          str('sha256', 64),
          str('publishDate', 10, true),
          int('entryCount'),
          str('importedAt', 32),
          bool('active'),
          bool('sample'),
        ],
        indices: [new TableIndex({ columnNames: ['code', 'active'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'list_entry',
        columns: [id, int('versionId'), str('source', 32), str('entryId', 200), str('name', 1024), text('data')],
        indices: [new TableIndex({ columnNames: ['versionId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'decision',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          int('seq'),
          str('kind', 16),
          str('reference', 200, true),
          str('decision', 8),
          str('status', 16),
          str('orderDate', 10),
          str('createdAt', 32),
          str('rulesVersion', 32),
          text('listVersions'),
          str('buyerKey', 512, true),
          int('acceleratorCount', 0),
          text('historyKeys'),
          text('partyNames'),
          text('reasonCodes'),
          text('matchedSources'),
          text('request'),
          text('response'),
          str('prevHash', 64),
          str('hash', 64),
        ],
        indices: [
          new TableIndex({ columnNames: ['createdAt'] }),
          new TableIndex({ columnNames: ['decision', 'status'] }),
          new TableIndex({ columnNames: ['reference'] }),
          new TableIndex({ columnNames: ['buyerKey'] }),
          new TableIndex({ columnNames: ['seq'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disposition',
        columns: [
          id,
          int('seq'),
          str('decisionId', 40),
          str('action', 16),
          text('note', true),
          str('by', 200),
          str('createdAt', 32),
          text('suppressions', true),
          str('prevHash', 64),
          str('hash', 64),
        ],
        indices: [new TableIndex({ columnNames: ['decisionId'] }), new TableIndex({ columnNames: ['seq'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'screening_allow',
        columns: [
          id,
          str('partyKey', 512),
          str('source', 32),
          str('entryId', 200),
          str('by', 200),
          text('note', true),
          str('decisionId', 40, true),
          str('createdAt', 32),
        ],
        indices: [new TableIndex({ columnNames: ['partyKey'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rescreen_report',
        columns: [id, str('startedAt', 32), str('finishedAt', 32, true), str('trigger', 32), int('scanned', 0), text('report')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rescreen_report', 'screening_allow', 'disposition', 'decision', 'list_entry', 'list_version']) await q.dropTable(t);
  }
}

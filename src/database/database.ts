import { mkdirSync } from 'fs';
import { dirname, resolve } from 'path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { Initial1764200000000 } from './migrations/1764200000000-initial';
import { ChainHead1764300000000 } from './migrations/1764300000000-chain-head';
import { Networks1764400000000 } from './migrations/1764400000000-networks';
import { HistoryIndex1764400000000 } from './migrations/1764400000000-history-index';
import { Access1764400000000 } from './migrations/1764400000000-access';
import { BuyerSummary1764500000000 } from './migrations/1764500000000-buyer-summary';

export const MIGRATIONS = [
  Initial1764200000000,
  ChainHead1764300000000,
  Networks1764400000000,
  HistoryIndex1764400000000,
  Access1764400000000,
  BuyerSummary1764500000000,
];

/**
 * TypeORM calls `sqlite3.verbose()`, which wraps every statement to build a long stack trace and
 * util.inspect its parameters (our decision JSON) — a third of the write cost. Hand it the plain module.
 */
function quietSqlite3(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the driver module itself, as TypeORM loads it
  const sqlite3 = require('sqlite3');
  return Object.assign(Object.create(sqlite3), { verbose: () => sqlite3 });
}

/**
 * DATABASE_URL -> TypeORM options. `sqlite:<file>` is the embedded default (WAL, busy timeout);
 * `postgres://…` selects PostgreSQL with the same entities and migrations. Migrations run on start.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    const database = file === ':memory:' ? file : resolve(file);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return {
      type: 'sqlite',
      database,
      driver: quietSqlite3(),
      enableWAL: true,
      busyTimeout: 10_000,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsRun: true,
      synchronize: false,
      logging: false,
    };
  }
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  };
}

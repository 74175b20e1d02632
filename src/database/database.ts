import { mkdirSync } from 'fs';
import { dirname, resolve } from 'path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { Initial1764200000000 } from './migrations/1764200000000-initial';

export const MIGRATIONS = [Initial1764200000000];

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

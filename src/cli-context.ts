import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from './config/config';
import type { ListsService } from './lists/lists.service';
import type { ScreeningService } from './screening/screening.service';
import type { DecisionStore } from './database/decision-store';

/** The configuration of a CLI command: DATABASE_URL as the service, no download, no sample, quiet logs. */
function cliConfig(): AppConfig {
  const config = loadConfig();
  return { ...config, autoUpdate: false, loadSample: false, listSyncSeconds: 0, logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' };
}

/**
 * Runs a CLI command against the same services as the HTTP API (same DATABASE_URL), without
 * starting the HTTP server or the automatic list download. The app is loaded only when a command
 * needs it, so `--help` and `classify` do not pay for it.
 */
export async function withAppContext<T>(fn: (app: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const [{ NestFactory }, { AppModule }, { JsonLogger }] = await Promise.all([import('@nestjs/core'), import('./app.module'), import('./common/logger')]);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger(config.logLevel) });
  try {
    return await fn(app, config);
  } finally {
    await app.close();
  }
}

/**
 * The active lists on the database, without the rest of the app (no Nest container): what `chipguard lists show`
 * needs. The service is the app's own ListsService, so what it loads is what the service loads.
 */
export async function withListsContext<T>(fn: (s: { lists: ListsService; db: DataSource; config: AppConfig; store: DecisionStore }) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const [{ DataSource: TypeOrmDataSource }, { Logger }, { JsonLogger }, { dataSourceOptions }, { ListsService: Lists }, { DecisionStore: Store }] =
    await Promise.all([
      import('typeorm'),
      import('@nestjs/common'),
      import('./common/logger'),
      import('./database/database'),
      import('./lists/lists.service'),
      import('./database/decision-store'),
    ]);
  Logger.overrideLogger(new JsonLogger(config.logLevel));
  const db: DataSource = new TypeOrmDataSource(dataSourceOptions(config.databaseUrl));
  await db.initialize();
  try {
    // the store chains what a list import or an allow-list change records; these contexts only read
    const store = new Store(db);
    const lists = new Lists(db, config, store);
    await lists.onModuleInit();
    return await fn({ lists, db, config, store });
  } finally {
    await db.destroy();
  }
}

/** withListsContext() plus the app's screening service on those lists (and its allow-list): what `chipguard screen` needs. */
export async function withScreeningContext<T>(fn: (s: { lists: ListsService; screening: ScreeningService }) => Promise<T>): Promise<T> {
  const { ScreeningService: Screening } = await import('./screening/screening.service');
  return withListsContext(async ({ lists, db, config, store }) => {
    const screening = new Screening(lists, db, store, config);
    await screening.onModuleInit();
    return fn({ lists, screening });
  });
}

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig, loadConfig } from './config/config';
import { JsonLogger } from './common/logger';

/**
 * Runs a CLI command against the same services as the HTTP API (same DATABASE_URL), without
 * starting the HTTP server or the automatic list download.
 */
export async function withAppContext<T>(fn: (app: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const config: AppConfig = { ...loadConfig(), autoUpdate: false, loadSample: false, logLevel: process.env.LOG_LEVEL ? loadConfig().logLevel : 'warn' };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger(config.logLevel) });
  try {
    return await fn(app, config);
  } finally {
    await app.close();
  }
}

import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { loadConfig } from '../src/config/config';
import { createApp } from '../src/main';

/** The shared government list files (CI places ../shared beside the project). */
export const SHARED_LISTS = resolve(__dirname, '..', '..', 'shared', 'data', 'lists');

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  dir: string;
  dbFile: string;
  close(): Promise<void>;
}

/** The real Nest app on a real SQLite file in a fresh temp folder; no network (auto-update off). */
export async function startTestApp(env: Record<string, string> = {}, dir?: string): Promise<TestApp> {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'chipguard-e2e-'));
  const dbFile = join(folder, 'test.sqlite');
  const config = loadConfig({ DATABASE_URL: `sqlite:${dbFile}`, CHIPGUARD_AUTO_UPDATE: '0', LOG_LEVEL: 'error', ...env });
  const app = await createApp(config);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    dir: folder,
    dbFile,
    async close() {
      await app.close();
      if (!dir) rmSync(folder, { recursive: true, force: true });
    },
  };
}

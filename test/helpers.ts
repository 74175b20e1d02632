import { INestApplication } from '@nestjs/common';
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import request from 'supertest';
import { promisify } from 'util';
import { buildProgram } from '../src/cli';
import { loadConfig } from '../src/config/config';
import { IMPORT_ROLES, SHARED_LIST_SET } from '../src/lists/list-files.testing';
import { createApp } from '../src/main';

/** The shared government list files (CI places ../shared beside the project). */
export const SHARED_LISTS = resolve(__dirname, '..', '..', 'shared', 'data', 'lists');
/** The real Entity List file of July 2026. */
export const ENTITY_LIST_2026 = join(SHARED_LISTS, 'us-csl-entity-list-2026-07.csv');
/** The July 2026 Entity List without one entity: the "old" version a past order was cleared against. */
export const entityListWithout = (name: string): Buffer =>
  Buffer.from(
    readFileSync(ENTITY_LIST_2026, 'utf8')
      .split('\n')
      .filter((l) => !l.includes(`"${name}"`))
      .join('\n'),
  );

const ROOT = resolve(__dirname, '..');

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

/** Runs the command line in process against a SQLite file, capturing what it prints on stdout. */
export async function runCli(dbFile: string, args: string[]): Promise<{ out: string; exitCode: number | undefined }> {
  const saved = { url: process.env.DATABASE_URL, log: process.env.LOG_LEVEL, age: process.env.LIST_MAX_AGE_DAYS, exitCode: process.exitCode };
  process.env.DATABASE_URL = `sqlite:${dbFile}`;
  process.env.LOG_LEVEL = 'error';
  process.env.LIST_MAX_AGE_DAYS = '36500';
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    process.exitCode = undefined;
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'chipguard', ...args]);
    return { out, exitCode: process.exitCode as number | undefined };
  } finally {
    spy.mockRestore();
    process.exitCode = saved.exitCode;
    restore('DATABASE_URL', saved.url);
    restore('LOG_LEVEL', saved.log);
    restore('LIST_MAX_AGE_DAYS', saved.age);
  }
}

/** Runs the command line in its own process (from the TypeScript sources), for its exit status and stderr. */
export async function runCliProcess(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-r', './test/bench/register-ts.js', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, CHIPGUARD_AUTO_UPDATE: '0', CHIPGUARD_LOAD_SAMPLE: '0', LOG_LEVEL: 'error', LIST_MAX_AGE_DAYS: '36500', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Imports shared list files through POST /v1/lists/import (the whole current set by default); each must answer 200. */
export async function importSharedLists(t: TestApp, set: { format: string; files: string[] }[] = SHARED_LIST_SET): Promise<void> {
  for (const { format, files } of set) {
    // the shared set deliberately layers small samples (the 2025-format CSL sample) over fuller, older files:
    // list safety would refuse those (409 LIST_SHRINK), so the fixture forces them, with a reason
    let req = request(t.http).post('/v1/lists/import').field('format', format).field('force', 'true').field('reason', 'test fixture: the shared list set');
    files.forEach((name, i) => (req = req.attach(IMPORT_ROLES[i], join(SHARED_LISTS, name))));
    const res = await req;
    expect({ files, status: res.status, error: res.status === 200 ? undefined : res.body }).toEqual({ files, status: 200, error: undefined });
  }
}

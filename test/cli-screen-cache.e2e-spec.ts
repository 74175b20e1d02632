import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cliContext } from '../src/cli';
import { partyKey } from '../src/screening';
import { ScreeningService } from '../src/screening/screening.service';
import { runCli, SHARED_LISTS } from './helpers';

/** `chipguard screen` keeps its index as a snapshot keyed by the active versions, and drops it when a list changes. */
describe('CLI: screen with the index snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-cli-cache-'));
  const db = join(dir, 'cli.sqlite');
  const cacheDir = `${db}-index`;
  const snapshots = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.idx')) : []);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the index once, then answers from the snapshot with the same output', async () => {
    await runCli(db, ['lists', 'import', join(SHARED_LISTS, 'us-csl-entity-list-2026-07.csv')]);
    expect(snapshots()).toEqual([]);
    const first = await runCli(db, ['screen', 'Shanghai Biren Intelligent Tech Co Ltd', '--country', 'CN']);
    expect(first.out.split('\n')[0]).toMatch(/^MATCH/);
    expect(snapshots()).toHaveLength(1);
    const written = statSync(join(cacheDir, snapshots()[0])).mtimeMs;
    const again = await runCli(db, ['screen', 'Shanghai Biren Intelligent Tech Co Ltd', '--country', 'CN']);
    expect(again).toEqual(first);
    expect(statSync(join(cacheDir, snapshots()[0])).mtimeMs).toBe(written);
  });

  it('a new list version makes a new snapshot (the old one is removed) that holds the new entries', async () => {
    const before = snapshots();
    const meuName = 'AVIC Aircraft Co. Ltd.';
    const { exitCode: notYet } = await runCli(db, ['screen', meuName, '--country', 'CN', '--sources', 'MEU']);
    expect(notYet).toBe(0);
    await runCli(db, ['lists', 'import', join(SHARED_LISTS, 'us-csl-meu-2026-07.csv')]);
    const { out, exitCode } = await runCli(db, ['screen', meuName, '--country', 'CN', '--sources', 'MEU']);
    expect({ exitCode, first: out.split('\n')[0] }).toEqual({ exitCode: 3, first: expect.stringMatching(/^MATCH/) });
    expect(snapshots()).toHaveLength(1);
    expect(snapshots()).not.toEqual(before);
  });

  it('a damaged snapshot is rebuilt, never trusted', async () => {
    const want = await runCli(db, ['screen', 'Shanghai Biren Intelligent Technology', '--country', 'CN', '--json']);
    const file = join(cacheDir, snapshots()[0]);
    writeFileSync(file, Buffer.from('not an index'));
    expect(await runCli(db, ['screen', 'Shanghai Biren Intelligent Technology', '--country', 'CN', '--json'])).toEqual(want);
    expect(statSync(file).size).toBeGreaterThan(1000);
  });

  it('honours the allow-list as the service does (a reviewed false positive is suppressed for that party only)', async () => {
    const name = 'Shanghai Biren Intelligent Technology';
    const listed = JSON.parse((await runCli(db, ['screen', name, '--country', 'CN', '--json'])).out);
    const top = listed.matches[0];
    process.env.DATABASE_URL = `sqlite:${db}`;
    try {
      await cliContext().app(async (app) =>
        app.get(ScreeningService).suppress({ partyKey: partyKey(name, 'CN'), source: top.source, entryId: top.entryId, by: 'test', note: 'not them' }),
      );
    } finally {
      delete process.env.DATABASE_URL;
    }
    const after = JSON.parse((await runCli(db, ['screen', name, '--country', 'CN', '--json'])).out);
    expect(after.matches.map((m: { entryId: string }) => m.entryId)).not.toContain(top.entryId);
    expect(after.suppressed).toEqual([expect.objectContaining({ entryId: top.entryId })]);
    const other = JSON.parse((await runCli(db, ['screen', name, '--country', 'HK', '--json'])).out);
    expect(other.matches.map((m: { entryId: string }) => m.entryId)).toContain(top.entryId);
  });

  it('SCREEN_INDEX_CACHE=off writes no snapshot', async () => {
    const fresh = join(dir, 'off.sqlite');
    await runCli(fresh, ['lists', 'import', join(SHARED_LISTS, 'us-csl-meu-2026-07.csv')]);
    process.env.SCREEN_INDEX_CACHE = 'off';
    try {
      expect((await runCli(fresh, ['screen', 'AVIC Aircraft Co. Ltd.', '--country', 'CN'])).exitCode).toBe(3);
    } finally {
      delete process.env.SCREEN_INDEX_CACHE;
    }
    expect(existsSync(`${fresh}-index`)).toBe(false);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli, SHARED_LISTS } from './helpers';

/** The command line on a real SQLite file: import lists, show them, screen a name. */
describe('CLI: lists import / lists show / screen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-cli-'));
  const db = join(dir, 'cli.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to screen before any list is imported', async () => {
    await expect(runCli(db, ['screen', 'Inspur'])).rejects.toThrow(/no restricted-party list is loaded/);
  });

  it('imports a list file, guessing its format, and says what became active', async () => {
    const { out } = await runCli(db, ['lists', 'import', join(SHARED_LISTS, 'us-csl-entity-list-2026-07.csv')]);
    expect(out).toMatch(/^imported: imported 3409 records as the active version of EL/m);
    expect(out).toMatch(/EL\s+3409 entries/);
  });

  it('imports the OFAC CSV set given as four files', async () => {
    const files = ['ofac-sdn.csv', 'ofac-sdn-add.csv', 'ofac-sdn-alt.csv', 'ofac-sdn-comments.csv'].map((f) => join(SHARED_LISTS, f));
    const { out } = await runCli(db, ['lists', 'import', ...files, '--format', 'ofac-csv']);
    expect(out).toMatch(/SDN\s+14965 entries/);
  });

  it('rejects a file that does not parse and leaves the active version', async () => {
    const bad = join(dir, 'broken.csv');
    writeFileSync(bad, '"_id","source","name"\n"1","Entity List (EL) - Bureau of Industry and Security","X"\n');
    await expect(runCli(db, ['lists', 'import', bad, '--format', 'csl-csv'])).rejects.toThrow(/csl-csv: .* nothing was changed, the active version stays/);
    const { out } = await runCli(db, ['lists', 'show']);
    expect(out).toMatch(/^EL\s+3409/m);
    expect(out).toMatch(/^SDN\s+14965/m);
  });

  it('screens a misspelt listed name and explains the match', async () => {
    const { out } = await runCli(db, ['screen', 'Shanghai Biren Intelligent Tech Co Ltd', '--country', 'CN']);
    expect(out.split('\n')[0]).toMatch(/^MATCH/);
    expect(out).toMatch(/EL\s+name\s+Shanghai Biren Intelligent Technology Co\., Ltd\./);
    const json = JSON.parse((await runCli(db, ['screen', 'Nordic Compute AB', '--country', 'SE', '--json'])).out);
    expect(json.status).toBe('clear');
    expect(json.listVersions.EL).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('rejects a bad country code', async () => {
    await expect(runCli(db, ['screen', 'X', '--country', 'XX'])).rejects.toThrow(/--country must be an ISO 3166-1 alpha-2 code/);
  });
});

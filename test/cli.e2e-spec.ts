import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli, runCliProcess, SHARED_LISTS } from './helpers';

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

/** `lists import a b c` imports every file; the exit status tells the outcome (README "Command line"). */
describe('CLI: several list files in one import, exit status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-cli-multi-'));
  const db = join(dir, 'cli.sqlite');
  const list = (f: string) => join(SHARED_LISTS, f);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports each file on its own (formats guessed per file), the OFAC CSV set as one import', async () => {
    const ofac = ['ofac-sdn.csv', 'ofac-sdn-add.csv', 'ofac-sdn-alt.csv', 'ofac-sdn-comments.csv'].map(list);
    const { out } = await runCli(db, [
      'lists',
      'import',
      list('us-csl-entity-list-2026-07.csv'),
      list('us-csl-meu-2026-07.csv'),
      list('us-bis-dpl.txt'),
      ...ofac,
    ]);
    expect(out.match(/^imported: /gm)).toHaveLength(4);
    const shown = (await runCli(db, ['lists', 'show'])).out;
    expect(shown).toMatch(/^EL\s+3409\s.*csl-csv\s+us-csl-entity-list-2026-07\.csv$/m);
    expect(shown).toMatch(/^MEU\s+70\s.*csl-csv\s+us-csl-meu-2026-07\.csv$/m);
    // 665 rows, two of them exact copies of another (dropped on import)
    expect(shown).toMatch(/^DPL\s+663\s.*bis-dpl-txt\s+us-bis-dpl\.txt$/m);
    expect(shown).toMatch(/^SDN\s+14965\s.*ofac-csv\s+ofac-sdn\.csv \+ ofac-sdn-add\.csv/m);
  });

  it('refuses before importing anything when a format cannot be guessed', async () => {
    const odd = join(dir, 'notes.txt');
    writeFileSync(odd, 'not a list\n');
    await expect(runCli(db, ['lists', 'import', list('us-csl-meu-2026-07.csv'), odd])).rejects.toThrow(
      /notes\.txt: could not guess the list format; nothing was imported/,
    );
  });

  it('imports the good files and names the one that failed (its active version stays)', async () => {
    const bad = join(dir, 'broken.csv');
    writeFileSync(bad, '"_id","source","name"\n"1","Entity List (EL) - Bureau of Industry and Security","X"\n');
    const small = join(dir, 'meu-part.csv');
    const meu = readFileSync(list('us-csl-meu-2026-07.csv'), 'utf8').split('\n');
    writeFileSync(small, meu.slice(0, 11).join('\n') + '\n');
    // the partial file shrinks MEU by more than LIST_MAX_DROP_PERCENT: forced, with a reason
    await expect(runCli(db, ['lists', 'import', bad, small, '--force', '--reason', 'test: a partial MEU file'])).rejects.toThrow(
      /1 of 2 imports failed[\s\S]*csl-csv: broken\.csv: .*nothing was changed, the active version stays/,
    );
    const shown = (await runCli(db, ['lists', 'show'])).out;
    expect(shown).toMatch(/^EL\s+3409\s/m);
    expect(shown).toMatch(/^MEU\s+10\s.*meu-part\.csv$/m);
  });

  it('screen: 3 for a match, 0 for clear', async () => {
    expect((await runCli(db, ['screen', 'Shanghai Biren Intelligent Technology', '--country', 'CN'])).exitCode).toBe(3);
    expect((await runCli(db, ['screen', 'Nordic Compute AB', '--country', 'SE'])).exitCode).toBe(0);
  });

  it('classify: 0 when nothing is held, 2 for a licence review, 3 for a denial', async () => {
    expect((await runCli(db, ['classify', 'H100', '--to', 'DE'])).exitCode).toBe(0);
    expect((await runCli(db, ['classify', 'H100', '--to', 'CN'])).exitCode).toBe(2);
    expect((await runCli(db, ['classify', 'H100', '--to', 'IR'])).exitCode).toBe(3);
  });

  it('as a process: the outcome is the exit status, an error exits 1 with one line and no stack trace', async () => {
    const env = { DATABASE_URL: `sqlite:${db}` };
    const match = await runCliProcess(['screen', 'Shanghai Biren Intelligent Technology', '--country', 'CN'], env);
    expect({ code: match.code, first: match.stdout.split('\n')[0] }).toEqual({ code: 3, first: expect.stringMatching(/^MATCH/) });
    const bad = await runCliProcess(['screen', 'X', '--country', 'XX'], env);
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({ code: 1, stderr: 'chipguard: --country must be an ISO 3166-1 alpha-2 code, got "XX"\n' });
  });
});

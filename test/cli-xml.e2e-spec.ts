/**
 * `chipguard lists import` of one XML file: read as a stream (in chunks, parsed record by record), hashed as it
 * is read; the result is the same as the in-memory import (same entries, same sha256, so a re-import of the
 * same file is "unchanged").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { sharedListsDir } from '../src/lists/list-files.testing';
import { runCli as run } from './helpers';

const runCli = async (db: string, args: string[]) => (await run(db, args)).out;

describe('CLI lists import of an XML file (streamed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-cli-xml-'));
  const db = join(dir, 'cli.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports ofac-consolidated.xml (format guessed from the head of the file); a second import is unchanged', async () => {
    const file = join(sharedListsDir(), 'ofac-consolidated.xml');
    const out = await runCli(db, ['lists', 'import', file]);
    expect(out).toMatch(/^imported: imported 443 records as the active version of CAP, CMIC, FSE, MBS, PLC, SSI/m);
    expect(out).toMatch(/SSI\s+287 entries/);
    const again = await runCli(db, ['lists', 'import', file, '--format', 'ofac-sdn-xml']);
    expect(again).toMatch(/^unchanged: identical file/m);
  });

  it('rejects a truncated XML file, naming the record, and leaves the active version', async () => {
    const s = readFileSync(join(sharedListsDir(), 'un-consolidated.xml'), 'utf8');
    const bad = join(dir, 'consolidated.xml');
    writeFileSync(bad, s.slice(0, Math.floor(s.length / 2)));
    await expect(runCli(db, ['lists', 'import', bad])).rejects.toThrow(
      /un-xml: .*malformed XML: the file ends inside <INDIVIDUAL> #\d+ .*truncated file.* nothing was changed, the active version stays/,
    );
    const out = await runCli(db, ['lists', 'show']);
    expect(out).toMatch(/^SSI\s+287/m);
    expect(out).not.toMatch(/^UN\s/m);
  });
});

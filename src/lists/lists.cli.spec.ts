/**
 * `chipguard lists import` of one XML file: read as a stream (in chunks, parsed record by record), hashed as it
 * is read; the result is the same as the in-memory import (same entries, same sha256, so a re-import of the
 * same file is "unchanged").
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildProgram } from '../cli';
import { sharedListsDir } from './testing';

const d = existsSync(sharedListsDir()) ? describe : describe.skip;

async function runCli(dbFile: string, args: string[]): Promise<string> {
  const saved = { url: process.env.DATABASE_URL, log: process.env.LOG_LEVEL, age: process.env.LIST_MAX_AGE_DAYS };
  process.env.DATABASE_URL = `sqlite:${dbFile}`;
  process.env.LOG_LEVEL = 'error';
  process.env.LIST_MAX_AGE_DAYS = '36500';
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'chipguard', ...args]);
    return out;
  } finally {
    spy.mockRestore();
    for (const [k, v] of [['DATABASE_URL', saved.url], ['LOG_LEVEL', saved.log], ['LIST_MAX_AGE_DAYS', saved.age]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

d('CLI lists import of an XML file (streamed)', () => {
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

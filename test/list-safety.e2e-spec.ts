import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { AuthService } from '../src/auth/auth.service';
import { ListSafetyError } from '../src/lists/list-safety';
import { ListsService } from '../src/lists/lists.service';
import { ListInput, parseListFile } from '../src/lists/parse';
import { runCli, SHARED_LISTS, startTestApp, TestApp } from './helpers';

jest.setTimeout(300_000);

const EL_FILE = join(SHARED_LISTS, 'us-csl-entity-list-2026-07.csv');
const UN_FILE = join(SHARED_LISTS, 'un-consolidated.xml');
const CSL_2022 = join(SHARED_LISTS, 'us-csl-2022-05.csv.gz');

const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');

/** The hostile files of issue 13, each built from a real file (records, not lines: some fields hold line breaks). */
const csvLine = (fields: string[]) => fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(',');
function elRecords(): string[][] {
  return parse(readFileSync(EL_FILE), { relaxQuotes: true, bom: true }) as string[][];
}
const oneRowEntityList = () => {
  const [header, first] = elRecords();
  return Buffer.from(csvLine(header) + '\n' + csvLine(first) + '\n');
};
const oneRecordUn = () => {
  const xml = readFileSync(UN_FILE, 'utf8');
  let kept = 0;
  return Buffer.from(xml.replace(/<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/g, (m) => (kept++ === 0 ? m : '')).replace(/<ENTITY>[\s\S]*?<\/ENTITY>/g, ''));
};
const copiesOfOneEntry = (n: number) => {
  const [header, ...rows] = elRecords();
  const row = rows.map(csvLine).reduce((a, b) => (b.length < a.length ? b : a));
  return Buffer.from(csvLine(header) + '\n' + Array(n).fill(row).join('\n') + '\n');
};

describe('list safety: LIST_SHRINK / LIST_OLDER, forced imports (real app, real list files)', () => {
  let t: TestApp;
  let adminKey = '';
  const importFile = (format: string, data: Buffer, name: string, fields: Record<string, string> = {}) => {
    let req = request(t.http).post('/v1/lists/import').set('X-API-Key', adminKey).field('format', format);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', data, name);
  };
  const activeCount = async (code: string) => {
    const res = await request(t.http).get('/v1/lists').set('X-API-Key', adminKey);
    return (res.body.lists as { code: string; entryCount: number }[]).find((l) => l.code === code)?.entryCount;
  };

  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
    adminKey = (await t.app.get(AuthService).createKey('Lia Lists', 'list_admin', 'test')).key;
    expect((await importFile('csl-csv', readFileSync(EL_FILE), 'us-csl-entity-list-2026-07.csv')).status).toBe(200);
    expect((await importFile('un-xml', readFileSync(UN_FILE), 'un-consolidated.xml')).status).toBe(200);
    expect(await activeCount('EL')).toBe(3409);
    expect(await activeCount('UN')).toBe(1003);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a 1-row Entity List is refused with 409 LIST_SHRINK and changes nothing', async () => {
    const res = await importFile('csl-csv', oneRowEntityList(), 'el-1-row.csv');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LIST_SHRINK');
    expect(res.body.message[0]).toMatch(/EL: the file holds 1 distinct entries, the active version 3409/);
    expect(await activeCount('EL')).toBe(3409);
    const screened = await request(t.http)
      .post('/v1/parties/screen')
      .set('X-API-Key', (await t.app.get(AuthService).createKey('Sam', 'screener', 'test')).key)
      .send({ name: 'Shanghai Biren Technology', country: 'CN' });
    expect(screened.body.status).not.toBe('clear');
  });

  it('a 1-record UN file is refused with 409 LIST_SHRINK', async () => {
    const res = await importFile('un-xml', oneRecordUn(), 'un-1.xml');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LIST_SHRINK');
    expect(await activeCount('UN')).toBe(1003);
  });

  it('320,000 copies of one entry are one entry: refused as LIST_SHRINK, never a ballooned list', async () => {
    // the whole HTTP path with 20,000 copies (parsing CSV costs ~0.3 ms a row on this machine) …
    const res = await importFile('csl-csv', copiesOfOneEntry(20_000), 'el-copies.csv');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LIST_SHRINK');
    // … and the import step itself with all 320,000 copies of the real parsed entry
    const [entry] = parseListFile('csl-csv', { data: oneRowEntityList(), fileName: 'el-1-row.csv' } as ListInput).entries;
    const lists = t.app.get(ListsService);
    const copies = { format: 'csl-csv' as const, entries: Array(320_000).fill(entry), warnings: [] };
    await expect(lists.importParsed(copies, { format: 'csl-csv', fileName: 'copies.csv', sha256: 'f'.repeat(64), sample: false })).rejects.toThrow(
      ListSafetyError,
    );
    await expect(lists.importParsed(copies, { format: 'csl-csv', fileName: 'copies.csv', sha256: 'f'.repeat(64), sample: false })).rejects.toThrow(
      /EL: the file holds 1 distinct entries, the active version 3409/,
    );
    expect(await activeCount('EL')).toBe(3409);
  });

  it('the 2022 CSL replacing the 2026 Entity List is refused with 409 LIST_OLDER; none of its lists is imported', async () => {
    const res = await importFile('csl-csv', readFileSync(CSL_2022), 'us-csl-2022-05.csv.gz');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LIST_OLDER');
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'LIST_OLDER', list: 'EL' })]));
    expect(await activeCount('EL')).toBe(3409);
    expect(await activeCount('SDN')).toBeUndefined();
  });

  it('force=true needs a reason; a forced import is recorded with who and why', async () => {
    const noReason = await importFile('csl-csv', oneRowEntityList(), 'el-1-row.csv', { force: 'true' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message.join(' ')).toMatch(/reason/);
    const forced = await importFile('csl-csv', oneRowEntityList(), 'el-1-row.csv', { force: 'true', reason: 'drill: BIS withdrew the list' });
    expect(forced.status).toBe(200);
    expect(forced.body.forced).toMatchObject({
      by: 'Lia Lists',
      reason: 'drill: BIS withdrew the list',
      overrode: [expect.objectContaining({ code: 'LIST_SHRINK' })],
    });
    expect(await activeCount('EL')).toBe(1);
  });

  it('the CLI refuses the same files (lists import), and --force needs --reason', async () => {
    const file = join(t.dir, 'un-1.xml');
    require('fs').writeFileSync(file, oneRecordUn());
    await expect(runCli(t.dbFile, ['lists', 'import', file, '--format', 'un-xml'])).rejects.toThrow(/LIST_SHRINK: UN: the file holds 1 distinct entries/);
    await expect(runCli(t.dbFile, ['lists', 'import', file, '--format', 'un-xml', '--force'])).rejects.toThrow(/--force needs --reason/);
    const { out } = await runCli(t.dbFile, ['lists', 'import', file, '--format', 'un-xml', '--force', '--reason', 'test of a forced import']);
    expect(out).toMatch(/forced by cli:.*test of a forced import/);
  });
});

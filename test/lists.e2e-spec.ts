import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { importSharedLists, SHARED_LISTS, startTestApp, TestApp } from './helpers';

const file = (name: string) => join(SHARED_LISTS, name);

describe('lists: import through the API (real files, real SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0' });
  });
  afterAll(() => t.close());

  it('answers 503 on /health and on screening while no list is loaded', async () => {
    const h = await request(t.http).get('/health');
    expect(h.status).toBe(503);
    expect(h.body.db).toBe('ok');
    const s = await request(t.http).post('/v1/parties/screen').send({ name: 'Huawei Technologies' });
    expect(s.status).toBe(503);
  });

  it('imports the whole shared set, one file or file set per request', async () => {
    await importSharedLists(t);
    const lists = await request(t.http).get('/v1/lists');
    expect(lists.status).toBe(200);
    const byCode = Object.fromEntries(lists.body.lists.map((l: { code: string }) => [l.code, l]));
    // the newer Entity List file replaced the 2022 CSL's Entity List; the CSL's other lists stay
    expect(byCode.EL.fileName).toBe('us-csl-entity-list-2026-07.csv');
    expect(byCode.EL.entryCount).toBe(3409);
    expect(byCode.MEU.entryCount).toBe(70);
    expect(byCode.DPL.fileName).toBe('us-csl-2022-05.csv.gz');
    expect(byCode.SDN.fileName).toMatch(/ofac-sdn\.csv/);
    expect(byCode.SDN.entryCount).toBe(14965);
    expect(byCode.UN.entryCount).toBe(1003);
    expect(byCode.UN.publishDate).toBe('2026-02-27');
    expect(byCode.EU.entryCount).toBe(4);
    expect(byCode.UK.entryCount).toBe(4);
    expect(lists.body.sampleOnly).toBe(false);
    const h = await request(t.http).get('/health');
    expect(h.status).toBe(200);
    expect(h.body.lists.SDN).toBe(14965);
  });

  it('re-importing an identical file is a no-op that says so', async () => {
    const res = await request(t.http).post('/v1/lists/import').field('format', 'csl-csv').attach('file', file('us-csl-meu-2026-07.csv'));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('unchanged');
    expect(res.body.message).toMatch(/already the active version/);
  });

  it('a party-screening match carries every field of API.md, licenseRequirement null when the list states none', async () => {
    const fields = [
      'source',
      'entryId',
      'name',
      'matchedName',
      'matchedOn',
      'score',
      'type',
      'countries',
      'programs',
      'addresses',
      'licenseRequirement',
      'explanation',
    ];
    const sdn = await request(t.http)
      .post('/v1/parties/screen')
      .send({ name: 'Rosoboronexport', sources: ['SDN'], limit: 1 });
    expect(sdn.status).toBe(200);
    expect(Object.keys(sdn.body.matches[0])).toEqual(expect.arrayContaining(fields));
    expect(sdn.body.matches[0].licenseRequirement).toBeNull();
    const el = await request(t.http)
      .post('/v1/parties/screen/batch')
      .send({ parties: [{ name: 'Huawei Technologies', country: 'cn', sources: ['EL'], limit: 1 }] });
    expect(el.status).toBe(200);
    expect(Object.keys(el.body.results[0].matches[0])).toEqual(expect.arrayContaining(fields));
    expect(el.body.results[0].matches[0].licenseRequirement).toMatch(/For all items subject to the EAR/);
  });

  it('party screening takes dateOfBirth, nationality and identifiers as evidence, and rejects a bad date with 400', async () => {
    const base = { name: 'Abdul Rahman Yasin', type: 'individual', sources: ['SDN'], limit: 5 };
    const find = (body: { matches: { entryId: string; score: number; explanation: string }[] }) => body.matches.find((m) => m.entryId === '6931');
    const plain = await request(t.http).post('/v1/parties/screen').send(base);
    expect(plain.status).toBe(200);
    const conflict = await request(t.http)
      .post('/v1/parties/screen')
      .send({ ...base, dateOfBirth: '1990-02', nationality: 'fr' });
    expect(conflict.status).toBe(200);
    expect(find(conflict.body)!.score).toBeLessThan(find(plain.body)!.score);
    expect(find(conflict.body)!.explanation).toMatch(/date of birth 1990-02 differs from 1960-04-10; nationality FR not among US/);
    const id = await request(t.http)
      .post('/v1/parties/screen')
      .send({ ...base, identifiers: [{ type: 'passport', value: 'M0887925' }] });
    expect(find(id.body)!.explanation).toMatch(/identifier M0887925 matches the entry's Passport/);
    for (const bad of ['1990-13', '90-01-01', '2999-01-01', 1990]) {
      const res = await request(t.http)
        .post('/v1/parties/screen')
        .send({ ...base, dateOfBirth: bad });
      expect(res.status).toBe(400);
      expect(res.body.message.join(' | ')).toMatch(/dateOfBirth must be a date YYYY, YYYY-MM or YYYY-MM-DD/);
    }
    const badNat = await request(t.http)
      .post('/v1/parties/screen')
      .send({ ...base, nationality: 'XX' });
    expect(badNat.status).toBe(400);
  });

  it('a batch party given as an array, or an unexpected upload field -> 400 with message as an array', async () => {
    const nested = await request(t.http)
      .post('/v1/parties/screen/batch')
      .send({ parties: [[{ name: 'Huawei' }]] });
    expect(nested.status).toBe(400);
    expect(nested.body.message.join(' | ')).toMatch(/each value in parties must be an object/);
    const upload = await request(t.http).post('/v1/lists/import').field('format', 'csl-csv').attach('other', file('us-csl-meu-2026-07.csv'));
    expect(upload.status).toBe(400);
    expect(upload.body).toEqual(expect.objectContaining({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(/other/)] }));
  });

  it('rejects a truncated file with 422 naming the place, and the active version stays', async () => {
    const before = (await request(t.http).get('/v1/lists')).body.lists.find((l: { code: string }) => l.code === 'UN');
    const xml = readFileSync(file('un-consolidated.xml'));
    const truncated = xml.subarray(0, Math.floor(xml.length / 2));
    const res = await request(t.http).post('/v1/lists/import').field('format', 'un-xml').attach('file', truncated, 'un-truncated.xml');
    expect(res.status).toBe(422);
    expect(res.body.message.join(' ')).toMatch(/un-xml/);
    const after = (await request(t.http).get('/v1/lists')).body.lists.find((l: { code: string }) => l.code === 'UN');
    expect(after).toEqual(before);
  });

  it('rejects a CSV with missing columns and a file of the wrong format with 422', async () => {
    const csv = readFileSync(file('us-csl-meu-2026-07.csv'), 'utf8')
      .split('\n')
      .map((l) => l.split('","').slice(0, 5).join('","'))
      .join('\n');
    const a = await request(t.http).post('/v1/lists/import').field('format', 'csl-csv').attach('file', Buffer.from(csv), 'broken.csv');
    expect(a.status).toBe(422);
    const b = await request(t.http).post('/v1/lists/import').field('format', 'eu-xml').attach('file', file('uk-sanctions-list-excerpt.xml'));
    expect(b.status).toBe(422);
    const lists = (await request(t.http).get('/v1/lists')).body.lists;
    expect(lists.find((l: { code: string }) => l.code === 'MEU').entryCount).toBe(70);
    expect(lists.find((l: { code: string }) => l.code === 'EU').entryCount).toBe(4);
  });

  it('rejects an unknown format and a missing file with 400', async () => {
    const a = await request(t.http).post('/v1/lists/import').field('format', 'pdf').attach('file', file('us-csl-meu-2026-07.csv'));
    expect(a.status).toBe(400);
    expect(a.body.message.join(' ')).toMatch(/format must be one of/);
    const b = await request(t.http).post('/v1/lists/import').field('format', 'csl-csv');
    expect(b.status).toBe(400);
  });

  it('keeps the active versions across a restart (same database file)', async () => {
    const before = (await request(t.http).get('/v1/lists')).body.lists;
    const again = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0' }, t.dir);
    try {
      const after = (await request(again.http).get('/v1/lists')).body.lists;
      expect(after).toEqual(before);
      const s = await request(again.http).post('/v1/parties/screen').send({ name: 'Inspur Electronic Information Industry Co., Ltd.', country: 'CN' });
      expect(s.status).toBe(200);
      expect(s.body.status).toBe('match');
      expect(s.body.matches[0].source).toBe('EL');
    } finally {
      await again.app.close();
    }
  });
});

describe('lists: the bundled sample', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({});
  });
  afterAll(() => t.close());

  it('loads the sample when nothing else is loaded and says so; an official import retires it', async () => {
    const lists = await request(t.http).get('/v1/lists');
    expect(lists.body.sampleOnly).toBe(true);
    expect(lists.body.lists.length).toBeGreaterThan(0);
    expect(lists.body.lists.every((l: { sample: boolean }) => l.sample)).toBe(true);
    const h = await request(t.http).get('/health');
    expect(h.status).toBe(200);
    expect(h.body.sampleOnly).toBe(true);

    const res = await request(t.http).post('/v1/lists/import').field('format', 'un-xml').attach('file', file('un-consolidated.xml'));
    expect(res.status).toBe(200);
    const after = await request(t.http).get('/v1/lists');
    expect(after.body.sampleOnly).toBe(false);
    expect(after.body.lists.map((l: { code: string }) => l.code)).toEqual(['UN']);
  });
});

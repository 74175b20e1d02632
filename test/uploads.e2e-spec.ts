/** List uploads go to temp files in UPLOAD_DIR, are parsed from there (XML: record by record) and removed. */
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { SHARED_LISTS, startTestApp, TestApp } from './helpers';

describe('list uploads: streamed to temp files', () => {
  const uploads = mkdtempSync(join(tmpdir(), 'chipguard-uploads-'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', UPLOAD_DIR: uploads });
  });
  afterAll(async () => {
    await t.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('imports an XML list from its temp file (same entries and hash as the file) and leaves no temp file', async () => {
    const res = await request(t.http).post('/v1/lists/import').field('format', 'un-xml').attach('file', join(SHARED_LISTS, 'un-consolidated.xml'));
    expect(res.status).toBe(200);
    const lists = await request(t.http).get('/v1/lists');
    const un = lists.body.lists.find((l: { code: string }) => l.code === 'UN');
    expect(un.fileName).toBe('un-consolidated.xml');
    expect(un.entryCount).toBeGreaterThan(500);
    expect(un.sha256).toBe(
      require('crypto')
        .createHash('sha256')
        .update(require('fs').readFileSync(join(SHARED_LISTS, 'un-consolidated.xml')))
        .digest('hex'),
    );
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('a file set (ofac-csv) is read from its temp files, and a refused upload (bad format, unparsable file) leaves none either', async () => {
    const csv = await request(t.http)
      .post('/v1/lists/import')
      .field('format', 'ofac-csv')
      .attach('file', join(SHARED_LISTS, 'ofac-sdn.csv'))
      .attach('add', join(SHARED_LISTS, 'ofac-sdn-add.csv'))
      .attach('alt', join(SHARED_LISTS, 'ofac-sdn-alt.csv'));
    expect(csv.status).toBe(200);
    const bad = await request(t.http).post('/v1/lists/import').field('format', 'no-such-format').attach('file', join(SHARED_LISTS, 'us-bis-dpl.txt'));
    expect(bad.status).toBe(400);
    const unparsable = await request(t.http).post('/v1/lists/import').field('format', 'eu-xml').attach('file', join(SHARED_LISTS, 'us-bis-dpl.txt'));
    expect(unparsable.status).toBe(422);
    expect(readdirSync(uploads)).toEqual([]);
  });
});

import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { AuthService } from '../src/auth/auth.service';
import { Role } from '../src/auth/roles';
import { SHARED_LISTS, startTestApp, TestApp } from './helpers';

jest.setTimeout(180_000);

/** the Unverified List rows of the 2025-format CSL sample (a review-severity list: a match is held, not denied) */
const uvlOnly = () => {
  const lines = readFileSync(join(SHARED_LISTS, 'us-csl-2025-format-sample.csv'), 'utf8').split('\n');
  return Buffer.from([lines[0], ...lines.filter((l) => l.includes('Unverified List (UVL)'))].join('\n') + '\n');
};
const LISTED = { name: 'Atlas Sanatgaran', country: 'AM', address: 'Komitas 26/114, Yerevan' };
const SE = { name: 'Nordic Compute AB', country: 'SE' };
const order = (reference: string, buyer: Record<string, unknown> = SE, extra: Record<string, unknown> = {}) => ({
  reference,
  date: '2026-03-02',
  buyer,
  endUser: buyer,
  shipTo: { name: 'Site', country: buyer.country as string },
  items: [{ model: 'L4', quantity: 8 }],
  ...extra,
});

describe('accountability: by is the key, four eyes, allow-list (real app, real SQLite)', () => {
  let t: TestApp;
  const key: Record<string, string> = {};
  const as = (who: string) => ({ 'X-API-Key': key[who] });
  const screen = async (body: object) => {
    const res = await request(t.http).post('/v1/transactions/screen').set(as('screener')).send(body);
    expect(res.status).toBe(200);
    return res.body as { id: string; decision: string; reasons: { code: string; evidence: { source?: string; entryId?: string } }[] };
  };
  const dispose = (id: string, who: string, body: Record<string, unknown>) => request(t.http).post(`/v1/decisions/${id}/disposition`).set(as(who)).send(body);

  async function start(dir?: string) {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' }, dir);
  }

  beforeAll(async () => {
    await start();
    const auth = t.app.get(AuthService);
    const people: [string, Role][] = [
      ['Ana Reviewer', 'reviewer'],
      ['Ben Reviewer', 'reviewer'],
      ['Sam Screener', 'screener'],
      ['Lia Lists', 'list_admin'],
    ];
    for (const [name, role] of people) key[name.split(' ')[0].toLowerCase()] = (await auth.createKey(name, role, 'test')).key;
    key.screener = key.sam;
    const imported = await request(t.http).post('/v1/lists/import').set(as('lia')).field('format', 'csl-csv').attach('file', uvlOnly(), 'uvl.csv');
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    if (t) rmSync(t.dir, { recursive: true, force: true });
  });

  it("a disposition's by is the key's name; another name in the body is a 400", async () => {
    const d = await screen(order('PO-NOEU', SE, { endUser: undefined }));
    expect(d.decision).toBe('review');
    const impostor = await dispose(d.id, 'ana', { action: 'release', by: 'Ben Reviewer' });
    expect(impostor.status).toBe(400);
    expect(impostor.body.message.join(' ')).toMatch(/by: must be the authenticated key's name/);
    const res = await dispose(d.id, 'ana', { action: 'release', note: 'end user confirmed' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('released'); // no list match, no deny reason: one reviewer suffices
    expect(res.body.disposition.by).toBe('Ana Reviewer');
    // a second, conflicting disposition is a 409, and a second release by someone else too (never a silent 200)
    expect((await dispose(d.id, 'ben', { action: 'block' })).status).toBe(409);
    expect((await dispose(d.id, 'ben', { action: 'release' })).status).toBe(409);
    const retry = await dispose(d.id, 'ana', { action: 'release' });
    expect(retry.status).toBe(200);
    expect(retry.body.alreadyDisposed).toBe(true);
  });

  it('a second reviewer may refuse a pending release (block)', async () => {
    const d = await screen(order('PO-UVL-D', LISTED));
    expect(d.decision).toBe('review');
    expect((await dispose(d.id, 'ana', { action: 'release' })).body.status).toBe('pending_approval');
    const blocked = await dispose(d.id, 'ben', { action: 'block', note: 'not convinced' });
    expect(blocked.body.status).toBe('blocked');
  });

  it('four eyes: a listed party needs two different reviewers; the first release is pending_approval', async () => {
    const d = await screen(order('PO-UVL', LISTED));
    expect(d.decision).toBe('review');
    const uvl = d.reasons.find((r) => r.evidence.source === 'UVL')!;
    const first = await dispose(d.id, 'ana', {
      action: 'release',
      note: 'different company',
      falsePositives: [{ subject: 'buyer', source: 'UVL', entryId: uvl.evidence.entryId }],
    });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('pending_approval');
    expect(first.body.disposition).toMatchObject({ action: 'release', by: 'Ana Reviewer', fourEyes: true });
    // not yet suppressed: the next order of that party is still held on the match
    expect((await screen(order('PO-UVL-B', LISTED))).reasons.some((r) => r.evidence.source === 'UVL')).toBe(true);
    const queue = await request(t.http).get('/v1/decisions?status=pending_approval').set(as('ben'));
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([d.id]); // PO-UVL-D was blocked

    const same = await dispose(d.id, 'ana', { action: 'release' });
    expect(same.status).toBe(409);
    expect(same.body.message).toMatch(/second reviewer/);
    const second = await dispose(d.id, 'ben', { action: 'release', note: 'agreed' });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('released');
    expect(second.body.dispositions.map((x: { action: string; by: string }) => `${x.action} ${x.by}`)).toEqual([
      'release Ana Reviewer',
      'approve Ben Reviewer',
    ]);
    // released with the reviewed false positive: now suppressed for this party
    expect((await screen(order('PO-UVL-C', LISTED))).reasons.some((r) => r.evidence.source === 'UVL')).toBe(false);
    expect((await dispose(d.id, 'ben', { action: 'block' })).status).toBe(409);
  });

  it('the allow-list records who, why, when and until when; it is listed and revocable', async () => {
    const screenerList = await request(t.http).get('/v1/allowlist').set(as('sam'));
    expect(screenerList.status).toBe(403);
    const list = await request(t.http).get('/v1/allowlist').set(as('ana'));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const entry = list.body.items[0];
    expect(entry).toMatchObject({ source: 'UVL', by: 'Ana Reviewer (approved by Ben Reviewer)', note: 'different company', inForce: true });
    const days = (Date.parse(entry.expiresAt) - Date.parse(entry.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(365, 3);

    const revoked = await request(t.http).delete(`/v1/allowlist/${entry.id}`).set(as('ben')).send({ reason: 'owners now shared' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revokedBy: 'Ben Reviewer', revokeReason: 'owners now shared', inForce: false });
    expect((await request(t.http).delete(`/v1/allowlist/${entry.id}`).set(as('ben'))).status).toBe(404);
    expect((await request(t.http).get('/v1/allowlist').set(as('ana'))).body.items).toHaveLength(0);
    expect((await request(t.http).get('/v1/allowlist?all=true').set(as('ana'))).body.items).toHaveLength(1);
    // the match shows again
    expect((await screen(order('PO-UVL-E', LISTED))).reasons.some((r) => r.evidence.source === 'UVL')).toBe(true);
  });

  it('an allow-list entry stops suppressing when it expires', async () => {
    const d = await screen(order('PO-UVL-F', LISTED));
    const uvl = d.reasons.find((r) => r.evidence.source === 'UVL')!;
    await dispose(d.id, 'ana', { action: 'release', falsePositives: [{ subject: 'buyer', source: 'UVL', entryId: uvl.evidence.entryId }] });
    expect((await dispose(d.id, 'ben', { action: 'release' })).body.status).toBe('released');
    expect((await screen(order('PO-UVL-G', LISTED))).reasons.some((r) => r.evidence.source === 'UVL')).toBe(false);
    // move its expiry into the past in the database and restart the service on the same file
    const dir = t.dir;
    await t.app.close();
    const sqlite3 = require('sqlite3');
    const db = new sqlite3.Database(join(dir, 'test.sqlite'));
    await new Promise((r, j) =>
      db.run(`UPDATE screening_allow SET expiresAt = '2020-01-01T00:00:00.000Z' WHERE revokedAt IS NULL`, (e: Error) => (e ? j(e) : r(0))),
    );
    await new Promise((r) => db.close(r));
    await start(dir);
    expect((await screen(order('PO-UVL-H', LISTED))).reasons.some((r) => r.evidence.source === 'UVL')).toBe(true);
  });
});

import { copyFileSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { AuthService } from '../src/auth/auth.service';
import { runCli, SHARED_LISTS, startTestApp, TestApp } from './helpers';

jest.setTimeout(300_000);

const sqlite3 = require('sqlite3');

function sql(file: string, statements: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.serialize(() => {
      for (const s of statements) db.run(s, (e: Error | null) => e && reject(e));
      db.close((e: Error | null) => (e ? reject(e) : resolve()));
    });
  });
}

const uvlOnly = () => {
  const lines = readFileSync(join(SHARED_LISTS, 'us-csl-2025-format-sample.csv'), 'utf8').split('\n');
  return Buffer.from([lines[0], ...lines.filter((l) => l.includes('Unverified List (UVL)'))].join('\n') + '\n');
};

describe('tamper evidence: verify detects edits and deletions of every chained kind', () => {
  let t: TestApp;
  let dbFile = '';
  let head = '';
  let n = 0;
  /** a copy of the intact database, tampered with by `statements`, then verified by the CLI */
  const tampered = async (statements: string[], args: string[] = []) => {
    const copy = join(t.dir, `copy-${++n}.sqlite`);
    copyFileSync(dbFile, copy);
    await sql(copy, statements);
    return runCli(copy, ['verify', ...args]);
  };

  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '36500' });
    const auth = t.app.get(AuthService);
    const key = {
      ana: (await auth.createKey('Ana Reviewer', 'reviewer', 'test')).key,
      ben: (await auth.createKey('Ben Reviewer', 'reviewer', 'test')).key,
      lia: (await auth.createKey('Lia Lists', 'list_admin', 'test')).key,
    };
    await auth.revokeKey('Lia Lists', 'test');
    const lia2 = (await auth.createKey('Lia Lists', 'list_admin', 'test')).key;
    expect((await request(t.http).post('/v1/lists/import').set('X-API-Key', lia2).field('format', 'csl-csv').attach('file', uvlOnly(), 'uvl.csv')).status).toBe(
      200,
    );
    const listed = { name: 'Atlas Sanatgaran', country: 'AM', address: 'Komitas 26/114, Yerevan' };
    const d = await request(t.http)
      .post('/v1/transactions/screen')
      .set('X-API-Key', key.ana)
      .send({ date: '2026-03-02', buyer: listed, endUser: listed, shipTo: { name: 'Site', country: 'AM' }, items: [{ model: 'L4', quantity: 8 }] });
    expect(d.body.decision).toBe('review');
    const uvl = d.body.reasons.find((r: { evidence: { source?: string } }) => r.evidence.source === 'UVL');
    const fp = [{ subject: 'buyer', source: 'UVL', entryId: uvl.evidence.entryId }];
    expect(
      (await request(t.http).post(`/v1/decisions/${d.body.id}/disposition`).set('X-API-Key', key.ana).send({ action: 'release', falsePositives: fp })).status,
    ).toBe(200);
    expect((await request(t.http).post(`/v1/decisions/${d.body.id}/disposition`).set('X-API-Key', key.ben).send({ action: 'release' })).body.status).toBe(
      'released',
    );
    dbFile = t.dbFile;
    await t.app.close(); // a clean file to copy (WAL checkpointed)
  });

  afterAll(() => {
    if (t) rmSync(t.dir, { recursive: true, force: true });
  });

  it('the intact database verifies and prints its head (count, hash, time)', async () => {
    const { out, exitCode } = await runCli(dbFile, ['verify']);
    expect(exitCode).toBeUndefined();
    expect(out).toMatch(/^chain ok: \d+ record\(s\) \(1 decisions, 2 dispositions, \d+ events\)/);
    const m = /head: seq (\d+) hash ([0-9a-f]{64}) at (\S+)/.exec(out)!;
    expect(m).not.toBeNull();
    head = m[2];
    expect((await runCli(dbFile, ['verify', '--expect-head', head])).out).toMatch(/expected head found at seq/);
  });

  it.each([
    [
      'an allow-list entry edited (expiry pushed out)',
      [`UPDATE screening_allow SET expiresAt = '2099-01-01T00:00:00.000Z'`],
      /record screening_allow \d+: expiresAt differs from its chained record/,
    ],
    ['an allow-list entry deleted', ['DELETE FROM screening_allow'], /chained allow-list entry is missing/],
    [
      'an allow-list entry added outside chipguard',
      [`INSERT INTO screening_allow (partyKey, source, entryId, by, createdAt, expiresAt) VALUES ('huawei|cn', 'EL', '1', 'x', '2026-01-01', '2099-01-01')`],
      /allow-list entry without a chained record/,
    ],
    ['a key role raised', [`UPDATE api_key SET role = 'admin' WHERE name = 'Ana Reviewer'`], /record api_key \d+: name or role differs/],
    [
      'a key slipped into the table',
      [`INSERT INTO api_key (name, role, keyHash, createdAt) VALUES ('backdoor', 'admin', '${'a'.repeat(64)}', '2026-01-01')`],
      /key "backdoor" has no chained creation/,
    ],
    ['a revoked key un-revoked', [`UPDATE api_key SET revokedAt = NULL`], /revoked key\(s\) named "Lia Lists"/],
    ['a list version edited (entry count)', [`UPDATE list_version SET entryCount = entryCount + 1`], /record list_version \d+: UVL entry count differs/],
    ['a list version swapped (sha256)', [`UPDATE list_version SET sha256 = '${'b'.repeat(64)}'`], /sha256 differs from the chained import/],
    [
      'a chained event edited',
      [`UPDATE chain_event SET data = replace(data, 'reviewer', 'admin') WHERE kind = 'key.create'`],
      /chain BROKEN at record seq \d+ \(event key\.create.*content altered/,
    ],
    [
      'the newest record deleted (the head row left)',
      [`DELETE FROM screening_allow`, `DELETE FROM chain_event WHERE seq = (SELECT MAX(seq) FROM chain_event)`],
      /the newest record\(s\) were deleted/,
    ],
  ])('%s: verify fails', async (_name, statements, message) => {
    const { out, exitCode } = await tampered(statements as string[]);
    expect(out).toMatch(message as RegExp);
    expect(exitCode).toBe(1);
  });

  it('the newest records deleted with the head rolled back: only --expect-head (a head kept elsewhere) catches it', async () => {
    const rollback = [
      `DELETE FROM disposition WHERE seq = (SELECT MAX(seq) FROM disposition)`,
      `UPDATE decision SET status = 'pending_approval'`,
      `DELETE FROM screening_allow`,
      `DELETE FROM chain_event WHERE seq > (SELECT MAX(seq) FROM disposition)`,
      `UPDATE chain_head SET seq = (SELECT MAX(seq) FROM disposition), hash = (SELECT hash FROM disposition WHERE seq = (SELECT MAX(seq) FROM disposition))`,
    ];
    const plain = await tampered(rollback);
    expect(plain.out).toMatch(/^chain ok/); // self-consistent: nothing inside the database shows the cut
    const kept = await tampered(rollback, ['--expect-head', head]);
    expect(kept.out).toContain(`expected head ${head} is not in the chain`);
    expect(kept.exitCode).toBe(1);
  });
});

import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service';
import { writeTransaction } from '../src/database/write-transaction';
import { runCli, startTestApp, TestApp } from './helpers';

jest.setTimeout(120_000);

/**
 * TypeORM's SQLite driver runs all of a process's queries on one connection: while one of the service's own
 * transactions is open, a plain read runs inside it and sees the database as of that transaction's start. A key
 * that the CLI (another connection) creates meanwhile must still work at once, not be refused (401) and cached.
 */
describe('a key created by the CLI while the service is inside a transaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0' });
  });
  afterAll(async () => t?.close());

  it('is accepted as soon as it exists, and the service stays out of local mode', async () => {
    const auth = t.app.get(AuthService);
    const db = t.app.get(DataSource);
    // a write transaction of the service that has read (its snapshot is fixed) and is still busy
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reading!: () => void;
    const hasRead = new Promise<void>((r) => (reading = r));
    const busy = writeTransaction(db, async (tx) => {
      await tx.query('SELECT COUNT(*) FROM api_key');
      reading();
      await gate;
    });
    await hasRead;
    const { out } = await runCli(t.dbFile, ['keys', 'create', '--name', 'Late Key', '--role', 'auditor']);
    const key = out.trim().split('\n').pop()!;
    const principal = auth.authenticateKey(key);
    const local = auth.localMode();
    setTimeout(release, 50);
    await busy;
    expect(await principal).toEqual(expect.objectContaining({ name: 'Late Key', role: 'auditor', via: 'key' }));
    expect(await local).toBe(false);
  });
});

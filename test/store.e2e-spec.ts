import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DecisionStore, NewDecision } from '../src/database/decision-store';
import { DecisionsService } from '../src/decisions/decisions.service';
import { ListsService } from '../src/lists/lists.service';
import { sharedImportFiles } from '../src/lists/list-files.testing';
import { startTestApp, TestApp } from './helpers';

/** Two writers on one SQLite file (the service and a CLI, say) must not fork the hash chain. */
describe('decision store: one hash chain across writers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-store-'));
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0' }, dir);
    b = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0' }, dir);
  });
  afterAll(async () => {
    await a.app.close();
    await b.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (id: string): NewDecision => ({
    id,
    kind: 'transaction',
    reference: id,
    decision: 'allow',
    status: 'closed',
    orderDate: '2026-11-20',
    createdAt: new Date().toISOString(),
    rulesVersion: 'test',
    listVersions: '{}',
    buyerKey: 'acme',
    acceleratorCount: 1,
    historyKeys: '[]',
    partyNames: '|acme|',
    reasonCodes: '||',
    matchedSources: '||',
    request: '{}',
    response: '{}',
  });

  it('interleaved writes from two app instances form one unbroken chain', async () => {
    const sa = a.app.get(DecisionStore);
    const sb = b.app.get(DecisionStore);
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      writes.push(sa.writeDecision(row(`dec_a${i}`)));
      writes.push(sb.writeDecision(row(`dec_b${i}`)));
    }
    await Promise.all(writes);
    const report = await a.app.get(DecisionsService).verifyChain();
    expect(report.ok).toBe(true);
    expect(report.records).toBe(80);
  });

  it('decisions written while a list import is in flight are all kept, and the import is whole', async () => {
    const store = a.app.get(DecisionStore);
    const lists = a.app.get(ListsService);
    const importing = lists.importFiles('ofac-csv', sharedImportFiles(['ofac-sdn.csv', 'ofac-sdn-add.csv', 'ofac-sdn-alt.csv', 'ofac-sdn-comments.csv']));
    const writes = Array.from({ length: 30 }, (_, i) => new Promise((r) => setTimeout(r, i * 20)).then(() => store.writeDecision(row(`dec_c${i}`))));
    const [imported] = await Promise.all([importing, ...writes]);
    expect(imported.codes).toEqual([expect.objectContaining({ code: 'SDN', entryCount: 14965 })]);
    const db = a.app.get(DecisionsService);
    const report = await db.verifyChain();
    expect(report.ok).toBe(true);
    expect(report.decisions + report.dispositions).toBe(110);
    expect(report.events).toBe(1); // the list import, chained with the decisions
    const [{ n }] = await store.db.query('SELECT COUNT(*) AS n FROM list_entry WHERE versionId = ?', [imported.codes[0].versionId]);
    expect(Number(n)).toBe(14965);
  });

  it('two instances disposing the same held decision: one wins, the other gets a conflict', async () => {
    const held = { ...row('dec_held'), decision: 'review', status: 'open' };
    await a.app.get(DecisionStore).writeDecision(held);
    const results = await Promise.allSettled([
      a.app.get(DecisionsService).dispose('dec_held', { action: 'release', by: 'officer-a' }),
      b.app.get(DecisionsService).dispose('dec_held', { action: 'block', by: 'officer-b' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.getStatus()).toBe(409);
    const stored = await a.app.get(DecisionsService).get('dec_held');
    expect(stored.dispositions).toHaveLength(1);
    expect((await a.app.get(DecisionsService).verifyChain()).ok).toBe(true);
  });

  it('a record the database refuses fails alone: the decisions committed in the same group are still written', async () => {
    const store = a.app.get(DecisionStore);
    const writes = [store.writeDecision(row('dec_g1')), store.writeDecision({ ...row('dec_gbad'), acceleratorCount: NaN }), store.writeDecision(row('dec_g2'))];
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = await store.db.query("SELECT id FROM decision WHERE id IN ('dec_g1', 'dec_gbad', 'dec_g2') ORDER BY id");
    expect(ids.map((r: { id: string }) => r.id)).toEqual(['dec_g1', 'dec_g2']);
    expect((await a.app.get(DecisionsService).verifyChain()).ok).toBe(true);
  });
});

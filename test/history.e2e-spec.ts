/**
 * The order history lives in the database (indexed queries behind a bounded cache): the history red flags
 * work across a restart, and a large stored history is neither loaded at start nor held in memory.
 */
import request from 'supertest';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DecisionKeyRow, DecisionRow } from '../src/database/entities';
import { BUYER_SUMMARY_REBUILD } from '../src/database/history-db';
import { TransactionsService } from '../src/transactions/transactions.service';
import { checkBuyerSummary } from './buyer-summary-check';
import { startTestApp, TestApp } from './helpers';

const ENV = { LIST_MAX_AGE_DAYS: '36500', HISTORY_CACHE_RECORDS: '200' };

const largeOrder = (buyer: string) => ({
  buyer: { name: buyer, country: 'DE', address: 'Hauptstraße 1, Berlin' },
  endUser: { name: buyer, country: 'DE' },
  items: [{ model: 'H100 SXM5 80GB', quantity: 80 }],
  endUse: 'LLM training',
});

/** Small orders from different buyers sharing one address (the structuring "related buyers" pattern). */
const relatedOrder = (buyer: string) => ({
  buyer: { name: buyer, country: 'SG', address: '12 Harbour Road, #05-01, Singapore 039593' },
  endUser: { name: buyer, country: 'SG' },
  items: [{ model: 'H100 SXM5 80GB', quantity: 40 }],
  endUse: 'AI research',
});

interface Reason {
  code: string;
  evidence?: { pattern?: string; buyers?: string[]; storedOrders?: number };
}

async function reasons(t: TestApp, body: object): Promise<Reason[]> {
  const res = await request(t.http).post('/v1/transactions/screen').send(body);
  expect(res.status).toBe(200);
  return res.body.reasons as Reason[];
}

const firstLarge = (rs: Reason[]) => rs.filter((r) => r.code === 'FIRST_LARGE_ORDER' && r.evidence?.storedOrders !== undefined);
const relatedBuyers = (rs: Reason[]) => rs.find((r) => r.code === 'FIRST_LARGE_ORDER' && r.evidence?.pattern === 'related_buyers');

describe('order history from the database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-history-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the history red flags see the orders stored before a restart', async () => {
    let t = await startTestApp(ENV, dir);
    try {
      expect(firstLarge(await reasons(t, largeOrder('Spree Rechenzentrum GmbH')))).toHaveLength(1);
      expect(firstLarge(await reasons(t, largeOrder('Spree Rechenzentrum GmbH')))).toHaveLength(0);
      expect(relatedBuyers(await reasons(t, relatedOrder('Harbour Alpha Trading Pte Ltd')))).toBeUndefined();
      expect(relatedBuyers(await reasons(t, relatedOrder('Harbour Beta Trading Pte Ltd')))).toBeUndefined();
    } finally {
      await t.app.close();
    }
    t = await startTestApp(ENV, dir);
    try {
      // nothing of the history is loaded at start
      expect(t.app.get(TransactionsService).history.cachedRecords).toBe(0);
      expect(firstLarge(await reasons(t, largeOrder('Spree Rechenzentrum GmbH')))).toHaveLength(0);
      expect(firstLarge(await reasons(t, largeOrder('Havel Compute GmbH')))).toHaveLength(1);
      const hit = relatedBuyers(await reasons(t, relatedOrder('Harbour Gamma Trading Pte Ltd')));
      expect(hit?.evidence?.buyers).toEqual(['harbour alpha trading', 'harbour beta trading', 'harbour gamma trading']);
    } finally {
      await t.app.close();
    }
  });

  it('the per-buyer summary kept with each group commit equals the one summed from the stored decisions', async () => {
    const t = await startTestApp(ENV, dir);
    try {
      await checkBuyerSummary(t.app, 'summary check');
    } finally {
      await t.app.close();
    }
  });

  it('a large stored history is answered from the database, while the cache stays within its capacity', async () => {
    const t = await startTestApp(ENV, dir);
    try {
      const db = t.app.get(TransactionsService).store.db;
      // 20,000 stored orders of 2,000 buyers, written straight into the tables (the chain is not the point here)
      const at = new Date(Date.now() - 86_400_000).toISOString();
      const decisions: Partial<DecisionRow>[] = [];
      const keys: DecisionKeyRow[] = [];
      for (let i = 0; i < 20_000; i++) {
        const buyerKey = `seeded buyer ${i % 2000}`;
        const seq = 1_000_000 + i;
        decisions.push({
          id: `dec_seed${i}`,
          seq,
          kind: 'transaction',
          reference: null,
          decision: 'allow',
          status: 'closed',
          orderDate: at.slice(0, 10),
          createdAt: at,
          rulesVersion: 'seed',
          listVersions: '{}',
          buyerKey,
          acceleratorCount: 8,
          historyKeys: JSON.stringify([`n:${buyerKey}`]),
          partyNames: '||',
          reasonCodes: '||',
          matchedSources: '||',
          request: '{}',
          response: '{}',
          prevHash: '0',
          hash: '0',
        });
        keys.push({ key: `n:${buyerKey}`, createdAt: at, seq, buyerKey, acceleratorCount: 8 });
      }
      for (let i = 0; i < decisions.length; i += 500) {
        await db
          .createQueryBuilder()
          .insert()
          .into(DecisionRow)
          .values(decisions.slice(i, i + 500))
          .updateEntity(false)
          .execute();
        await db
          .createQueryBuilder()
          .insert()
          .into(DecisionKeyRow)
          .values(keys.slice(i, i + 500))
          .updateEntity(false)
          .execute();
      }
      // rows written around the store: summed once, as the migration sums an upgraded database
      for (const sql of BUYER_SUMMARY_REBUILD) await db.query(sql);
      const history = t.app.get(TransactionsService).history;
      const now = new Date().toISOString();
      for (let b = 0; b < 300; b++) {
        const summary = await history.buyerSummary(`seeded buyer ${b}`, now);
        expect(summary).toEqual({ orderCount: 10, acceleratorTotal: 80, firstSeen: at });
        const related = await history.recentRelatedOrders(
          { buyerKey: `seeded buyer ${b}`, keys: [`n:seeded buyer ${b}`] },
          new Date(Date.now() - 30 * 86_400_000).toISOString(),
        );
        expect(related).toHaveLength(10);
        expect(history.cachedRecords).toBeLessThanOrEqual(200);
      }
      // a seeded buyer is not a first-time buyer, through the HTTP API too
      expect(firstLarge(await reasons(t, largeOrder('Seeded Buyer 7')))).toHaveLength(0);
    } finally {
      await t.app.close();
    }
  });
});

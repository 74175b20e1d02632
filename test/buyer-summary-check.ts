/**
 * The buyer summary kept with each group commit equals the one summed from the stored decisions (the migration's
 * rebuild), and both equal what the test wrote: for SQLite (test/history.e2e-spec.ts) and PostgreSQL.
 */
import { INestApplication } from '@nestjs/common';
import { DecisionStore } from '../src/database/decision-store';
import { BUYER_SUMMARY_REBUILD } from '../src/database/history-db';

interface Written {
  buyerKey: string;
  createdAt: string;
  acceleratorCount: number;
}

/** Writes orders of a few buyers through the store, several per group and out of time order, some at one instant. */
export async function checkBuyerSummary(app: INestApplication, prefix: string): Promise<void> {
  const store = app.get(DecisionStore);
  const base = Date.parse('2026-11-01T00:00:00.000Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  const written: Written[] = [];
  // buyer 0: three orders at the same newest instant; buyer 1: an older order arrives after a newer one;
  // buyer 2: one order; buyer 3: the newest instant is reached again in a later group
  const groups: [number, number, number][][] = [
    [
      [0, 10, 4],
      [0, 10, 6],
      [1, 30, 8],
      [1, 5, 2],
      [2, 7, 16],
      [3, 20, 1],
    ],
    [
      [0, 10, 1],
      [1, 20, 3],
      [3, 20, 5],
      [3, 15, 7],
    ],
    [
      [0, 9, 100],
      [3, 21, 2],
    ],
  ];
  let n = 0;
  for (const group of groups) {
    await Promise.all(
      group.map(([buyer, minutes, accelerators]) => {
        const w = { buyerKey: `${prefix} buyer ${buyer}`, createdAt: at(minutes), acceleratorCount: accelerators };
        written.push(w);
        n++;
        const id = `dec_${prefix.replace(/\W/g, '')}${String(n).padStart(4, '0')}`;
        return store.writeDecision({
          id,
          kind: 'transaction',
          reference: null,
          decision: 'allow',
          status: 'closed',
          orderDate: w.createdAt.slice(0, 10),
          createdAt: w.createdAt,
          rulesVersion: 'test',
          listVersions: '{}',
          buyerKey: w.buyerKey,
          acceleratorCount: w.acceleratorCount,
          historyKeys: '[]',
          partyNames: '||',
          reasonCodes: '||',
          matchedSources: '||',
          request: JSON.stringify({ buyer: { name: w.buyerKey, country: 'DE' }, items: [] }),
          response: JSON.stringify({ id, createdAt: w.createdAt, decision: 'allow', reasons: [], parties: [], items: [], riskScore: 0 }),
        } as never);
      }),
    );
  }
  const expected = new Map<string, object>();
  for (const key of new Set(written.map((w) => w.buyerKey))) {
    const mine = written.filter((w) => w.buyerKey === key);
    const newest = mine
      .map((w) => w.createdAt)
      .sort()
      .pop()!;
    const atNewest = mine.filter((w) => w.createdAt === newest);
    expected.set(key, {
      orderCount: mine.length,
      acceleratorTotal: mine.reduce((s, w) => s + w.acceleratorCount, 0),
      firstSeen: mine.map((w) => w.createdAt).sort()[0],
      newest,
      newestCount: atNewest.length,
      newestTotal: atNewest.reduce((s, w) => s + w.acceleratorCount, 0),
    });
  }
  const db = store.db;
  const pg = db.options.type === 'postgres';
  const read = async () => {
    const rows = (await db.query(`SELECT * FROM buyer_summary WHERE "buyerKey" LIKE ${pg ? '$1' : '?'} ORDER BY "buyerKey"`, [`${prefix} buyer %`])) as Record<
      string,
      unknown
    >[];
    return new Map(
      rows.map((r) => [
        String(r.buyerKey),
        {
          orderCount: Number(r.orderCount),
          acceleratorTotal: Number(r.acceleratorTotal),
          firstSeen: r.firstSeen,
          newest: r.newest,
          newestCount: Number(r.newestCount),
          newestTotal: Number(r.newestTotal),
        },
      ]),
    );
  };
  expect(await read()).toEqual(expected);
  for (const sql of BUYER_SUMMARY_REBUILD) await db.query(sql);
  expect(await read()).toEqual(expected);
}

import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'crypto';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import type { Reason } from '../common/reason';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DecisionRow } from '../database/entities';
import { NetworkMetaRow } from '../database/network-entities';
import { writeTransaction } from '../database/write-transaction';
import { DecisionFacts, DecisionOutcome, loadPowerTable } from './decision-facts';
import { withNetworkReasons } from './flags';
import { STRONG_LINK } from './identifiers';
import { buyerKey } from '../risk/keys';
import { GraphNode, GraphValue, HashedValue, Hasher, MEMBER_CAP } from './link-graph';
import { GraphDelta, GraphStore, NetworkEngine, NetworkView, orderOf } from './network-engine';

/** How long ingested decisions wait to be persisted together (a crash in between is replayed on start). */
const FLUSH_DELAY_MS = 200;
/** Orders older than this are not read back into memory (the longest window flag is 365 days). */
const ORDER_HORIZON_DAYS = 400;

interface Pending {
  delta: GraphDelta;
  seq: number;
}

type Row = Record<string, unknown>;

/**
 * The link graph's store: the network_* tables, read with plain indexed queries (network_member's primary
 * key starts with the value hash; nodeId and network_order.nodeId are indexed). Updates not yet persisted
 * (`unsaved`) are laid over what the tables return, so a value read back from the database between a
 * decision and its group write is complete.
 */
class DatabaseGraphStore implements GraphStore {
  constructor(
    private readonly db: DataSource,
    private readonly unsaved: () => GraphDelta[],
  ) {}

  private get postgres(): boolean {
    return this.db.options.type === 'postgres';
  }

  private ph(i: number): string {
    return this.postgres ? `$${i}` : '?';
  }

  async values(hashes: string[]): Promise<GraphValue[]> {
    const byHash = new Map<string, GraphValue>();
    for (let i = 0; i < hashes.length; i += 50) {
      const chunk = hashes.slice(i, i + 50);
      // per value at most MEMBER_CAP + 1 members: a value held by more links nobody (it weighs too little)
      const sql = chunk
        .map(
          (_, j) =>
            `SELECT * FROM (SELECT "valueHash", "nodeId", "type", "hint" FROM network_member WHERE "valueHash" = ${this.ph(j + 1)} LIMIT ${MEMBER_CAP + 1}) q${j}`,
        )
        .join(' UNION ALL ');
      for (const r of (await this.db.query(sql, chunk)) as Row[]) {
        const hash = String(r.valueHash);
        let v = byHash.get(hash);
        if (!v) byHash.set(hash, (v = { hash, type: String(r.type) as never, hint: String(r.hint), df: 0, members: [] }));
        v.members!.push(String(r.nodeId));
        v.df++;
      }
    }
    const wanted = new Set(hashes);
    for (const d of this.unsaved())
      for (const m of d.members) {
        if (!wanted.has(m.valueHash)) continue;
        let v = byHash.get(m.valueHash);
        if (!v) byHash.set(m.valueHash, (v = { hash: m.valueHash, type: m.type as never, hint: m.hint, df: 0, members: [] }));
        if (v.members && !v.members.includes(m.nodeId)) {
          v.members.push(m.nodeId);
          v.df++;
        }
      }
    for (const v of byHash.values()) if (v.members && v.members.length > MEMBER_CAP) v.members = null;
    return [...byHash.values()];
  }

  async nodes(ids: string[]): Promise<GraphNode[]> {
    const out = new Map<string, GraphNode>();
    const since = new Date(Date.now() - ORDER_HORIZON_DAYS * 86_400_000).toISOString();
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      const list = chunk.map((_, j) => this.ph(j + 1)).join(', ');
      for (const r of (await this.db.query(
        `SELECT "id", "kind", "name", "source", "listed", "denied" FROM network_node WHERE "id" IN (${list})`,
        chunk,
      )) as Row[]) {
        const id = String(r.id);
        out.set(id, {
          id,
          kind: r.kind === 'account' ? 'account' : 'party',
          name: String(r.name),
          source: String(r.source),
          listed: !!r.listed,
          denied: !!r.denied,
          decisionIds: [],
          orders: [],
        });
      }
      if (!out.size) continue;
      const orders = (await this.db.query(
        `SELECT * FROM network_order WHERE "nodeId" IN (${list}) AND "createdAt" >= ${this.ph(chunk.length + 1)} ORDER BY "createdAt"`,
        [...chunk, since],
      )) as Row[];
      for (const r of orders) {
        const n = out.get(String(r.nodeId));
        if (!n) continue;
        const o = orderOf(r as never);
        n.orders.push(o);
        if (!n.decisionIds.includes(o.decisionId)) n.decisionIds.push(o.decisionId);
      }
    }
    for (const d of this.unsaved()) {
      for (const p of d.nodes) {
        const n = out.get(p.id);
        if (n) {
          n.listed ||= p.listed;
          n.denied ||= p.denied;
        } else if (ids.includes(p.id)) out.set(p.id, { ...p, decisionIds: [], orders: [] });
      }
      for (const o of d.orders) {
        const n = out.get(o.nodeId);
        if (n && !n.orders.some((x) => x.decisionId === o.decisionId && x.role === o.role)) {
          n.orders.push(orderOf(o));
          if (!n.decisionIds.includes(o.decisionId)) n.decisionIds.push(o.decisionId);
        }
      }
    }
    for (const n of out.values()) {
      n.orders.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
      if (n.orders.length > 500) n.orders.splice(0, n.orders.length - 500);
      if (n.decisionIds.length > 200) n.decisionIds.splice(0, n.decisionIds.length - 200);
    }
    return [...out.values()];
  }

  async valuesOfNode(nodeId: string): Promise<HashedValue[]> {
    const rows = (await this.db.query(`SELECT "valueHash", "type", "hint" FROM network_member WHERE "nodeId" = ${this.ph(1)}`, [nodeId])) as Row[];
    const out = new Map<string, HashedValue>(
      rows.map((r) => [String(r.valueHash), { hash: String(r.valueHash), type: String(r.type) as never, hint: String(r.hint) }]),
    );
    for (const d of this.unsaved())
      for (const m of d.members)
        if (m.nodeId === nodeId && !out.has(m.valueHash)) out.set(m.valueHash, { hash: m.valueHash, type: m.type as never, hint: m.hint });
    return [...out.values()];
  }

  /** Multi-row INSERT … ON CONFLICT (SQLite 3.24+ and PostgreSQL), in chunks under both drivers' parameter limits. */
  async insert(tx: EntityManager, table: string, columns: string[], rows: unknown[][], conflict: string): Promise<void> {
    const per = Math.max(1, Math.floor(900 / columns.length));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      let n = 0;
      const values = chunk.map((r) => `(${r.map(() => this.ph(++n)).join(', ')})`).join(', ');
      await tx.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values} ${conflict}`, chunk.flat());
    }
  }
}

/**
 * The link graph inside the service: a bounded working set in memory (NETWORK_CACHE_VALUES values,
 * NETWORK_CACHE_NODES parties; the least recently used are evicted), the network_* tables behind it.
 * While the tables fit, they are loaded whole on start and nothing is read per decision; beyond that a
 * decision reads the values and parties it is missing by index before it is assessed. Each decision is
 * assessed before it is stored, added right after, and persisted in groups (one transaction per group,
 * off the request path). Decisions stored after the last persisted group (a crash in between) are
 * replayed from the decision table on the next start, so the graph loses nothing.
 */
@Injectable()
export class NetworksService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('networks');
  engine!: NetworkEngine;
  private store!: DatabaseGraphStore;
  private pending: Pending[] = [];
  private writing: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly factsOf = new WeakMap<object, DecisionFacts>();
  /** how long ingested decisions wait to be persisted together */
  flushDelayMs = FLUSH_DELAY_MS;
  private flushTimer: NodeJS.Timeout | undefined;
  private startFlush: (() => void) | undefined;

  constructor(
    @InjectDataSource() readonly db: DataSource,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.networksEnabled;
  }

  async onModuleInit(): Promise<void> {
    const secret = await this.secret();
    this.store = new DatabaseGraphStore(this.db, () => [...this.writing, ...this.pending].map((p) => p.delta));
    this.engine = new NetworkEngine(new Hasher(secret), loadPowerTable(this.config.dataDir), {}, this.store, {
      maxValues: this.config.networkCacheValues,
      maxNodes: this.config.networkCacheNodes,
    });
    if (!this.enabled) return;
    await this.load();
    await this.catchUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.drain();
  }

  /** Loads the tables whole when they fit in the working set; otherwise the graph reads by index as it goes. */
  private async load(): Promise<void> {
    const count = async (sql: string) => Number(((await this.db.query(sql)) as Row[])[0]?.n ?? 0);
    const nodes = await count('SELECT COUNT(*) AS n FROM network_node');
    const values = await count('SELECT COUNT(DISTINCT "valueHash") AS n FROM network_member');
    const graph = this.engine.graph;
    if (nodes > graph.limits.maxNodes || values > graph.limits.maxValues) {
      graph.complete = false;
      this.logger.log(
        `link graph: ${nodes} parties, ${values} values in the database; read by index, at most ${graph.limits.maxNodes} / ${graph.limits.maxValues} in memory`,
      );
      return;
    }
    for (const r of (await this.db.query('SELECT "id", "kind", "name", "source", "listed", "denied" FROM network_node')) as Row[])
      this.engine.loadNode(r as never);
    for (const r of (await this.db.query('SELECT "valueHash", "nodeId", "type", "hint" FROM network_member')) as Row[]) this.engine.loadMember(r as never);
    const since = new Date(Date.now() - ORDER_HORIZON_DAYS * 86_400_000).toISOString();
    const ph = this.db.options.type === 'postgres' ? '$1' : '?';
    for (const r of (await this.db.query(`SELECT * FROM network_order WHERE "createdAt" >= ${ph} ORDER BY "createdAt"`, [since])) as Row[])
      this.engine.loadOrder(r as never);
  }

  /** The per-installation HMAC key: CHIPGUARD_NETWORK_SECRET, else generated once and kept in network_meta. */
  private async secret(): Promise<Buffer> {
    if (this.config.networkSecret) return Buffer.from(this.config.networkSecret, 'hex');
    const repo = this.db.getRepository(NetworkMetaRow);
    const found = await repo.findOne({ where: { key: 'hmac_secret' } });
    if (found) return Buffer.from(found.value, 'hex');
    const value = randomBytes(32).toString('hex');
    await writeTransaction(this.db, (tx) => tx.createQueryBuilder().insert().into(NetworkMetaRow).values({ key: 'hmac_secret', value }).orIgnore().execute());
    // another instance may have won the race: use what is stored
    const stored = await repo.findOneOrFail({ where: { key: 'hmac_secret' } });
    return Buffer.from(stored.value, 'hex');
  }

  /** Replays decisions stored after the last persisted graph update (a page at a time). */
  private async catchUp(): Promise<void> {
    const mark = await this.db.getRepository(NetworkMetaRow).findOne({ where: { key: 'decision_seq' } });
    let after = mark ? Number(mark.value) : 0;
    let replayed = 0;
    let nextReport = 50_000; // a long replay (a large history without a graph) says how far it has got
    for (;;) {
      const rows = await this.db.getRepository(DecisionRow).find({
        select: ['seq', 'id', 'kind', 'decision', 'createdAt', 'request', 'response'],
        where: { seq: MoreThan(after) },
        order: { seq: 'ASC' },
        take: 500,
      });
      for (const r of rows) {
        try {
          const request = JSON.parse(r.request) as unknown;
          const response = JSON.parse(r.response) as DecisionOutcome & { id: string; createdAt: string };
          const facts = this.engine.facts(r.kind, request, response);
          await this.engine.prefetchFacts(facts);
          this.add(facts, response, r.seq);
        } catch (e) {
          this.logger.error(`decision ${r.id} could not be added to the link graph: ${(e as Error).message}`);
        }
      }
      replayed += rows.length;
      if (replayed >= nextReport) {
        this.logger.log(`link graph: ${replayed} stored decisions replayed so far`);
        nextReport += 50_000;
      }
      if (rows.length < 500) break;
      after = rows[rows.length - 1].seq;
      await this.drain();
    }
    if (replayed) await this.drain();
  }

  /** The decision with the network reasons added (nothing changes when the graph is off). */
  async assess<B extends DecisionOutcome & { reasons: Reason[]; riskScore: number }>(kind: string, request: unknown, body: B, now: Date): Promise<B> {
    if (!this.enabled) return body;
    const facts = this.engine.facts(kind, request, body);
    if (request && typeof request === 'object') this.factsOf.set(request, facts);
    await this.engine.prefetchFacts(facts);
    return withNetworkReasons(body, this.engine.assess(facts, now));
  }

  /** Adds a stored decision (its request and response) to the graph; persisted in groups shortly after. */
  ingest(kind: string, request: unknown, response: DecisionOutcome & { id: string; createdAt: string }, seq: number): void {
    if (!this.enabled) return;
    // the facts assess() derived for this request (the parties' HMACs), else derived again
    const cached = request && typeof request === 'object' ? this.factsOf.get(request) : undefined;
    this.add(cached ?? this.engine.facts(kind, request, response), response, seq);
  }

  private add(facts: DecisionFacts, response: { id: string; createdAt: string; decision: string }, seq: number): void {
    const delta = this.engine.ingest(facts, response.id, response.createdAt, response.decision);
    this.pending.push({ delta, seq });
    if (!this.flushing) {
      // one write transaction per group, not per decision: the decisions' own writes keep the database
      const wait = this.pending.length >= 500 ? 0 : this.flushDelayMs;
      this.flushing = new Promise<void>((resolve) => {
        this.startFlush = resolve;
        this.flushTimer = setTimeout(resolve, wait);
      }).then(() => this.flush());
    }
  }

  /**
   * Marks the parties a re-screen found on a list as listed, in memory and in network_node (a party the graph
   * does not know is skipped); returns the node ids marked.
   */
  async markListed(parties: { name: string; country?: string }[]): Promise<string[]> {
    if (!this.enabled || !parties.length) return [];
    const ids = [
      ...new Set(parties.map((p) => buyerKey(p.name) && this.engine.hasher.nodeId('party', buyerKey(p.name), p.country)).filter(Boolean)),
    ] as string[];
    await this.drain();
    await this.engine.prefetch([], ids);
    const marked = ids.filter((id) => this.engine.graph.nodes.has(id));
    for (const id of marked) this.engine.graph.nodes.get(id)!.listed = true;
    const ph = (i: number) => (this.db.options.type === 'postgres' ? `$${i}` : '?');
    for (let i = 0; i < marked.length; i += 200) {
      const chunk = marked.slice(i, i + 200);
      await writeTransaction(this.db, (tx) =>
        tx.query(`UPDATE network_node SET "listed" = true WHERE "id" IN (${chunk.map((_, j) => ph(j + 1)).join(', ')})`, chunk),
      );
    }
    return marked;
  }

  /**
   * Ids of stored decisions whose parties have a strong link to a listed or denied party: those of `nodeIds`
   * and the most recently updated listed / denied parties in the graph (at most `maxRestricted` of them).
   */
  async decisionsLinkedToRestricted(nodeIds: string[], maxRestricted = 5000): Promise<string[]> {
    if (!this.enabled) return [];
    const rows = (await this.db.query(
      `SELECT "id" FROM network_node WHERE "listed" = true OR "denied" = true ORDER BY "updatedAt" DESC LIMIT ${Math.max(1, Math.floor(maxRestricted))}`,
    )) as Row[];
    const restricted = new Set([...nodeIds, ...rows.map((r) => String(r.id))]);
    const out = new Set<string>();
    for (const id of restricted) {
      const values = await this.store.valuesOfNode(id);
      await this.engine.prefetch(
        values.map((v) => v.hash),
        [id],
      );
      for (const nb of this.engine.graph.neighbours(id, values, STRONG_LINK)) {
        for (const d of nb.node.decisionIds) out.add(d);
      }
    }
    return [...out];
  }

  /** The network reasons of a stored decision re-derived against the graph as it is now (as of the decision's time). */
  async reassess(kind: string, request: unknown, response: DecisionOutcome & { createdAt: string }): Promise<{ reasons: Reason[]; facts: DecisionFacts }> {
    const facts = this.engine.facts(kind, request, response);
    await this.engine.prefetchFacts(facts);
    return { reasons: this.engine.assess(facts, new Date(response.createdAt)), facts };
  }

  /** The parties with this name (any country), best known first. */
  findByName(name: string): Promise<GraphNode[]> {
    return this.engine.findByName(name);
  }

  view(nodeId: string): Promise<NetworkView | undefined> {
    return this.engine.view(nodeId);
  }

  /** Persists every ingested decision now (no waiting for the group delay); resolves once done. */
  async drain(): Promise<void> {
    while (this.flushing) {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.startFlush?.();
      await this.flushing;
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        this.writing = this.pending.splice(0, 500);
        try {
          await this.persist(this.writing);
        } catch (e) {
          // the decisions are stored; the next start replays them from the decision table (catchUp)
          this.logger.error(`link graph update not persisted (replayed on next start): ${(e as Error).message}`);
        } finally {
          this.writing = [];
        }
      }
    } finally {
      this.flushing = null;
      this.flushTimer = undefined;
      this.startFlush = undefined;
    }
  }

  private async persist(group: Pending[]): Promise<void> {
    const nodes = new Map<string, unknown[]>();
    const members: unknown[][] = [];
    const orders: unknown[][] = [];
    const now = new Date().toISOString();
    for (const { delta } of group) {
      for (const n of delta.nodes) nodes.set(n.id, [n.id, n.kind, n.name.slice(0, 512), n.source, n.listed, n.denied, '[]', now]);
      for (const m of delta.members) members.push([m.valueHash, m.nodeId, m.type, m.hint.slice(0, 80)]);
      for (const o of delta.orders)
        orders.push([o.decisionId, o.nodeId, o.role.slice(0, 40), o.createdAt, o.accelerators, o.kw, o.siteHash, o.sitePowerKw, o.decision]);
    }
    const seq = Math.max(...group.map((g) => g.seq));
    const store = this.store;
    await writeTransaction(this.db, async (tx) => {
      // listed / denied only ever become true (a later clean decision does not clear an earlier match)
      await store.insert(
        tx,
        'network_node',
        ['id', 'kind', 'name', 'source', 'listed', 'denied', 'decisionIds', 'updatedAt'],
        [...nodes.values()],
        'ON CONFLICT ("id") DO UPDATE SET "listed" = (network_node."listed" OR excluded."listed"), "denied" = (network_node."denied" OR excluded."denied"), "updatedAt" = excluded."updatedAt"',
      );
      await store.insert(tx, 'network_member', ['valueHash', 'nodeId', 'type', 'hint'], members, 'ON CONFLICT DO NOTHING');
      await store.insert(
        tx,
        'network_order',
        ['decisionId', 'nodeId', 'role', 'createdAt', 'accelerators', 'kw', 'siteHash', 'sitePowerKw', 'decision'],
        orders,
        'ON CONFLICT DO NOTHING',
      );
      await store.insert(tx, 'network_meta', ['key', 'value'], [['decision_seq', String(seq)]], 'ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"');
    });
  }
}

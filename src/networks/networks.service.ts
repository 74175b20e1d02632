import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'crypto';
import { DataSource, MoreThan } from 'typeorm';
import type { Reason } from '../common/reason';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DecisionRow } from '../database/entities';
import { NetworkMemberRow, NetworkMetaRow, NetworkNodeRow, NetworkOrderRow } from '../database/network-entities';
import { writeTransaction } from '../database/write-transaction';
import { DecisionFacts, DecisionOutcome, loadPowerTable } from './decision-facts';
import { withNetworkReasons } from './flags';
import { Hasher } from './link-graph';
import { GraphDelta, NetworkEngine } from './network-engine';

/** How long ingested decisions wait to be persisted together (a crash in between is replayed on start). */
const FLUSH_DELAY_MS = 200;

interface Pending {
  delta: GraphDelta;
  seq: number;
}

/**
 * The link graph inside the service: loaded from the network_* tables on start, assessed before each
 * decision is stored, updated right after it is stored, and persisted in groups (one transaction per
 * group, off the request path). Decisions stored after the last persisted group (a crash in between)
 * are replayed from the decision table on the next start, so the graph loses nothing.
 */
@Injectable()
export class NetworksService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('networks');
  engine!: NetworkEngine;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly factsOf = new WeakMap<object, DecisionFacts>();

  constructor(
    @InjectDataSource() readonly db: DataSource,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.networksEnabled;
  }

  async onModuleInit(): Promise<void> {
    const secret = await this.secret();
    this.engine = new NetworkEngine(new Hasher(secret), loadPowerTable(this.config.dataDir));
    if (!this.enabled) return;
    for (const r of await this.db.getRepository(NetworkNodeRow).find()) this.engine.loadNode(r);
    for (const r of await this.db.getRepository(NetworkMemberRow).find()) this.engine.loadMember(r);
    for (const r of await this.db.getRepository(NetworkOrderRow).find({ order: { createdAt: 'ASC' } })) this.engine.loadOrder(r);
    await this.catchUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.drain();
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

  /** Replays decisions stored after the last persisted graph update. */
  private async catchUp(): Promise<void> {
    const mark = await this.db.getRepository(NetworkMetaRow).findOne({ where: { key: 'decision_seq' } });
    const after = mark ? Number(mark.value) : 0;
    const rows = await this.db.getRepository(DecisionRow).find({
      select: ['seq', 'id', 'kind', 'decision', 'createdAt', 'request', 'response'],
      where: { seq: MoreThan(after) },
      order: { seq: 'ASC' },
    });
    for (const r of rows) {
      try {
        this.ingest(r.kind, JSON.parse(r.request), JSON.parse(r.response), r.seq);
      } catch (e) {
        this.logger.error(`decision ${r.id} could not be added to the link graph: ${(e as Error).message}`);
      }
    }
    if (rows.length) await this.drain();
  }

  /** The decision with the network reasons added (nothing changes when the graph is off). */
  assess<B extends DecisionOutcome & { reasons: Reason[]; riskScore: number }>(kind: string, request: unknown, body: B, now: Date): B {
    if (!this.enabled) return body;
    const facts = this.engine.facts(kind, request, body);
    if (request && typeof request === 'object') this.factsOf.set(request, facts);
    return withNetworkReasons(body, this.engine.assess(facts, now));
  }

  /** Adds a stored decision (its request and response) to the graph; persisted in groups shortly after. */
  ingest(kind: string, request: unknown, response: DecisionOutcome & { id: string; createdAt: string }, seq: number): void {
    if (!this.enabled) return;
    // the facts assess() derived for this request (the parties' HMACs), else derived again (replays)
    const cached = request && typeof request === 'object' ? this.factsOf.get(request) : undefined;
    const facts = cached ?? this.engine.facts(kind, request, response);
    const delta = this.engine.ingest(facts, response.id, response.createdAt, response.decision);
    this.pending.push({ delta, seq });
    if (!this.flushing) {
      // one write transaction per group, not per decision: the decisions' own writes keep the database
      const wait = this.pending.length >= 500 ? 0 : FLUSH_DELAY_MS;
      this.flushing = new Promise<void>((r) => setTimeout(r, wait)).then(() => this.flush());
    }
  }

  /** Resolves once every ingested decision is persisted. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const group = this.pending.splice(0, 500);
        try {
          await this.persist(group);
        } catch (e) {
          // the decisions are stored; the next start replays them from the decision table (catchUp)
          this.logger.error(`link graph update not persisted (replayed on next start): ${(e as Error).message}`);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async persist(group: Pending[]): Promise<void> {
    const nodes = new Map<string, NetworkNodeRow>();
    const members: GraphDelta['members'] = [];
    const orders: GraphDelta['orders'] = [];
    const now = new Date().toISOString();
    for (const { delta } of group) {
      for (const n of delta.nodes) {
        nodes.set(n.id, {
          id: n.id,
          kind: n.kind,
          name: n.name.slice(0, 512),
          source: n.source,
          listed: n.listed,
          denied: n.denied,
          decisionIds: JSON.stringify(n.decisionIds),
          updatedAt: now,
        });
      }
      members.push(...delta.members);
      orders.push(...delta.orders);
    }
    const seq = Math.max(...group.map((g) => g.seq));
    await writeTransaction(this.db, async (tx) => {
      const nodeRows = [...nodes.values()];
      for (let i = 0; i < nodeRows.length; i += 50) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(NetworkNodeRow)
          .values(nodeRows.slice(i, i + 50))
          .orUpdate(['listed', 'denied', 'decisionIds', 'updatedAt'], ['id'])
          .updateEntity(false)
          .execute();
      }
      for (let i = 0; i < members.length; i += 100) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(NetworkMemberRow)
          .values(members.slice(i, i + 100))
          .orIgnore()
          .updateEntity(false)
          .execute();
      }
      for (let i = 0; i < orders.length; i += 50) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(NetworkOrderRow)
          .values(orders.slice(i, i + 50))
          .orIgnore()
          .updateEntity(false)
          .execute();
      }
      await tx
        .createQueryBuilder()
        .insert()
        .into(NetworkMetaRow)
        .values({ key: 'decision_seq', value: String(seq) })
        .orUpdate(['value'], ['key'])
        .updateEntity(false)
        .execute();
    });
  }
}

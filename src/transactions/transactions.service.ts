import { BadRequestException, Inject, Injectable, OnModuleInit, Optional, ServiceUnavailableException } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { newUlid } from '../common/ids';
import { Order, orderParties } from '../common/order';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DecisionStore } from '../database/decision-store';
import { DatabaseHistory } from '../database/history-db';
import { ListsService } from '../lists/lists.service';
import { NetworksService } from '../networks/networks.service';
import { buyerKey, relatedKeys, snapshotHistory } from '../risk';
import { RulesService } from '../rules/rules.service';
import { PartyQuery, ScreeningResult } from '../screening';
import { ScreeningService } from '../screening/screening.service';
import { LRUCache } from 'lru-cache';
import { attributeErrors } from './attributes';
import { DecisionBody, decideOrder, ListState } from './decision-core';
import { CachedOrderHistory } from './order-history';
import { TransactionRequestDto } from './transaction.dto';

export interface RecordMeta {
  reference: string | null;
  buyerKey: string | null;
  historyKeys: string[];
  acceleratorCount: number;
  partyNames: string[];
}

export interface DecisionResponse extends DecisionBody {
  id: string;
  kind: string;
  reference: string | null;
  createdAt: string;
}

/**
 * The thin service around the decision core: turns a request into an Order, feeds the core the rule
 * book, the in-memory screening index and the order history (database + bounded cache), and writes the decision before returning it.
 */
@Injectable()
export class TransactionsService implements OnModuleInit {
  /** the order history in the database, behind a bounded cache (nothing is loaded at start) */
  readonly history: CachedOrderHistory;
  /**
   * Screening results of recent parties (a distributor's buyers come back again and again), valid for one
   * screening version (lists and allow-list); the results are read-only.
   */
  private readonly screened = new LRUCache<string, ScreeningResult>({ max: 20_000 });
  private screenedVersion = '';

  constructor(
    readonly rules: RulesService,
    readonly screening: ScreeningService,
    readonly lists: ListsService,
    readonly store: DecisionStore,
    @Inject(APP_CONFIG) readonly config: AppConfig,
    readonly networks: NetworksService,
    @Optional() private readonly metrics?: MetricsService,
  ) {
    this.history = new CachedOrderHistory(new DatabaseHistory(store.db), {
      cacheRecords: config.historyCacheRecords,
      relatedLimit: config.historyRelatedLimit,
      ttlMs: config.historyCacheSeconds * 1000,
    });
  }

  onModuleInit(): void {
    this.store.onDecision((r) => {
      if (r.buyerKey) this.history.recorded({ seq: r.seq, buyerKey: r.buyerKey, acceleratorCount: r.acceleratorCount, createdAt: r.createdAt }, r.historyKeys);
    });
  }

  /** Fail closed: no list, no decision. */
  requireLists(): void {
    if (this.lists.active.isEmpty()) {
      throw new ServiceUnavailableException('no restricted-party list is loaded yet: no decision can be made (import one with POST /v1/lists/import)');
    }
  }

  listState(): ListState {
    const active = this.lists.active;
    return {
      sample: active.hasSample(),
      stale: active.staleCodes(this.config.listMaxAgeDays, new Date()),
      maxAgeDays: this.config.listMaxAgeDays,
      versionDates: active.versionDates(),
      versionIds: active.versionIds(),
    };
  }

  /** ScreeningService.screen through the cache of recent results. */
  screenCached(query: PartyQuery): ScreeningResult {
    const version = this.screening.version;
    if (version !== this.screenedVersion) {
      this.screened.clear();
      this.screenedVersion = version;
    }
    const key = JSON.stringify(query); // every field of the query, whatever fields it gains
    let result = this.screened.get(key);
    if (!result) {
      const end = this.metrics?.screeningSeconds.startTimer();
      this.screened.set(key, (result = this.screening.screen(query)));
      end?.();
    }
    return result;
  }

  toOrder(dto: TransactionRequestDto): Order {
    const errors: string[] = [];
    // API.md: the ship-to party's country is required. ShipToDto's @IsNotEmpty cannot do it alone: the
    // @IsOptional it inherits from PartyDto makes class-validator skip an absent country.
    if (dto.shipTo && (dto.shipTo.country === undefined || dto.shipTo.country === null)) errors.push('shipTo.country is required for shipTo');
    const attributes = dto.attributes ?? undefined;
    if (attributes) errors.push(...attributeErrors(attributes));
    const shares = (dto.beneficialOwners ?? []).map((o) => o.ownershipPercent ?? 0);
    const total = shares.reduce((a, b) => a + b, 0);
    if (total > 100.0001) errors.push(`beneficialOwners ownershipPercent adds up to ${total}, more than 100`);
    if (errors.length) throw new BadRequestException(errors);
    const order = JSON.parse(JSON.stringify(dto)) as Order;
    order.date = dto.date ?? new Date().toISOString().slice(0, 10);
    order.exportFrom = dto.exportFrom ?? 'US';
    return order;
  }

  async screenOrder(dto: TransactionRequestDto): Promise<DecisionResponse> {
    return (await this.screenOrderStored(dto)).response;
  }

  /** The decision and the JSON text that was stored for it (the HTTP layer sends that text as is). */
  async screenOrderStored(dto: TransactionRequestDto): Promise<{ response: DecisionResponse; json: string }> {
    const order = this.toOrder(dto); // bad input is a 400 even while no list is loaded
    this.requireLists();
    const now = new Date();
    const history = await snapshotHistory(this.history, order, now);
    const body = decideOrder({
      order,
      rules: this.rules.book,
      screen: (q) => this.screenCached(q),
      lists: this.listState(),
      history,
      now,
      matchThreshold: this.config.screenMatchThreshold,
      affiliatesAfterSuspension: this.config.affiliatesAfterSuspension,
    });
    return this.recordStored('transaction', order, body, now, {
      reference: order.reference ?? null,
      buyerKey: buyerKey(order.buyer.name),
      historyKeys: relatedKeys(order).keys,
      // the history red flags compare controlled accelerators only
      acceleratorCount: body.items.reduce((n, it) => n + (it.controlled ? it.acceleratorCount : 0), 0),
      partyNames: orderParties(order).map((p) => p.party.name),
    });
  }

  /** Writes the decision (hash-chained) and returns the response once it is committed. */
  async record(kind: string, request: unknown, body: DecisionBody, now: Date, meta: RecordMeta): Promise<DecisionResponse> {
    return (await this.recordStored(kind, request, body, now, meta)).response;
  }

  async recordStored(
    kind: string,
    request: unknown,
    decided: DecisionBody,
    now: Date,
    meta: RecordMeta,
  ): Promise<{ response: DecisionResponse; json: string }> {
    // the link graph's red flags (src/networks) join the decision before it is stored
    const body = await this.networks.assess(kind, request, decided, now);
    const id = `dec_${newUlid(now.getTime())}`;
    const createdAt = now.toISOString();
    const response: DecisionResponse = { id, kind, reference: meta.reference, ...body, createdAt };
    const matchedSources = new Set(body.parties.flatMap((p) => p.matches.map((m) => m.source)));
    const json = JSON.stringify(response);
    const stored = await this.store.writeDecision({
      id,
      kind,
      reference: meta.reference,
      decision: body.decision,
      status: body.decision === 'review' ? 'open' : 'closed',
      orderDate: (request as { date?: string }).date ?? createdAt.slice(0, 10),
      createdAt,
      rulesVersion: body.rulesVersion,
      listVersions: JSON.stringify({ dates: body.listVersions, ids: body.listVersionIds }),
      buyerKey: meta.buyerKey,
      acceleratorCount: meta.acceleratorCount,
      historyKeys: JSON.stringify(meta.historyKeys),
      partyNames: '|' + meta.partyNames.map((n) => n.toLowerCase()).join('|') + '|',
      reasonCodes: '|' + [...new Set(body.reasons.map((r) => r.code))].join('|') + '|',
      matchedSources: '|' + [...matchedSources].join('|') + '|',
      request: JSON.stringify(request),
      response: json,
    });
    this.networks.ingest(kind, request, response, stored.seq);
    return { response, json };
  }
}

import { BadRequestException, Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { Order, orderParties } from '../common/order';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DecisionStore } from '../database/decision-store';
import { DatabaseHistory } from '../database/history-db';
import { DecisionRecorder, DecisionResponse } from '../decision/decision-recorder.service';
import { buyerKey, relatedKeys, snapshotHistory } from '../risk';
import { RulesService } from '../rules/rules.service';
import { PartyQuery, ScreeningResult } from '../screening';
import { ScreeningService } from '../screening/screening.service';
import { LRUCache } from 'lru-cache';
import { requestRuleErrors } from '../common/request-validation';
import { decideOrder } from './decide-order';
import { CachedOrderHistory } from './order-history';
import { TransactionRequestDto } from './transaction.dto';

export type { DecisionResponse, RecordMeta } from '../decision/decision-recorder.service';

/**
 * The thin service around decideOrder: turns a request into an Order, feeds it the rule book, the in-memory
 * screening index and the order history (database + bounded cache); DecisionRecorder writes the decision before it is returned.
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
    readonly recorder: DecisionRecorder,
    readonly store: DecisionStore,
    @Inject(APP_CONFIG) readonly config: AppConfig,
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

  /** Fail closed: no list, no decision (DecisionRecorder.requireLists). */
  requireLists(): void {
    this.recorder.requireLists();
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
    // the request rules beside the DTO's decorators (ship-to country, attribute types, owners' shares)
    const errors = requestRuleErrors(dto);
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
    this.recorder.requireLists();
    const now = new Date();
    const history = await snapshotHistory(this.history, order, now);
    const body = decideOrder({
      order,
      rules: this.rules.book,
      screen: (q) => this.screenCached(q),
      lists: this.recorder.listState(),
      history,
      now,
      matchThreshold: this.config.screenMatchThreshold,
      affiliatesAfterSuspension: this.config.affiliatesAfterSuspension,
    });
    return this.recorder.recordStored('transaction', order, body, now, {
      reference: order.reference ?? null,
      buyerKey: buyerKey(order.buyer.name),
      historyKeys: relatedKeys(order).keys,
      // the history red flags compare controlled accelerators only
      acceleratorCount: body.items.reduce((n, it) => n + (it.controlled ? it.acceleratorCount : 0), 0),
      partyNames: orderParties(order).map((p) => p.party.name),
    });
  }
}

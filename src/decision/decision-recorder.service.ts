import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { newUlid } from '../common/ids';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DecisionStore } from '../database/decision-store';
import { ListsService } from '../lists/lists.service';
import { NetworksService } from '../networks/networks.service';
import type { DecisionBody } from './assemble';
import type { ListState } from './list-state';

/** What the store indexes a decision by, besides its body. */
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
 * The thin Nest shell of the decision kernel that every decision passes through: the list state it is made on
 * (no list, no decision), and the hash-chained write before the response is returned. Transactions and cloud
 * vetting use it side by side.
 */
@Injectable()
export class DecisionRecorder {
  constructor(
    private readonly lists: ListsService,
    private readonly store: DecisionStore,
    private readonly networks: NetworksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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

  /** Writes the decision (hash-chained) and returns the response once it is committed. */
  async record<R extends DecisionResponse = DecisionResponse>(kind: string, request: unknown, body: DecisionBody, now: Date, meta: RecordMeta): Promise<R> {
    return (await this.recordStored(kind, request, body, now, meta)).response as R;
  }

  /** The response and the JSON text that was stored for it (the HTTP layer can send that text as is). */
  async recordStored(
    kind: string,
    request: unknown,
    decided: DecisionBody,
    now: Date,
    meta: RecordMeta,
  ): Promise<{ response: DecisionResponse; json: string }> {
    // the link graph's red flags (src/networks) join the decision before it is stored
    const body = this.networks.assess(kind, request, decided, now);
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

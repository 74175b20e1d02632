import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AllowListRow } from '../database/entities';
import { DecisionStore } from '../database/decision-store';
import { ListCode, ListEntry } from '../lists/list-entry';
import { ListsService } from '../lists/lists.service';
import { PartyQuery, partyKey, ScreeningIndex, ScreeningResult } from './index';

export interface Suppression {
  partyKey: string;
  source: string;
  entryId: string;
  by: string;
  note?: string | null;
  decisionId?: string | null;
}

/** An allow-list entry in memory: suppresses until it expires (or is revoked). */
interface Allowed {
  id: number;
  expiresAt: string;
}

/**
 * Holds the in-memory screening index of the active lists, rebuilt once per list version,
 * and the allow-list of reviewed false positives (per party, never hiding an entry from others).
 */
@Injectable()
export class ScreeningService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('screening');
  private index: ScreeningIndex | undefined;
  private indexGeneration = -1;
  private rebuildTimer: NodeJS.Timeout | undefined;
  /** partyKey -> "SOURCE|entryId" -> the entry */
  private readonly allow = new Map<string, Map<string, Allowed>>();
  private allowChanges = 0;

  constructor(
    private readonly lists: ListsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DecisionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    // Rebuild once per burst of list changes (a full update imports many files back to back); a request
    // arriving before the rebuild builds the index itself (currentIndex), so it never screens stale lists.
    this.lists.active.onChange(() => {
      this.index = undefined;
      if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
      this.rebuildTimer = setTimeout(() => {
        this.rebuildTimer = undefined;
        if (!this.index) this.rebuild();
      }, 250);
      this.rebuildTimer.unref();
    });
    if (!this.lists.active.isEmpty()) this.rebuild();
    for (const row of await this.db.getRepository(AllowListRow).find({ where: { revokedAt: IsNull() } })) this.remember(row);
  }

  /** A rebuild still pending when the app closes would run (and log) after it. */
  onModuleDestroy(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = undefined;
  }

  /** Changes whenever a screening answer may change (new index, new allow-list entry): a key for caches of results. */
  get version(): string {
    return `${this.lists.active.generation}:${this.allowChanges}`;
  }

  get ready(): boolean {
    return this.index !== undefined && !this.lists.active.isEmpty();
  }

  /** Screen one party against the active lists (or the given sources), honouring the allow-list. */
  screen(query: PartyQuery, opts: { sources?: ListCode[]; limit?: number } = {}): ScreeningResult {
    const index = this.currentIndex();
    const allowed = this.allow.get(partyKey(query.name, query.country));
    const now = new Date().toISOString();
    return index.screen(query, {
      sources: opts.sources,
      limit: opts.limit,
      matchThreshold: this.config.screenMatchThreshold,
      reviewThreshold: this.config.screenReviewThreshold,
      suppressed: allowed ? (e) => (allowed.get(`${e.source}|${e.entryId}`)?.expiresAt ?? '') > now : undefined,
    });
  }

  /** Screen against a given set of entries (replay of an old decision against the versions it used). */
  screenAgainst(entries: ListEntry[], query: PartyQuery, opts: { sources?: ListCode[]; limit?: number } = {}): ScreeningResult {
    return ScreeningIndex.build(entries).screen(query, {
      ...opts,
      matchThreshold: this.config.screenMatchThreshold,
      reviewThreshold: this.config.screenReviewThreshold,
    });
  }

  /**
   * Record a reviewed false positive: this party is not this entry. Who, why (note) and when are kept, it
   * expires after ALLOWLIST_DAYS, and it is chained (tamper evidence) in the same transaction.
   */
  async suppress(s: Suppression): Promise<AllowListRow> {
    const createdAt = new Date().toISOString();
    const expiresAt = new Date(Date.now() + this.config.allowlistDays * 86_400_000).toISOString();
    const entry = {
      partyKey: s.partyKey,
      source: s.source,
      entryId: s.entryId,
      by: s.by,
      note: s.note ?? null,
      decisionId: s.decisionId ?? null,
      createdAt,
      expiresAt,
    };
    let row: AllowListRow | undefined;
    await this.store.writeEvent(
      { kind: 'allowlist.add', subject: `allowlist ${s.source} ${s.entryId}`.slice(0, 300), by: s.by, createdAt, data: JSON.stringify(entry) },
      async (tx, event) => {
        row = await tx.getRepository(AllowListRow).save({ ...entry, revokedAt: null, revokedBy: null, revokeReason: null, seq: event.seq });
      },
    );
    this.remember(row!);
    return row!;
  }

  /** The allow-list, newest first: in force only (default) or every entry (expired and revoked too). */
  async allowList(all: boolean): Promise<AllowListRow[]> {
    const rows = await this.db.getRepository(AllowListRow).find({ where: all ? {} : { revokedAt: IsNull() }, order: { id: 'DESC' } });
    const now = new Date().toISOString();
    return all ? rows : rows.filter((r) => expiry(r, this.config.allowlistDays) > now);
  }

  /** Revokes an allow-list entry (chained): the match shows again from the next screening. */
  async revokeAllowed(id: number, by: string, reason: string | null): Promise<AllowListRow | null> {
    const revokedAt = new Date().toISOString();
    let row: AllowListRow | null = null;
    await this.store
      .writeEvent({ kind: 'allowlist.revoke', subject: `allowlist ${id}`, by, createdAt: revokedAt, data: JSON.stringify({ id, reason }) }, async (tx) => {
        row = await tx.getRepository(AllowListRow).findOne({ where: { id, revokedAt: IsNull() } });
        if (!row) throw new AllowListEntryNotFound(id);
        await tx.getRepository(AllowListRow).update({ id }, { revokedAt, revokedBy: by, revokeReason: reason });
        Object.assign(row, { revokedAt, revokedBy: by, revokeReason: reason });
      })
      .catch((e) => {
        if (e instanceof AllowListEntryNotFound) return null;
        throw e;
      });
    if (row) this.allow.get((row as AllowListRow).partyKey)?.delete(`${(row as AllowListRow).source}|${(row as AllowListRow).entryId}`);
    if (row) this.allowChanges++;
    return row;
  }

  private remember(row: AllowListRow): void {
    const map = this.allow.get(row.partyKey) ?? new Map<string, Allowed>();
    map.set(`${row.source}|${row.entryId}`, { id: row.id, expiresAt: expiry(row, this.config.allowlistDays) });
    this.allow.set(row.partyKey, map);
    this.allowChanges++;
  }

  private currentIndex(): ScreeningIndex {
    if (!this.index || this.indexGeneration !== this.lists.active.generation) this.rebuild();
    return this.index!;
  }

  private rebuild(): void {
    const started = Date.now();
    const entries = this.lists.active.allEntries();
    this.index = ScreeningIndex.build(entries);
    this.indexGeneration = this.lists.active.generation;
    this.logger.log(`screening index built: ${entries.length} entries in ${Date.now() - started} ms (generation ${this.indexGeneration})`);
  }
}

/** When an entry stops suppressing (entries recorded before expiry existed: ALLOWLIST_DAYS after they were made). */
export function expiry(row: { createdAt: string; expiresAt?: string | null }, days: number): string {
  return row.expiresAt ?? new Date(Date.parse(row.createdAt) + days * 86_400_000).toISOString();
}

class AllowListEntryNotFound extends Error {
  constructor(id: number) {
    super(`no allow-list entry ${id} in force`);
  }
}

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AllowListRow } from '../database/entities';
import { writeTransaction } from '../database/write-transaction';
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

/**
 * Holds the in-memory screening index of the active lists, rebuilt once per list version,
 * and the allow-list of reviewed false positives (per party, never hiding an entry from others).
 */
@Injectable()
export class ScreeningService implements OnModuleInit {
  private readonly logger = new Logger('screening');
  private index: ScreeningIndex | undefined;
  private indexGeneration = -1;
  private rebuildTimer: NodeJS.Timeout | undefined;
  /** partyKey -> set of "SOURCE|entryId" */
  private readonly allow = new Map<string, Set<string>>();
  private allowChanges = 0;

  constructor(
    private readonly lists: ListsService,
    @InjectDataSource() private readonly db: DataSource,
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
    for (const row of await this.db.getRepository(AllowListRow).find()) this.remember(row.partyKey, row.source, row.entryId);
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
    return index.screen(query, {
      sources: opts.sources,
      limit: opts.limit,
      matchThreshold: this.config.screenMatchThreshold,
      reviewThreshold: this.config.screenReviewThreshold,
      suppressed: allowed ? (e) => allowed.has(`${e.source}|${e.entryId}`) : undefined,
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

  /** Record a reviewed false positive: this party is not this entry. */
  async suppress(s: Suppression): Promise<void> {
    await writeTransaction(this.db, (tx) => tx.getRepository(AllowListRow).save({
      partyKey: s.partyKey, source: s.source, entryId: s.entryId, by: s.by, note: s.note ?? null,
      decisionId: s.decisionId ?? null, createdAt: new Date().toISOString(),
    }));
    this.remember(s.partyKey, s.source, s.entryId);
  }

  private remember(key: string, source: string, entryId: string): void {
    const set = this.allow.get(key) ?? new Set<string>();
    set.add(`${source}|${entryId}`);
    this.allow.set(key, set);
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

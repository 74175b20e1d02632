import { BadRequestException, Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import type { Readable } from 'stream';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { DecisionRecorder } from '../decision/decision-recorder.service';
import { RulesService } from '../rules/rules.service';
import { ScreeningService } from '../screening/screening.service';
import { AccountClusterer, AccountCluster, AccountError, ACCOUNT_PARAMS } from './accounts';
import { AccountFormat, readAccountBatches } from './account-stream';

export interface AccountsReport {
  clusters: AccountCluster[];
  errors: AccountError[];
  summary: {
    accounts: number;
    errors: number;
    clusters: number;
    farms: number;
    accountsInFarms: number;
    linkedToRestricted: number;
    screenedNames: number;
    seconds: number;
  };
}

/** Most accounts one upload may hold (memory stays bounded); more is a 413. */
export const MAX_ACCOUNTS = Number(process.env.ACCOUNTS_MAX ?? 2_000_000);
/** Most per-record errors reported (the count is always exact). */
const MAX_ERRORS = 1000;

/** `POST /v1/cloud/accounts/screen` and `chipguard accounts`: streamed in, clustered, scored, members screened. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly recorder: DecisionRecorder,
    private readonly rules: RulesService,
    private readonly screening: ScreeningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async screen(stream: Readable, format: AccountFormat, opts: { minSize?: number; progress?: (n: number) => void } = {}): Promise<AccountsReport> {
    this.recorder.requireLists();
    const t0 = Date.now();
    const clusterer = new AccountClusterer(ACCOUNT_PARAMS);
    const errors: AccountError[] = [];
    let errorCount = 0;
    try {
      for await (const batch of readAccountBatches(stream, format)) {
        for (const r of batch) {
          if ('error' in r) {
            errorCount++;
            if (errors.length < MAX_ERRORS) errors.push(r.error);
          } else {
            if (clusterer.size >= MAX_ACCOUNTS) throw new PayloadTooLargeException(`more than ${MAX_ACCOUNTS} accounts in one upload (ACCOUNTS_MAX)`);
            clusterer.add(r.account);
          }
        }
        opts.progress?.(batch[batch.length - 1].index + 1);
      }
    } catch (e) {
      if (e instanceof PayloadTooLargeException) throw e;
      throw new BadRequestException([`the ${format.toUpperCase()} body could not be read: ${(e as Error).message}`]);
    }
    if (clusterer.size === 0 && errorCount === 0) throw new BadRequestException(['accounts: no account found (JSON {"accounts": [...]}, NDJSON or CSV)']);
    const date = new Date().toISOString().slice(0, 10);
    const book = this.rules.book;
    const threshold = this.config.screenMatchThreshold;
    let screenedNames = 0;
    // the same name in many clusters is screened once
    const screened = new Map<string, { source: string; entryId: string; name: string; score: number } | undefined>();
    const clusters = clusterer.clusters({
      minSize: opts.minSize,
      restricted: (c) => book.isRestrictedForAdvancedComputing(c, date) || book.isEmbargoed(c, date),
      screen: (name, country) => {
        const key = `${name}\u0000${country ?? ''}`;
        if (!screened.has(key)) {
          screenedNames++;
          const best = this.screening.screen({ name, country }).matches.find((m) => m.score >= threshold);
          screened.set(key, best && { source: best.source, entryId: best.entryId, name: best.name, score: best.score });
        }
        return screened.get(key);
      },
    });
    const farms = clusters.filter((c) => c.reasons.some((r) => r.code === 'ACCOUNT_FARM'));
    return {
      clusters,
      errors,
      summary: {
        accounts: clusterer.size,
        errors: errorCount,
        clusters: clusters.length,
        farms: farms.length,
        accountsInFarms: farms.reduce((n, c) => n + c.accountIds.length, 0),
        linkedToRestricted: clusters.filter((c) => c.reasons.some((r) => r.code === 'LINKED_TO_RESTRICTED')).length,
        screenedNames,
        seconds: (Date.now() - t0) / 1000,
      },
    };
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Outcome, outcomeOf, Reason, severityRank } from '../common/reason';
import { NetworksService } from '../networks/networks.service';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DecisionStore } from '../database/decision-store';
import { AllowListRow, DecisionRow, RescreenReportRow } from '../database/entities';
import { ListEntry } from '../lists/list-entry';
import { ListsService } from '../lists/lists.service';
import { partyKey, ScreeningIndex } from '../screening';
import { nextDay } from './queue';
import { ActiveVersion, DeltaPlanner, RescreenMatch, rescreenTargets, targetsOf } from './rescreen';
import { writeTransaction } from '../database/write-transaction';
import { DispositionConflict } from '../database/decision-store';
import { newUlid } from '../common/ids';
import { FINDING_KIND, findingRecord, REOPEN_BY, reopenNote } from './reopen';
import { IsNull, SelectQueryBuilder } from 'typeorm';
import { expiry } from '../screening/screening.service';

export interface RescreenOptions {
  trigger: 'manual' | 'list-update';
  /** createdAt window, inclusive (default: the last config.rescreenWindowDays days) */
  from?: string;
  to?: string;
  /** also report new possible matches (score between the review and match thresholds) */
  includePossible?: boolean;
}

export interface RescreenChange {
  id: string;
  seq: number;
  kind: string;
  reference: string | null;
  createdAt: string;
  orderDate: string;
  decision: string;
  status: string;
  wouldBe: Outcome;
  matches: RescreenMatch[];
}

/** A stored decision's change record: what it was and what it would be now. */
function changeOf(
  row: Pick<RescreenChange, 'id' | 'seq' | 'kind' | 'reference' | 'createdAt' | 'orderDate' | 'decision' | 'status'>,
  wouldBe: Outcome,
  matches: RescreenMatch[],
): RescreenChange {
  const { id, seq, kind, reference, createdAt, orderDate, decision, status } = row;
  return { id, seq, kind, reference, createdAt, orderDate, decision, status, wouldBe, matches };
}

export interface RescreenReport {
  id: number;
  status: 'finished' | 'aborted';
  trigger: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  window: { from: string; to: string | null };
  includePossible: boolean;
  matchThreshold: number;
  /** the active versions re-screened against */
  versions: Record<string, { versionId: number; date: string }>;
  /** per list code and prior version: how many entries are new or changed */
  deltas: { code: string; fromVersionId: number | null; toVersionId: number; newEntries: number; changedEntries: number }[];
  /** allow/review decisions (not blocked) in the window */
  scanned: number;
  /** of those, decisions made on exactly the active versions (nothing to re-screen) */
  upToDate: number;
  changed: number;
  /** the decisions whose outcome would now be stricter, oldest first */
  decisions: RescreenChange[];
  /** the link graph's part: parties now listed, decisions linked to a listed or denied party re-checked, how many are stricter */
  network?: { listedParties: number; linkedChecked: number; changed: number };
}

const PAGE = 2000;

/**
 * Re-screens stored decisions when a new list version becomes active (debounced, in the background) or on
 * demand, and keeps the reports in rescreen_report. Runs one at a time.
 */
@Injectable()
export class RescreenService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('rescreen');
  /** wait this long after a list change before re-screening (imports often come in bursts) */
  debounceMs = 1500;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private runningSince: { startedAt: string; trigger: string } | null = null;
  /** list-update runs waiting to start */
  private queued = 0;
  private closing = false;

  constructor(
    private readonly store: DecisionStore,
    private readonly lists: ListsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly networks: NetworksService,
  ) {}

  /** Registered after start-up, so loading the active lists at start does not trigger a re-screen. */
  onApplicationBootstrap(): void {
    this.lists.active.onChange(() => this.schedule());
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => undefined);
  }

  get running(): { startedAt: string; trigger: string } | null {
    return this.runningSince;
  }

  /** A list changed: re-screen after the debounce, once, in the background. */
  schedule(): void {
    if (this.closing) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.queued > 0) return; // a list-update run is already waiting; it will see the newest versions
      void this.run({ trigger: 'list-update' }).catch((e: Error) => this.logger.error(`background re-screen failed: ${e.message}`));
    }, this.debounceMs);
    this.timer.unref?.();
  }

  /** Run a re-screen (after any run in progress) and store its report. */
  run(opts: RescreenOptions): Promise<RescreenReport> {
    const counts = opts.trigger === 'list-update' && !opts.from && !opts.to;
    if (counts) this.queued++;
    const p = this.chain.then(async () => {
      if (counts) this.queued--;
      return this.execute(opts);
    });
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** The latest finished report (null when none). */
  async latest(): Promise<RescreenReport | null> {
    const [row] = await this.store.db.getRepository(RescreenReportRow).find({ order: { id: 'DESC' }, take: 1 });
    if (!row) return null;
    return { ...(JSON.parse(row.report) as RescreenReport), id: row.id };
  }

  private async execute(opts: RescreenOptions): Promise<RescreenReport> {
    const started = new Date();
    this.runningSince = { startedAt: started.toISOString(), trigger: opts.trigger };
    try {
      return await this.scan(opts, started);
    } finally {
      this.runningSince = null;
    }
  }

  private async scan(opts: RescreenOptions, started: Date): Promise<RescreenReport> {
    const db = this.store.db;
    const from = opts.from ?? new Date(started.getTime() - this.config.rescreenWindowDays * 86_400_000).toISOString().slice(0, 10);
    const to = opts.to ?? null;
    const includePossible = opts.includePossible ?? false;

    const activeVersions = this.lists.active.activeVersions();
    const all = this.lists.active.allEntries();
    const byCode = new Map<string, ListEntry[]>();
    for (const e of all) {
      const list = byCode.get(e.source) ?? [];
      list.push(e);
      byCode.set(e.source, list);
    }
    const active: ActiveVersion[] = activeVersions.map((v) => ({
      code: v.code,
      versionId: v.versionId,
      date: v.publishDate ?? v.importedAt.slice(0, 10),
      entries: byCode.get(v.code) ?? [],
    }));
    const planner = new DeltaPlanner(
      active,
      (id) => this.lists.versionEntries(id),
      (entries) => ScreeningIndex.build(entries),
    );

    const allow = new Map<string, Set<string>>();
    const now = new Date().toISOString();
    for (const r of await db.getRepository(AllowListRow).find({ where: { revokedAt: IsNull() } })) {
      if (expiry(r, this.config.allowlistDays) <= now) continue;
      const set = allow.get(r.partyKey) ?? new Set<string>();
      set.add(`${r.source}|${r.entryId}`);
      allow.set(r.partyKey, set);
    }
    const suppressed = (q: { name: string; country?: string }) => {
      const set = allow.get(partyKey(q.name, q.country));
      return set ? (e: { source: string; entryId: string }) => set.has(`${e.source}|${e.entryId}`) : undefined;
    };
    const usedIdsCache = new Map<string, Record<string, number>>();

    const windowed = () => {
      const qb = db
        .getRepository(DecisionRow)
        .createQueryBuilder('d')
        .where('d.createdAt >= :from', { from })
        .andWhere('d.decision IN (:...outcomes)', { outcomes: ['allow', 'review'] })
        .andWhere('d.status != :blocked', { blocked: 'blocked' });
      if (to) qb.andWhere('d.createdAt < :to', { to: nextDay(to) });
      return qb;
    };
    // which sets of list versions do the decisions in the window use, and which of them have anything new?
    // (reads only the small columns; the stored requests are read only for decisions that need a screening)
    const sets = (await windowed().select('d.listVersions', 'lv').addSelect('COUNT(*)', 'n').groupBy('d.listVersions').getRawMany()) as {
      lv: string;
      n: number | string;
    }[];
    const stale: string[] = [];
    let scanned = 0;
    let upToDate = 0;
    for (const { lv, n } of sets) {
      scanned += Number(n);
      const used = ((JSON.parse(lv) as { ids?: Record<string, number> }).ids ?? {}) as Record<string, number>;
      if ((await planner.indexFor(used)).index) stale.push(lv);
      else upToDate += Number(n);
    }

    let aborted = false;
    const changes: RescreenChange[] = [];
    const toReopen: { row: DecisionRow; wouldBe: Outcome; matches: RescreenMatch[] }[] = [];
    /** parties now found on a list: the link graph marks them listed */
    const nowListed: { name: string; country?: string }[] = [];
    let after = 0;
    while (stale.length) {
      if (this.closing) {
        aborted = true;
        break;
      }
      const qb = windowed()
        .select([
          'd.id',
          'd.seq',
          'd.kind',
          'd.reference',
          'd.decision',
          'd.status',
          'd.createdAt',
          'd.orderDate',
          'd.rulesVersion',
          'd.listVersions',
          'd.request',
        ])
        .andWhere('d.seq > :after', { after });
      if (stale.length <= 200) qb.andWhere('d.listVersions IN (:...stale)', { stale });
      const rows = await qb.orderBy('d.seq', 'ASC').take(PAGE).getMany();
      for (const row of rows) {
        let used = usedIdsCache.get(row.listVersions);
        if (!used) {
          used = ((JSON.parse(row.listVersions) as { ids?: Record<string, number> }).ids ?? {}) as Record<string, number>;
          usedIdsCache.set(row.listVersions, used);
        }
        const delta = await planner.indexFor(used);
        if (!delta.index) continue;
        const targets = targetsOf(JSON.parse(row.request), () => [] as { subject: string; name: string }[]);
        const finalTargets = targets.length ? targets : await this.responseTargets(row.id);
        const result = rescreenTargets(finalTargets, row.decision as Outcome, delta, {
          matchThreshold: this.config.screenMatchThreshold,
          reviewThreshold: this.config.screenReviewThreshold,
          includePossible,
          suppressed,
        });
        if (result) {
          for (const m of result.matches)
            if (m.score >= this.config.screenMatchThreshold)
              nowListed.push({
                name: m.party,
                country: (finalTargets.find((x) => x.subject === m.subject)?.query as { country?: string } | undefined)?.country,
              });
          if (row.kind !== FINDING_KIND && row.status !== 'reopened') toReopen.push({ row, wouldBe: result.wouldBe, matches: result.matches });
          changes.push(changeOf(row, result.wouldBe, result.matches));
        }
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].seq;
      await new Promise((r) => setImmediate(r)); // let requests through between pages
    }

    const network = aborted ? undefined : await this.networkPass(nowListed, changes, toReopen, windowed);

    const finished = new Date();
    const report: RescreenReport = {
      id: 0,
      status: aborted ? 'aborted' : 'finished',
      trigger: opts.trigger,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      window: { from, to },
      includePossible,
      matchThreshold: this.config.screenMatchThreshold,
      versions: Object.fromEntries(active.map((v) => [v.code, { versionId: v.versionId, date: v.date }])),
      deltas: [...planner.summaries.values()].sort((a, b) => a.code.localeCompare(b.code) || (a.fromVersionId ?? 0) - (b.fromVersionId ?? 0)),
      scanned,
      upToDate,
      changed: changes.length,
      decisions: changes.sort((a, b) => a.seq - b.seq),
      ...(network ? { network } : {}),
    };
    if (aborted) return report; // the database is closing: nothing stored
    const saved = await writeTransaction(db, (tx) =>
      tx.getRepository(RescreenReportRow).save({
        startedAt: report.startedAt,
        finishedAt: report.finishedAt,
        trigger: report.trigger,
        scanned,
        report: JSON.stringify(report),
      }),
    );
    report.id = saved.id;
    const reopened = await this.reopen(toReopen, report, all);
    this.logger.log(`re-screen (${opts.trigger}): ${reopened} decision(s) reopened with a linked review finding`);
    this.logger.log(`re-screen (${opts.trigger}): ${scanned} decisions in ${report.durationMs} ms, ${changes.length} would now be stricter`);
    return report;
  }

  /**
   * Reopen each decision that would now be stricter: append a `reopen` record to the chain (status
   * `reopened`, only from a status other than reopened: two re-screens never reopen twice), then store the
   * linked review finding it names. Returns how many were reopened.
   */
  private async reopen(
    list: { row: DecisionRow; wouldBe: Outcome; matches: RescreenMatch[] }[],
    report: RescreenReport,
    entries: ListEntry[],
  ): Promise<number> {
    if (!list.length) return 0;
    const byKey = new Map<string, ListEntry>();
    const wanted = new Set(list.flatMap((x) => x.matches.map((m) => `${m.source}|${m.entryId}`)));
    for (const e of entries) if (wanted.has(`${e.source}|${e.entryId}`)) byKey.set(`${e.source}|${e.entryId}`, e);
    const listVersions = { dates: this.lists.active.versionDates(), ids: this.lists.active.versionIds() };
    let n = 0;
    for (const { row, wouldBe, matches } of list) {
      const now = new Date();
      const findingId = `dec_${newUlid(now.getTime())}`;
      try {
        await this.store.writeDisposition(
          {
            decisionId: row.id,
            action: 'reopen',
            note: reopenNote(findingId, report.id, wouldBe),
            by: REOPEN_BY,
            createdAt: now.toISOString(),
            suppressions: null,
          },
          'reopened',
          ['open', 'released', 'closed'],
        );
      } catch (e) {
        if (e instanceof DispositionConflict) continue; // blocked or reopened meanwhile
        throw e;
      }
      await this.store.writeDecision(
        findingRecord({
          findingId,
          createdAt: now.toISOString(),
          reportId: report.id,
          trigger: report.trigger,
          original: row,
          wouldBe,
          matches,
          entryOf: (source, entryId) => byKey.get(`${source}|${entryId}`),
          listVersions,
        }),
      );
      n++;
    }
    return n;
  }

  /**
   * The link graph's part of a re-screen: the parties now found on a list are marked listed, then every
   * decision in the window linked (strongly) to a listed or denied party has its network reasons re-derived
   * against the graph as it is now; one that would now be stricter (a network hold, or a deny for a link to a
   * listed party strong enough) is a change like a list match, and is reopened with a network finding.
   */
  private async networkPass(
    nowListed: { name: string; country?: string }[],
    changes: RescreenChange[],
    toReopen: { row: DecisionRow; wouldBe: Outcome; matches: RescreenMatch[] }[],
    windowed: () => SelectQueryBuilder<DecisionRow>,
  ): Promise<{ listedParties: number; linkedChecked: number; changed: number } | undefined> {
    if (!this.networks.enabled) return undefined;
    const marked = await this.networks.markListed(nowListed);
    const already = new Set(changes.map((c) => c.id));
    const candidates = (await this.networks.decisionsLinkedToRestricted(marked)).filter((id) => !already.has(id));
    let checked = 0;
    let changed = 0;
    for (let i = 0; i < candidates.length && !this.closing; i += 200) {
      const rows = await windowed()
        .select(['d.id', 'd.seq', 'd.kind', 'd.reference', 'd.decision', 'd.status', 'd.createdAt', 'd.orderDate', 'd.rulesVersion', 'd.request', 'd.response'])
        .andWhere('d.id IN (:...ids)', { ids: candidates.slice(i, i + 200) })
        .getMany();
      for (const row of rows) {
        if (row.kind === FINDING_KIND) continue;
        checked++;
        const response = JSON.parse(row.response) as Parameters<NetworksService['reassess']>[2];
        const { reasons, facts } = await this.networks.reassess(row.kind, JSON.parse(row.request), response);
        const held = reasons.filter((r) => r.severity !== 'info');
        const wouldBe = outcomeOf(held);
        if (
          !held.length ||
          severityRank(wouldBe === 'allow' ? 'info' : wouldBe) <= severityRank(row.decision === 'allow' ? 'info' : (row.decision as 'review' | 'deny'))
        )
          continue;
        const matches = held.map((r: Reason) => ({
          subject: r.subject,
          party: facts.parties.find((p) => p.role === r.subject)?.name ?? r.subject,
          source: 'NETWORK',
          entryId: String(r.evidence.linkedNode ?? ''),
          entryName: String(r.evidence.linkedParty ?? ''),
          matchedName: String(r.evidence.linkedParty ?? ''),
          matchedOn: 'link graph',
          score: Number(r.evidence.strength ?? 0),
          severity: r.severity,
          change: 'new' as const,
          network: { code: r.code, message: r.message, citation: r.citation },
        }));
        changed++;
        if (row.status !== 'reopened') toReopen.push({ row, wouldBe, matches });
        changes.push(changeOf(row, wouldBe, matches));
      }
    }
    return { listedParties: marked.length, linkedChecked: checked, changed };
  }

  /** Parties of a stored decision whose request is not an order (e.g. a cloud customer): from its response. */
  private async responseTargets(id: string) {
    const row = await this.store.db.getRepository(DecisionRow).findOne({ where: { id }, select: ['id', 'response'] });
    const parties = row ? ((JSON.parse(row.response) as { parties?: { subject: string; name: string }[] }).parties ?? []) : [];
    return parties.filter((p) => p && typeof p.name === 'string').map((p) => ({ subject: p.subject, query: { name: p.name } }));
  }
}

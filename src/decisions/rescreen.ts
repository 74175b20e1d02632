/**
 * Re-screening, fast by design: a stored decision is not re-decided. For the list versions it used,
 * only the entries that are NEW or CHANGED in the now-active versions can alter its screening, so the
 * decision's party names are screened against a small index of just those entries. A decision whose
 * parties now match where it was allow/review is reported as stricter (deny for deny-severity lists,
 * else review). Plain TypeScript: the Nest service feeds it rows, versions and the allow-list.
 */
import { createHash } from 'crypto';
import { Order } from '../common/order';
import { Outcome, Severity, severityRank } from '../common/reason';
import { ListCode, ListEntry } from '../lists/list-entry';
import type { PartyQuery, ScreeningIndex, ScreeningResult } from '../screening';
import { listConsequence, screeningTargets } from '../decision';

export type EntryChange = 'new' | 'changed';

/** What of an entry can change whether a name matches it: names, aliases, addresses, countries, type. */
export function entryFingerprint(e: ListEntry): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        e.type,
        e.name,
        e.aliases.map((a) => a.name).sort(),
        e.addresses.map((a) => [a.text, a.country ?? '', a.city ?? '']),
        [...e.countries].sort(),
      ]),
    )
    .digest('base64');
}

export function entryKey(e: { source: string; entryId: string }): string {
  return `${e.source}|${e.entryId}`;
}

/** Entries of `current` that are not in `previous` (by source+entryId) or whose fingerprint differs. */
export function diffEntries(current: ListEntry[], previous: Map<string, string> | null): { entry: ListEntry; change: EntryChange }[] {
  const out: { entry: ListEntry; change: EntryChange }[] = [];
  for (const e of current) {
    const old = previous?.get(entryKey(e));
    if (old === undefined) out.push({ entry: e, change: 'new' });
    else if (old !== entryFingerprint(e)) out.push({ entry: e, change: 'changed' });
  }
  return out;
}

export interface ActiveVersion {
  code: ListCode;
  versionId: number;
  date: string;
  entries: ListEntry[];
}

export interface DeltaSummary {
  code: string;
  fromVersionId: number | null;
  toVersionId: number;
  newEntries: number;
  changedEntries: number;
}

export interface DeltaIndex {
  index: ScreeningIndex | null;
  changes: Map<string, EntryChange>;
  entries: number;
  /** screening results per query within one run (buyer, bill-to and payer are often the same name) */
  cache?: Map<string, ScreeningResult>;
}

/**
 * Per set of list versions a decision used: the index of entries new or changed since.
 * Old versions are read once each (as fingerprints only); deltas and indexes are cached.
 */
export class DeltaPlanner {
  private readonly fingerprints = new Map<number, Promise<Map<string, string>>>();
  private readonly deltas = new Map<string, Promise<{ entry: ListEntry; change: EntryChange }[]>>();
  private readonly indexes = new Map<string, Promise<DeltaIndex>>();
  readonly summaries = new Map<string, DeltaSummary>();

  constructor(
    private readonly active: ActiveVersion[],
    private readonly loadVersion: (versionId: number) => Promise<ListEntry[]>,
    private readonly build: (entries: ListEntry[]) => ScreeningIndex,
  ) {}

  /** The delta index for a decision that used these version ids (per code). */
  indexFor(usedIds: Record<string, number>): Promise<DeltaIndex> {
    const signature = this.active.map((v) => `${v.code}:${usedIds[v.code] === v.versionId ? '=' : (usedIds[v.code] ?? '-')}`).join(',');
    let p = this.indexes.get(signature);
    if (!p) {
      p = (async () => {
        const changes = new Map<string, EntryChange>();
        const entries: ListEntry[] = [];
        for (const v of this.active) {
          const used = usedIds[v.code];
          if (used === v.versionId) continue;
          for (const d of await this.delta(v, used ?? null)) {
            entries.push(d.entry);
            changes.set(entryKey(d.entry), d.change);
          }
        }
        return { index: entries.length ? this.build(entries) : null, changes, entries: entries.length, cache: new Map() };
      })();
      this.indexes.set(signature, p);
    }
    return p;
  }

  private delta(v: ActiveVersion, fromVersionId: number | null): Promise<{ entry: ListEntry; change: EntryChange }[]> {
    const key = `${v.code}:${fromVersionId ?? '-'}`;
    let p = this.deltas.get(key);
    if (!p) {
      p = (async () => {
        const previous = fromVersionId === null ? null : await this.fingerprintsOf(fromVersionId);
        const d = diffEntries(v.entries, previous);
        this.summaries.set(key, {
          code: v.code,
          fromVersionId,
          toVersionId: v.versionId,
          newEntries: d.filter((x) => x.change === 'new').length,
          changedEntries: d.filter((x) => x.change === 'changed').length,
        });
        return d;
      })();
      this.deltas.set(key, p);
    }
    return p;
  }

  private fingerprintsOf(versionId: number): Promise<Map<string, string>> {
    let p = this.fingerprints.get(versionId);
    if (!p) {
      p = this.loadVersion(versionId).then((entries) => new Map(entries.map((e) => [entryKey(e), entryFingerprint(e)])));
      this.fingerprints.set(versionId, p);
    }
    return p;
  }
}

export interface RescreenMatch {
  subject: string;
  /** the party name as the order gave it */
  party: string;
  source: string;
  entryId: string;
  entryName: string;
  matchedName: string;
  matchedOn: string;
  score: number;
  severity: Severity;
  change: EntryChange;
}

export interface RescreenTarget {
  subject: string;
  query: PartyQuery;
}

/** The parties a stored decision screened, from its stored request (transactions) or its response (others). */
export function targetsOf(request: unknown, responseParties?: () => { subject: string; name: string }[]): RescreenTarget[] {
  const r = request as Partial<Order> | null;
  if (r && typeof r === 'object' && r.buyer && typeof r.buyer.name === 'string') return screeningTargets(r as Order);
  return (responseParties?.() ?? []).map((p) => ({ subject: p.subject, query: { name: p.name } }));
}

const OUTCOME_OF: Record<Severity, Outcome> = { info: 'allow', review: 'review', deny: 'deny' };

/**
 * Screen a decision's targets against a delta index; returns the stricter outcome and the matches that
 * cause it, or null when the outcome would not be stricter than `previous`.
 */
export function rescreenTargets(
  targets: RescreenTarget[],
  previous: Outcome,
  delta: DeltaIndex,
  opts: {
    matchThreshold: number;
    reviewThreshold: number;
    includePossible: boolean;
    suppressed: (query: PartyQuery) => ((e: { source: string; entryId: string }) => boolean) | undefined;
  },
): { wouldBe: Outcome; matches: RescreenMatch[] } | null {
  if (!delta.index) return null;
  let worst = severityRank(previous === 'deny' ? 'deny' : previous === 'review' ? 'review' : 'info');
  const start = worst;
  const matches: RescreenMatch[] = [];
  for (const { subject, query } of targets) {
    const key = `${query.name}\u0000${query.country ?? ''}\u0000${query.type ?? ''}\u0000${query.address ?? ''}`;
    let result = delta.cache?.get(key);
    if (!result) {
      result = delta.index.screen(query, {
        matchThreshold: opts.matchThreshold,
        reviewThreshold: opts.includePossible ? opts.reviewThreshold : opts.matchThreshold,
        suppressed: opts.suppressed(query),
        limit: 5,
      });
      if (delta.cache) {
        if (delta.cache.size >= 200_000) delta.cache.clear();
        delta.cache.set(key, result);
      }
    }
    for (const m of result.matches) {
      const isMatch = m.score >= opts.matchThreshold;
      if (!isMatch && !opts.includePossible) continue;
      const severity: Severity = isMatch ? listConsequence(m.source).severity : 'review';
      worst = Math.max(worst, severityRank(severity));
      matches.push({
        subject,
        party: query.name,
        source: m.source,
        entryId: m.entryId,
        entryName: m.name,
        matchedName: m.matchedName,
        matchedOn: m.matchedOn,
        score: m.score,
        severity,
        change: delta.changes.get(entryKey(m)) ?? 'new',
      });
    }
  }
  if (worst <= start) return null;
  const wouldBe = OUTCOME_OF[(['info', 'review', 'deny'] as Severity[])[worst]];
  matches.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.score - a.score);
  return { wouldBe, matches: matches.slice(0, 20) };
}

/**
 * List safety (API.md "List safety"): an import must not gut a list or roll it back by accident. Plain
 * functions: the import refuses (409) unless forced with a reason, which is then recorded with who and why.
 */
import { ListCode, ListEntry } from './list-entry';

export type ListSafetyCode = 'LIST_SHRINK' | 'LIST_OLDER';

export interface ListSafetyProblem {
  code: ListSafetyCode;
  list: ListCode;
  message: string;
}

/**
 * The date a list version speaks for: the publish date the file states, else its newest listing date (a
 * CSL file states none, but its newest `start_date` shows how recent it is). Dates after `today` are ignored.
 */
export function asOfDate(publishDate: string | null | undefined, entries: readonly ListEntry[], today = new Date().toISOString().slice(0, 10)): string | null {
  if (publishDate) return publishDate;
  let latest: string | null = null;
  for (const e of entries) {
    const d = e.startDate;
    if (d && /^\d{4}-\d{2}-\d{2}$/.test(d) && d <= today && (!latest || d > latest)) latest = d;
  }
  return latest;
}

/**
 * Exact copies count once: a file that repeats an entry 320,000 times holds one entry. (The parsers keep
 * records that share an id by suffixing it, "123#2"; a copy is a record equal to another but for that suffix.)
 */
export function dedupeEntries(entries: readonly ListEntry[]): { entries: ListEntry[]; duplicates: number } {
  const seen = new Set<string>();
  const out: ListEntry[] = [];
  for (const e of entries) {
    const key = JSON.stringify({ ...e, entryId: e.entryId.replace(/#\d+$/, '') });
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return { entries: out, duplicates: entries.length - out.length };
}

export interface VersionFacts {
  entryCount: number;
  asOf: string | null;
  /** the date is the file's stated publish date (not inferred from its newest listing) */
  stated?: boolean;
}

/**
 * What is wrong with replacing `active` by `next` for one list code (nothing when there is no active version).
 * `subsetOfActive`: every entry of the file is in the active version. A date inferred from listings is then no
 * sign of a rollback (a cut-down copy of today's list has old newest listings too): that is a shrink only.
 */
export function listSafetyProblems(
  list: ListCode,
  next: VersionFacts,
  active: VersionFacts | undefined,
  maxDropPercent: number,
  subsetOfActive = false,
): ListSafetyProblem[] {
  if (!active) return [];
  const problems: ListSafetyProblem[] = [];
  const floor = active.entryCount * (1 - maxDropPercent / 100);
  if (next.entryCount < floor) {
    const drop = Math.round((1 - next.entryCount / active.entryCount) * 1000) / 10;
    problems.push({
      code: 'LIST_SHRINK',
      list,
      message: `${list}: the file holds ${next.entryCount} distinct entries, the active version ${active.entryCount} (${drop} % fewer; at most ${maxDropPercent} % is accepted, LIST_MAX_DROP_PERCENT)`,
    });
  }
  const comparable = (next.stated && active.stated) || !subsetOfActive;
  if (comparable && next.asOf && active.asOf && next.asOf < active.asOf) {
    problems.push({ code: 'LIST_OLDER', list, message: `${list}: the file is as of ${next.asOf}, older than the active version (as of ${active.asOf})` });
  }
  return problems;
}

/** Thrown by an import that would shrink or roll back a list; nothing was changed. */
export class ListSafetyError extends Error {
  constructor(readonly problems: ListSafetyProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'ListSafetyError';
  }

  /** LIST_OLDER wins when both apply (a rollback is the graver mistake) — the body names every problem. */
  get code(): ListSafetyCode {
    return this.problems.some((p) => p.code === 'LIST_OLDER') ? 'LIST_OLDER' : 'LIST_SHRINK';
  }
}

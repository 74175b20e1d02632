/**
 * The overview's aggregates (GET /v1/decisions/stats): decisions per day by outcome and the most frequent
 * reason codes over a period, plus the review queue's size per status. Plain TypeScript: the query parameters,
 * and the folding of grouped rows (the database does the counting; nothing here holds a decision).
 */
import { isIsoDate } from './queue';

export const STATS_DEFAULT_DAYS = 30;
export const STATS_MAX_DAYS = 731;
export const STATS_TOP_REASONS = 10;

export interface StatsQuery {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10);
}

/** from/to (YYYY-MM-DD, inclusive); default: the last 30 days up to today. */
export function parseStatsQuery(query: Record<string, unknown>, today: string): { query?: StatsQuery; errors: string[] } {
  const errors: string[] = [];
  for (const key of Object.keys(query)) if (key !== 'from' && key !== 'to') errors.push(`unknown query parameter ${key} (allowed: from, to)`);
  const date = (key: 'from' | 'to'): string | undefined => {
    const v = query[key];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || !isIsoDate(v)) {
      errors.push(`${key} must be a date YYYY-MM-DD`);
      return undefined;
    }
    return v;
  };
  const to = date('to') ?? today;
  const from = date('from') ?? addDays(to, -(STATS_DEFAULT_DAYS - 1));
  if (errors.length) return { errors };
  if (from > to) return { errors: ['from must not be after to'] };
  if (daysBetween(from, to) > STATS_MAX_DAYS) return { errors: [`the period must be at most ${STATS_MAX_DAYS} days`] };
  return { query: { from, to }, errors };
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / DAY_MS) + 1;
}

export interface DayCount {
  day: string;
  allow: number;
  review: number;
  deny: number;
}

/** Grouped (day, decision, n) rows -> one entry per day of the period (days without decisions count 0). */
export function perDay(rows: { day: string; decision: string; n: number | string }[], from: string, to: string): DayCount[] {
  const out = new Map<string, DayCount>();
  for (let d = from; d <= to; d = addDays(d, 1)) out.set(d, { day: d, allow: 0, review: 0, deny: 0 });
  for (const r of rows) {
    const entry = out.get(r.day);
    if (entry && (r.decision === 'allow' || r.decision === 'review' || r.decision === 'deny')) entry[r.decision] += Number(r.n);
  }
  return [...out.values()];
}

/**
 * Grouped (reasonCodes, n) rows -> the most frequent codes. reasonCodes is the stored '|A|B|' string, so one
 * row stands for every decision with that combination; a code counts once per decision.
 */
export function topReasons(rows: { codes: string; n: number | string }[], limit = STATS_TOP_REASONS): { code: string; decisions: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    for (const code of new Set(r.codes.split('|').filter(Boolean))) counts.set(code, (counts.get(code) ?? 0) + Number(r.n));
  }
  return [...counts.entries()]
    .map(([code, decisions]) => ({ code, decisions }))
    .sort((a, b) => b.decisions - a.decisions || a.code.localeCompare(b.code))
    .slice(0, limit);
}

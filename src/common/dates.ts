/** Date helpers for dated rules and checks (ISO dates, YYYY-MM-DD, compared as text). */

/** `date` lies in [from, to): `from` inclusive, `to` exclusive, either open when absent. */
export function inPeriod(date: string, from: string | null | undefined, to: string | null | undefined): boolean {
  return (!from || date >= from) && (!to || date < to);
}

/** Whole calendar months from one date to another (a month is complete once its day of the month is reached). */
export function monthsBetween(fromYmd: string, toYmd: string): number {
  const a = new Date(`${fromYmd}T00:00:00Z`);
  const b = new Date(`${toYmd}T00:00:00Z`);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) - (b.getUTCDate() < a.getUTCDate() ? 1 : 0);
}

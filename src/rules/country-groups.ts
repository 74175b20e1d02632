/**
 * Country Group membership on a date (Supp. No. 1 to Part 740), from dated rows.
 * `from` is inclusive, `to` exclusive; Hong Kong is treated as China (the
 * `treatedAs` rows), so HK takes China's groups from the date given there.
 */
import { inPeriod } from '../common/dates';
import type { CountryGroupRow, Dated } from './types';

/** A dated row is in force on `date` (from inclusive, to exclusive). */
export function inForce(row: Dated, date: string): boolean {
  return inPeriod(date, row.from, row.to);
}

export interface TreatedAs extends Dated {
  country: string;
  treatedAs: string;
  source: string;
}

export class CountryGroups {
  constructor(
    readonly rows: readonly CountryGroupRow[],
    readonly treatedAs: readonly TreatedAs[] = [],
  ) {}

  /** The country whose groups apply (HK -> CN from 2020-12-23). */
  effectiveCountry(country: string, date: string): string {
    const c = country.toUpperCase();
    const t = this.treatedAs.find((r) => r.country === c && inForce(r, date));
    return t ? t.treatedAs : c;
  }

  /** Sorted group names ("A:5", "D:1" …) the country is in on the date. */
  groupsOf(country: string, date: string): string[] {
    const c = this.effectiveCountry(country, date);
    const out = new Set<string>();
    for (const r of this.rows) if (r.country === c && inForce(r, date)) out.add(r.group);
    return [...out].sort();
  }

  /** Rows (with sources) that put the country in its groups on the date. */
  evidence(country: string, date: string): CountryGroupRow[] {
    const c = this.effectiveCountry(country, date);
    return this.rows.filter((r) => r.country === c && inForce(r, date));
  }

  isIn(country: string, group: string, date: string): boolean {
    return this.groupsOf(country, date).includes(group);
  }

  /**
   * Does a scope cover the country? A scope is "any of `groups`, unless in any of
   * `exceptGroups`", plus explicit `countries` (e.g. Macau), minus `exceptCountries`.
   */
  inScope(country: string, date: string, scope: { groups?: string[]; exceptGroups?: string[]; countries?: string[]; exceptCountries?: string[] }): boolean {
    const c = country.toUpperCase();
    const eff = this.effectiveCountry(c, date);
    if (scope.exceptCountries?.includes(c) || scope.exceptCountries?.includes(eff)) return false;
    if (scope.countries?.includes(c) || scope.countries?.includes(eff)) return true;
    const groups = this.groupsOf(c, date);
    if (!(scope.groups ?? []).some((g) => groups.includes(g))) return false;
    return !(scope.exceptGroups ?? []).some((g) => groups.includes(g));
  }
}

/**
 * Secondary evidence besides the name: date of birth, nationality and identifiers of the party against
 * the entry's own. A matching identifier is strong evidence; a conflicting birth date or nationality lowers
 * the score (weights in params.ts ENTITY_FEATURES). Lists give dates in many forms ("1958",
 * "1972-05-25", "1960-1962", "circa 1960", "12 Jan 1960", "Jan 1960"): each is read as a year range with
 * an optional month and day.
 */
import { ListEntry, ListIdentifier } from '../lists/list-entry';
import { ENTITY_FEATURES } from './params';

export interface PartialDate {
  year: number;
  /** last year of a range ("1960-1962", "between 1960 and 1962"); = year otherwise */
  yearTo: number;
  month?: number;
  day?: number;
  /** "circa", "approximately": one year of slack either way */
  approx?: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A party's date of birth as the API takes it: YYYY, YYYY-MM or YYYY-MM-DD; undefined otherwise. */
export function parseQueryDate(s: string | undefined): PartialDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec((s ?? '').trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if ((month !== undefined && (month < 1 || month > 12)) || (day !== undefined && (day < 1 || day > 31))) return undefined;
  return { year, yearTo: year, month, day };
}

/** One date of birth as a list writes it. */
export function parseListDate(text: string): PartialDate | undefined {
  const s = text.trim().toLowerCase();
  const approx = /circa|approx|about|\bca\b|\bc\.|around/.test(s);
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return { year: +m[1], yearTo: +m[1], month: +m[2], day: +m[3], approx };
  m = /^(\d{1,2})[ -/.]([a-z]{3})[a-z]*\.?[ -/.,]*(\d{4})/.exec(s);
  if (m && MONTHS.includes(m[2])) return { year: +m[3], yearTo: +m[3], month: MONTHS.indexOf(m[2]) + 1, day: +m[1], approx };
  m = /^([a-z]{3})[a-z]*\.?[ -/.,]*(\d{4})/.exec(s);
  if (m && MONTHS.includes(m[1])) return { year: +m[2], yearTo: +m[2], month: MONTHS.indexOf(m[1]) + 1, approx };
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (m) return { year: +m[3], yearTo: +m[3], month: +m[1], day: +m[2], approx };
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return { year: +m[1], yearTo: +m[1], month: +m[2], approx };
  const years = s.match(/\b(1[89]\d\d|20\d\d)\b/g);
  if (!years) return undefined;
  const ys = years.map(Number);
  return { year: Math.min(...ys), yearTo: Math.max(...ys), approx };
}

export type DateAgreement = 'agree' | 'near' | 'conflict';

/** How the party's date of birth compares with the entry's dates: the best agreement over them. */
export function compareBirthDates(q: PartialDate, listed: PartialDate[]): DateAgreement | undefined {
  let best: DateAgreement | undefined;
  const rank = { conflict: 0, near: 1, agree: 2 } as const;
  for (const e of listed) {
    const slack = e.approx ? 1 : 0;
    const lo = e.year - slack;
    const hi = e.yearTo + slack;
    let r: DateAgreement;
    if (q.year >= lo && q.year <= hi) {
      const exactYear = e.year === e.yearTo && !e.approx;
      if (exactYear && q.month && e.month && q.month !== e.month) r = 'near';
      else if (exactYear && q.day && e.day && q.month === e.month && q.day !== e.day) r = 'near';
      else r = 'agree';
    } else if (q.year >= lo - 1 && q.year <= hi + 1) r = 'near';
    else r = 'conflict';
    if (!best || rank[r] > rank[best]) best = r;
  }
  return best;
}

/**
 * An identifier value as compared: the number without what lists append ("27082171 (United States) issued
 * 21 Jun 1992" -> 27082171), letters and digits only, upper case.
 */
export function identifierKey(value: string): string {
  const head = value.split(/\s+\(|\s+(?:issued|expires|valid)\b/i)[0];
  return head
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9@.]/g, '')
    .toUpperCase();
}

/** Values too short or without a digit (or an e-mail / domain shape) are not identifying ("Male", "Yes"). */
function identifying(key: string): boolean {
  return key.length >= 5 && /[0-9@.]/.test(key);
}

/** The entry's identifier that one of the party's identifiers equals (by value), if any. */
export function matchingIdentifier(query: { type: string; value: string }[] | undefined, entry: ListIdentifier[]): ListIdentifier | undefined {
  if (!query?.length || !entry.length) return undefined;
  const keys = new Set(query.map((q) => identifierKey(q.value)).filter(identifying));
  if (!keys.size) return undefined;
  return entry.find((e) => keys.has(identifierKey(e.value)));
}

export interface EvidenceQuery {
  dateOfBirth?: string;
  nationality?: string;
  identifiers?: { type: string; value: string }[];
}

/**
 * The score change from the secondary evidence, with a note per piece of evidence for the explanation.
 * Dates of an entry are parsed once and kept in `cache`.
 */
export function secondaryEvidence(q: EvidenceQuery, e: ListEntry, notes: string[], cache?: Map<ListEntry, PartialDate[]>): number {
  const F = ENTITY_FEATURES;
  let delta = 0;
  const id = matchingIdentifier(q.identifiers, e.identifiers);
  if (id) {
    delta += F.identifierMatch;
    notes.push(`identifier ${id.value} matches the entry's ${id.type || 'identifier'}`);
  }
  const dob = parseQueryDate(q.dateOfBirth);
  if (dob && e.datesOfBirth?.length) {
    let listed = cache?.get(e);
    if (!listed) {
      listed = e.datesOfBirth.map(parseListDate).filter((d): d is PartialDate => !!d);
      cache?.set(e, listed);
    }
    const cmp = listed.length ? compareBirthDates(dob, listed) : undefined;
    const shown = e.datesOfBirth.slice(0, 3).join(' / ');
    if (cmp === 'agree') {
      delta += F.dobAgree;
      notes.push(`date of birth ${q.dateOfBirth} agrees with ${shown}`);
    } else if (cmp === 'near') {
      delta -= F.dobNear;
      notes.push(`date of birth ${q.dateOfBirth} close to but not ${shown}`);
    } else if (cmp === 'conflict') {
      delta -= F.dobConflict;
      notes.push(`date of birth ${q.dateOfBirth} differs from ${shown}`);
    }
  }
  const nat = q.nationality?.trim().toUpperCase();
  if (nat && e.nationalities?.length) {
    if (e.nationalities.includes(nat)) {
      delta += F.nationalityAgree;
      notes.push(`nationality ${nat} agrees`);
    } else {
      delta -= F.nationalityConflict;
      notes.push(`nationality ${nat} not among ${e.nationalities.slice(0, 4).join('/')}`);
    }
  }
  return delta;
}

/** Helpers shared by the list parsers. */
import { createHash } from 'crypto';
import { gunzipSync } from 'zlib';
import { countryCodeOf } from '../../common/countries';
import { AliasKind, ListAddress, ListEntry, ListParseError } from '../list-entry';

/** Trimmed string with inner whitespace collapsed; '' for null/undefined/non-strings. */
export function clean(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return s.replace(/\s+/g, ' ').trim();
}

/** clean() or undefined when empty. */
export function opt(value: unknown): string | undefined {
  const s = clean(value);
  return s ? s : undefined;
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/**
 * Dates as YYYY-MM-DD. Accepts ISO (with or without time), MM/DD/YYYY (US, `us` = true),
 * DD/MM/YYYY (`us` = false), "12 Jan 1970". Returns undefined for anything else
 * (year-only, ranges …).
 */
export function isoDate(value: unknown, us = true): string | undefined {
  const s = clean(value);
  if (!s) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const [a, b] = us ? [m[1], m[2]] : [m[2], m[1]];
    return `${m[3]}-${a.padStart(2, '0')}-${b.padStart(2, '0')}`;
  }
  m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(s);
  if (m && MONTHS[m[2].toLowerCase()]) return `${m[3]}-${MONTHS[m[2].toLowerCase()]}-${m[1].padStart(2, '0')}`;
  return undefined;
}

/** Deduplicated, upper-case ISO codes (undefined/empty dropped). */
export function uniqueCountries(codes: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const c of codes) if (c) out.add(c.toUpperCase());
  return [...out];
}

export function uniqueStrings(values: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const v of values) if (v) out.add(v);
  return [...out];
}

/** Countries of an entry: from addresses plus extra codes (nationality, citizenship …). */
export function entryCountries(addresses: ListAddress[], extra: Iterable<string | undefined> = []): string[] {
  return uniqueCountries([...addresses.map((a) => a.country), ...extra]);
}

/** Country code from a name or a code; undefined when unknown. */
export function country(value: unknown): string | undefined {
  const s = clean(value);
  if (!s || s === '00') return undefined;
  return countryCodeOf(s);
}

/** Normalised address text for keys: lower case, punctuation and spacing folded. */
export function normaliseAddress(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Stable key of an address-only entry: built from the normalised address text and the country. */
export function addressKey(text: string, countryCode: string | undefined): string {
  const h = createHash('sha1')
    .update(`${normaliseAddress(text)}|${(countryCode ?? '').toUpperCase()}`)
    .digest('hex');
  return `addr-${(countryCode ?? 'xx').toLowerCase()}-${h.slice(0, 16)}`;
}

/** Alias kind from OFAC/UN/UK spellings ("a.k.a.", "f.k.a.", "Low", …). */
export function aliasKind(type: unknown, weak = false): AliasKind {
  if (weak) return 'weak';
  const t = clean(type)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (t === 'fka') return 'fka';
  if (t === 'nka') return 'nka';
  return 'aka';
}

/** Remove aliases that repeat the primary name or another alias (same kind precedence: first wins). */
export function dedupeAliases<T extends { name: string }>(primary: string, aliases: T[]): T[] {
  const seen = new Set<string>([primary.toLowerCase()]);
  const out: T[] = [];
  for (const a of aliases) {
    const k = a.name.toLowerCase();
    if (!a.name || seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

const GZIP_MAGIC = [0x1f, 0x8b];
export function isGzip(data: Buffer): boolean {
  return data.length >= 2 && data[0] === GZIP_MAGIC[0] && data[1] === GZIP_MAGIC[1];
}

/** Gunzip when the buffer starts with the gzip magic bytes; a broken gzip is a ListParseError. */
export function maybeGunzip(data: Buffer, what: string): Buffer {
  if (!isGzip(data)) return data;
  try {
    return gunzipSync(data);
  } catch (e) {
    throw new ListParseError(`${what}: corrupt or truncated gzip data: ${(e as Error).message}`, 'gzip stream');
  }
}

/** Buffer -> string (UTF-8, BOM stripped). */
export function decodeText(data: Buffer): string {
  let s = data.toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

/** Makes entry ids unique within each source, suffixing repeats ("123#2") and warning about them. */
export function ensureUniqueIds(entries: ListEntry[], warnings: string[]): void {
  const seen = new Map<string, number>();
  for (const e of entries) {
    const k = `${e.source}\u0000${e.entryId}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > 1) {
      warnings.push(`duplicate id ${e.source}/${e.entryId} ("${e.name}"): stored as ${e.entryId}#${n}`);
      e.entryId = `${e.entryId}#${n}`;
    }
  }
}

const ORG_WORDS =
  /\b(inc|llc|ltd|limited|co|corp|corporation|company|gmbh|s\.?a|srl|ag|plc|llp|lp|group|industries|international|trading|technology|technologies|enterprises?|import|export|holdings?|bank|institute|university|academy|bureau|ministry|factory|center|centre|organi[sz]ation|associates|services|systems|electronics|engineering|shipping|partners|firm|establishment|ooo|oao|zao|pjsc|jsc|fze|fzco|fzc|bv|nv|sdn bhd|pte|pty|kg|ab|as|oy|spa|s\.?r\.?l)\b\.?/i;

/** Guess entity vs individual for lists without a type column (DPL, DTC). */
export function guessType(name: string): 'entity' | 'individual' | 'unknown' {
  if (ORG_WORDS.test(name) || /[&@]|\d/.test(name)) return 'entity';
  const words = name
    .replace(/[(),.]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length >= 2 && words.length <= 5) return 'individual';
  return 'unknown';
}

/**
 * Finding countries named in free text (the declared end use). Country names come from ICU
 * (common/countries.ts) plus the usual short forms; demonyms count only next to a word that makes
 * them a beneficiary ("Chinese customers"), so "Chinese-language model" is not a hit.
 * A mention preceded within a few words by a negation ("not for", "excluding", "no") is ignored.
 */
import { COUNTRY_CODES, countryName } from '../common/countries';
import { memoByString } from '../common/memo';

const ALIASES: Record<string, string[]> = {
  CN: ['prc', 'mainland china', "people's republic of china", 'peoples republic of china'],
  HK: ['hong kong', 'hongkong'],
  MO: ['macau', 'macao'],
  KP: ['dprk', 'north korea'],
  RU: ['russian federation'],
  MM: ['burma'],
  BY: ['belarus'],
  GE: ['republic of georgia', 'country of georgia'],
};
/** ICU names that are also US states or given names: only their aliases count. */
const AMBIGUOUS = new Set(['GE', 'JO']);
const DEMONYMS: Record<string, string[]> = {
  CN: ['chinese', 'prc-based', 'china-based', 'prc based', 'china based'],
  HK: ['hong kong-based', 'hong kong based'],
  RU: ['russian'],
  IR: ['iranian'],
  KP: ['north korean'],
  SY: ['syrian'],
  CU: ['cuban'],
  BY: ['belarusian', 'belarussian'],
  VE: ['venezuelan'],
  MM: ['burmese'],
};
const BENEFICIARY_WORDS =
  '(customers?|clients?|users?|compan(y|ies)|firms?|partners?|entit(y|ies)|parent|affiliates?|government|military|universit(y|ies)|buyers?|end users?|tenants?|teams?)';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Pattern {
  code: string;
  re: RegExp;
  term: string;
}

const PATTERNS: Pattern[] = (() => {
  const out: Pattern[] = [];
  for (const code of COUNTRY_CODES) {
    const names = new Set<string>(ALIASES[code] ?? []);
    const icu = countryName(code);
    if (icu && !AMBIGUOUS.has(code))
      names.add(
        icu
          .replace(/\(.*?\)/g, '')
          .replace(/SAR China/, '')
          .trim()
          .toLowerCase(),
      );
    for (const n of names) {
      out.push({ code, term: n, re: new RegExp(`\\b${esc(n)}\\b`, 'gi') });
    }
    for (const d of DEMONYMS[code] ?? []) {
      out.push({ code, term: d, re: new RegExp(`\\b${esc(d)}\\s+(\\w+\\s+)?${BENEFICIARY_WORDS}\\b`, 'gi') });
    }
  }
  return out;
})();

const NEGATION = /\b(not|no|never|excluding|except|exclude|without|nor|other than|outside(?: of)?)\b[^.;:]{0,30}$/i;

export interface CountryMention {
  code: string;
  term: string;
  text: string;
}

/** Countries named in the text (not negated), first mention of each (the same end-use texts recur: remembered). */
export function countriesMentioned(text: string | undefined): readonly CountryMention[] {
  return text ? mentionsIn(text) : [];
}

const mentionsIn = memoByString(findMentions, 2_000);

/** Each pattern (several hundred regular expressions) over the text. */
function findMentions(text: string): CountryMention[] {
  const found = new Map<string, CountryMention>();
  for (const p of PATTERNS) {
    if (found.has(p.code)) continue;
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (NEGATION.test(before)) continue;
      found.set(p.code, { code: p.code, term: p.term, text: m[0] });
      break;
    }
  }
  return [...found.values()];
}

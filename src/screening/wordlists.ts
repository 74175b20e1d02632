/**
 * The screening word lists (data/screening/*.json): legal suffixes and stopwords per language,
 * abbreviation canon, generic and place-name tokens, address terms. Read once, on first use.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

/** data/screening, found from the source tree (src/screening) or the build (dist/src/screening). */
export function screeningDataDir(): string {
  const candidates = [
    path.resolve(__dirname, '../../data/screening'),
    path.resolve(__dirname, '../../../data/screening'),
    path.resolve(process.cwd(), 'data/screening'),
  ];
  for (const c of candidates) if (existsSync(path.join(c, 'legal-suffixes.json'))) return c;
  throw new Error(`screening word lists not found (looked in ${candidates.join(', ')})`);
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(screeningDataDir(), file), 'utf8')) as T;
}

export interface WordLists {
  /** legal-form phrases (token sequences joined by one space) dropped anywhere */
  legalAnywhere: Set<string>;
  /** ambiguous legal forms dropped only at the start or end of a name */
  legalEdge: Set<string>;
  /** the Chinese legal forms (pinyin): the only ones dropped from a name written in Chinese characters */
  legalZh: Set<string>;
  /** longest legal phrase, in tokens */
  legalMaxLen: number;
  /** every leading run of tokens of a legalAnywhere / legalZh phrase (the phrase itself included): a longer phrase is looked up only after its start */
  legalAnywherePrefixes: Set<string>;
  legalZhPrefixes: Set<string>;
  /** every word of a legal phrase (legalAnywhere, legalEdge, legalZh) */
  legalWords: Set<string>;
  stopwords: Set<string>;
  /** stopwords in a person's name: the particles only (al, de, van …), not English words (Kim Jong On) */
  personStopwords: Set<string>;
  /** single token variant -> canonical token */
  tokenCanon: Map<string, string>;
  /** multi-token variant (joined by one space) -> canonical token */
  phraseCanon: Map<string, string>;
  phraseMaxLen: number;
  /** every leading run of tokens of a phraseCanon variant */
  phraseCanonPrefixes: Set<string>;
  generic: Set<string>;
  genericFactor: number;
  places: Set<string>;
  placeFactor: number;
  addressCanon: Map<string, string>;
  addressPhraseCanon: Map<string, string>;
  addressStructural: Set<string>;
  /** number words: units and teens, tens, ordinals (data/screening/number-words.json) */
  numberUnits: Map<string, number>;
  numberTens: Map<string, number>;
  numberOrdinals: Map<string, number>;
}

let cached: WordLists | undefined;

/** The phrases' leading runs of tokens (a b c -> a, a b, a b c). */
function phrasePrefixes(phrases: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of phrases) {
    let at = p.indexOf(' ');
    while (at >= 0) {
      out.add(p.slice(0, at));
      at = p.indexOf(' ', at + 1);
    }
    out.add(p);
  }
  return out;
}

/** Same folding as names get, without the word-list steps (lists are stored already folded, but be safe). */
function simpleTokens(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function wordLists(): WordLists {
  if (cached) return cached;
  const legal = readJson<{ anywhere: Record<string, string[]>; edge: Record<string, string[]> }>('legal-suffixes.json');
  const stop = readJson<Record<string, string[] | string>>('stopwords.json');
  const abbr = readJson<{ phrases: Record<string, string[]>; tokens: Record<string, string[]> }>('abbreviations.json');
  const generic = readJson<{ factor: number; tokens: string[] }>('generic-tokens.json');
  const places = readJson<{ factor: number; tokens: string[] }>('place-names.json');
  const addr = readJson<{ canon: Record<string, string[]>; structural: string[] }>('address-terms.json');
  const nums = readJson<{ units: Record<string, number>; tens: Record<string, number>; ordinals: Record<string, number> }>('number-words.json');

  const legalAnywhere = new Set<string>();
  const legalEdge = new Set<string>();
  const legalZh = new Set<string>((legal.anywhere.zh ?? []).map((p) => simpleTokens(p).join(' ')));
  let legalMaxLen = 1;
  for (const list of Object.values(legal.anywhere)) {
    for (const p of list) {
      const toks = simpleTokens(p);
      if (!toks.length) continue;
      legalAnywhere.add(toks.join(' '));
      legalMaxLen = Math.max(legalMaxLen, toks.length);
    }
  }
  for (const list of Object.values(legal.edge)) {
    for (const p of list) {
      const toks = simpleTokens(p);
      if (!toks.length) continue;
      legalEdge.add(toks.join(' '));
      legalMaxLen = Math.max(legalMaxLen, toks.length);
    }
  }

  const stopwords = new Set<string>();
  const personStopwords = new Set<string>();
  for (const [k, list] of Object.entries(stop)) {
    if (k.startsWith('_') || !Array.isArray(list)) continue;
    // person_* lists (titles such as Dr, Mrs) are dropped from persons' names only
    if (!k.startsWith('person_')) for (const w of list) stopwords.add(w);
    if (k !== 'en') for (const w of list) personStopwords.add(w);
  }

  const tokenCanon = new Map<string, string>();
  const phraseCanon = new Map<string, string>();
  let phraseMaxLen = 1;
  const addCanon = (canon: string, variant: string) => {
    const toks = simpleTokens(variant);
    if (!toks.length) return;
    if (toks.length === 1) tokenCanon.set(toks[0], canon);
    else {
      phraseCanon.set(toks.join(' '), canon);
      phraseMaxLen = Math.max(phraseMaxLen, toks.length);
    }
  };
  for (const [canon, variants] of Object.entries(abbr.tokens)) for (const v of variants) addCanon(canon, v);
  for (const [canon, variants] of Object.entries(abbr.phrases)) for (const v of variants) addCanon(canon, v);

  const addressCanon = new Map<string, string>();
  const addressPhraseCanon = new Map<string, string>();
  for (const [canon, variants] of Object.entries(addr.canon)) {
    for (const v of [canon, ...variants]) {
      const toks = simpleTokens(v);
      if (!toks.length) continue;
      if (toks.length === 1) {
        if (toks[0] !== canon) addressCanon.set(toks[0], canon);
      } else addressPhraseCanon.set(toks.join(' '), canon);
    }
  }

  cached = {
    legalAnywhere,
    legalEdge,
    legalZh,
    legalMaxLen,
    legalAnywherePrefixes: phrasePrefixes(legalAnywhere),
    legalZhPrefixes: phrasePrefixes(legalZh),
    legalWords: new Set([...legalAnywhere, ...legalEdge, ...legalZh].flatMap((p) => p.split(' '))),
    stopwords,
    personStopwords,
    tokenCanon,
    phraseCanon,
    phraseMaxLen,
    phraseCanonPrefixes: phrasePrefixes(phraseCanon.keys()),
    generic: new Set(generic.tokens),
    genericFactor: generic.factor,
    places: new Set(places.tokens),
    placeFactor: places.factor,
    addressCanon,
    addressPhraseCanon,
    addressStructural: new Set(addr.structural),
    numberUnits: new Map(Object.entries(nums.units)),
    numberTens: new Map(Object.entries(nums.tens)),
    numberOrdinals: new Map(Object.entries(nums.ordinals)),
  };
  return cached;
}

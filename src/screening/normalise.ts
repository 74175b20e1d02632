/**
 * Name and address normalisation for screening.
 *
 * Rules, in order (each unit-tested in normalise.spec.ts):
 *  1. fold: Unicode NFKD, diacritics dropped, special letters (ß, æ, ø, ł …) spelled out, any other
 *     non-Latin script transliterated (library `transliteration`), lower case;
 *  2. punctuation: apostrophes dropped (People's -> peoples), dotted acronyms joined (U.S.A. -> usa),
 *     A&B -> ab, & -> and, everything else that is not a letter or digit separates tokens;
 *  3. parentheses: tokens inside (…) [ … ] are marked `paren` (they count less, and may be missing);
 *  4. legal forms: phrases of data/screening/legal-suffixes.json are dropped, the ambiguous ones
 *     (SA, AG, AS, PT …) only at the start or end of the name;
 *  5. phrase canon: multi-word variants become canonical tokens (hong kong / hk -> hongkong,
 *     imp exp -> import export, sci tech -> science technology);
 *  6. stopwords (of, the, and, de, al …) dropped;
 *  7. token canon: abbreviations and inflections (tech, technologies -> technology; intl ->
 *     international; 13th -> 13);
 *  8. classes: number / generic (technology, trading …) / place (shenzhen, beijing …) / core.
 * Queries (opts.fuzzyLegal) also drop long legal words with one typo (Cympany, Limted).
 * If rules 4 and 6 would leave no token, the name keeps them (a name is never empty when it had letters).
 */
import { pinyin } from 'pinyin-pro';
import { transliterate } from 'transliteration';
import { ADDRESS } from './params';
import { osaDistance } from './similarity';
import { wordLists } from './wordlists';

export type TokenClass = 'core' | 'generic' | 'place' | 'number';

export interface NormToken {
  /** canonical token */
  t: string;
  /** the token as written (folded), for explanations */
  orig: string;
  cls: TokenClass;
  /** inside parentheses in the source text */
  paren: boolean;
  /** a patronymic (Vladimirovich, Oleksandrovna, ogly) or the name after bin / ibn / ben (a father's name) */
  role?: 'patronymic' | 'father';
  /** romanised from Chinese characters or Hangul; `orig` is then the characters */
  cjk?: boolean;
}

export interface NormalisedName {
  tokens: NormToken[];
  /** legal-form words dropped (folded), for explanations */
  legal: string[];
  /** stopwords dropped */
  stop: string[];
}

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŀ: 'l',
  ĸ: 'k',
};
/** Cyrillic letters romanised as the sanctions lists do (дж -> j as in Javad, й -> y). */
const CYRILLIC_OVERRIDES: [string, string][] = [
  ['дж', 'j'],
  ['Дж', 'J'],
  ['ДЖ', 'J'],
  ['й', 'y'],
  ['Й', 'Y'],
  ['ы', 'y'],
  ['Ы', 'Y'],
  ['ь', ''],
  ['Ь', ''],
  ['ъ', ''],
  ['Ъ', ''],
];
const CYRILLIC = /[\u0400-\u04ff]/;
/** Ukrainian national romanisation (2010) for the letters it writes differently: used when the text has a letter only Ukrainian has. */
const UKRAINIAN_ONLY = /[іїєґІЇЄҐ]/;
const UKRAINIAN: [string, string][] = [
  ['и', 'y'],
  ['И', 'Y'],
  ['г', 'h'],
  ['Г', 'H'],
  ['ґ', 'g'],
  ['Ґ', 'G'],
  ['ї', 'i'],
  ['Ї', 'Yi'],
  ['є', 'ie'],
  ['Є', 'Ye'],
  ['й', 'i'],
  ['Й', 'Y'],
];

function romaniseCyrillic(text: string): string {
  let s = text;
  if (UKRAINIAN_ONLY.test(s)) for (const [c, r] of UKRAINIAN) s = s.split(c).join(r);
  for (const [c, r] of CYRILLIC_OVERRIDES) s = s.split(c).join(r);
  return s;
}
const SPECIAL_RE = /[ßæÆœŒøØłŁđĐðÐþÞıħĦŀĸ]/g;

/** Rule 1: Unicode folding and transliteration to lower-case ASCII. */
export function foldText(text: string): string {
  // Cyrillic first: NFKD would turn й into и and ї into і before the romanisation sees them
  let s = CYRILLIC.test(text) ? romaniseCyrillic(text) : text;
  s = s.normalize('NFKD').replace(/\p{M}+/gu, '');
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) {
    s = s.replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(s)) s = transliterate(s, { unknown: ' ', replace: CYRILLIC_OVERRIDES });
  }
  return s.toLowerCase();
}

/** Rule 2 (before tokenising): punctuation that joins rather than separates. */
function punctuate(s: string): string {
  return s
    .replace(/['’‘`ʼ´]/g, '')
    .replace(/(^|[^a-z0-9])((?:[a-z]\.){2,})/g, (_m, pre: string, acr: string) => `${pre}${acr.replace(/\./g, '')} `)
    .replace(/([a-z])&([a-z])(?![a-z])/g, '$1$2')
    .replace(/&|\+/g, ' and ');
}

interface RawToken {
  t: string;
  paren: boolean;
  /** the Chinese character or Hangul syllable this romanised token stands for */
  cjk?: string;
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hangul}]+/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hangul}]/u;
const HAN = /\p{Script=Han}/u;

/**
 * Rule 1b: Chinese characters become pinyin syllables (library `pinyin-pro`, which picks the reading of a
 * character from its neighbours), Hangul one romanised syllable per block; each token remembers its
 * character, so two names in the same script must agree character by character (高市 is not 高石,
 * although both read gao shi).
 */
function cjkTokens(run: string): RawToken[] {
  const chars = [...run];
  const out: RawToken[] = [];
  const han = HAN.test(run) ? pinyin(run, { toneType: 'none', type: 'array', v: true }) : [];
  let h = 0;
  for (const ch of chars) {
    if (HAN.test(ch)) {
      const py = (han[h++] ?? '').toLowerCase().replace(/[^a-z]/g, '');
      if (py) out.push({ t: py, paren: false, cjk: ch });
    } else {
      h++;
      const rom = foldText(ch).replace(/[^a-z]/g, '');
      if (rom) out.push({ t: rom, paren: false, cjk: ch });
    }
  }
  return out;
}

/** Rules 1-3 over a text that may mix CJK runs with other scripts. */
function tokensOf(text: string): RawToken[] {
  if (!HAS_CJK.test(text)) return rawTokens(punctuate(foldText(text)));
  const out: RawToken[] = [];
  let last = 0;
  for (const m of text.matchAll(CJK_RUN)) {
    if (m.index! > last) out.push(...rawTokens(punctuate(foldText(text.slice(last, m.index)))));
    out.push(...cjkTokens(m[0]));
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(...rawTokens(punctuate(foldText(text.slice(last)))));
  return out;
}

/** Rule 3: split into tokens, marking those inside brackets. */
function rawTokens(folded: string): RawToken[] {
  const out: RawToken[] = [];
  let depth = 0;
  let buf = '';
  const flush = () => {
    if (buf) for (const t of buf.split(/[^a-z0-9]+/)) if (t) out.push({ t, paren: depth > 0 });
    buf = '';
  };
  for (const ch of folded) {
    if (ch === '(' || ch === '[' || ch === '{') {
      flush();
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      flush();
      depth = Math.max(0, depth - 1);
    } else buf += ch;
  }
  flush();
  return out;
}

/** Long legal words recognised with one typo in queries (Cympany, Limted, Liabilty). */
const FUZZY_LEGAL = [
  'company',
  'limited',
  'corporation',
  'liability',
  'incorporated',
  'aktsionernoe',
  'obshchestvo',
  'berhad',
  'sirketi',
  'gesellschaft',
  'aktiengesellschaft',
  'joint',
  'stock',
  'partnership',
  'sociedad',
  'societe',
  'ogranichennoy',
  'otvetstvennostyu',
  'responsabilita',
  'responsabilidad',
];

function fuzzyLegalWord(t: string): string | undefined {
  if (t.length < 5) return undefined;
  for (const w of FUZZY_LEGAL) {
    if (t[0] === w[0] && Math.abs(w.length - t.length) <= 1 && osaDistance(t, w, w.length >= 12 ? 2 : 1) <= (w.length >= 12 ? 2 : 1)) return w;
  }
  return undefined;
}

/** Rule 4: indices of legal-form tokens. */
function markLegal(toks0: RawToken[], fuzzy = false): boolean[] {
  const wl = wordLists();
  const fuzzyWord = (x: RawToken): RawToken => {
    if (wl.tokenCanon.has(x.t) || wl.legalAnywhere.has(x.t)) return x;
    const w = fuzzyLegalWord(x.t);
    return w ? { ...x, t: w } : x;
  };
  const toks = fuzzy ? toks0.map(fuzzyWord) : toks0;
  const n = toks.length;
  const legal = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n;) {
    // the longest legal phrase starting at i, all inside or all outside parentheses
    const phrases = toks[i].cjk ? wl.legalZh : wl.legalAnywhere;
    const prefixes = toks[i].cjk ? wl.legalZhPrefixes : wl.legalAnywherePrefixes;
    let matched = 0;
    let phrase = toks[i].t;
    for (let len = 1; len <= Math.min(wl.legalMaxLen, n - i); len++) {
      if (len > 1) {
        if (toks[i + len - 1].paren !== toks[i].paren) break;
        phrase += ' ' + toks[i + len - 1].t;
      }
      if (!prefixes.has(phrase)) break;
      if (phrases.has(phrase)) matched = len;
    }
    if (matched) {
      for (let k = 0; k < matched; k++) legal[i + k] = true;
      i += matched;
    } else i++;
  }
  // ambiguous forms at the edges of the main (non-parenthesised) name, repeatedly from the end, once from the start
  // the main name is the tokens idx[from] .. idx[to - 1]; an edge marked legal leaves it
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!toks[i].paren && !legal[i]) idx.push(i);
  let from = 0;
  let to = idx.length;
  const tryEdge = (fromEnd: boolean): boolean => {
    if (to - from < 2) return false;
    // a legal phrase is made of legal words only: the run of them at the edge bounds its length
    const maxLen = Math.min(wl.legalMaxLen, to - from - 1);
    let run = 0;
    while (run < maxLen && wl.legalWords.has(toks[idx[fromEnd ? to - 1 - run : from + run]].t)) run++;
    for (let len = run; len >= 1; len--) {
      const part = fromEnd ? idx.slice(to - len, to) : idx.slice(from, from + len);
      const phrase = part.map((i) => toks[i].t).join(' ');
      if (part.some((i) => toks[i].cjk) ? wl.legalZh.has(phrase) : wl.legalEdge.has(phrase) || wl.legalAnywhere.has(phrase)) {
        for (const i of part) legal[i] = true;
        if (fromEnd) to -= len;
        else from += len;
        return true;
      }
    }
    return false;
  };
  for (let guard = 0; guard < 4 && tryEdge(true); guard++);
  tryEdge(false);
  return legal;
}

export function canonToken(t: string): string {
  const wl = wordLists();
  const c = wl.tokenCanon.get(t);
  if (c) return c;
  const ord = /^(\d+)(st|nd|rd|th)$/.exec(t);
  if (ord) return ord[1];
  // Slavic -ski / -sky / -skiy / -skyi / -skyy / -skii: one family name (Zelenskyy, Zelenskiy, Zelensky)
  const sk = /^([a-z]{3,}[ct]?sk)(?:iy|yy|yi|ii|ij|yj|y|i)$/.exec(t);
  if (sk) return sk[1] + 'i';
  return t;
}

export function tokenClass(t: string): TokenClass {
  const wl = wordLists();
  if (/^\d+$/.test(t)) return 'number';
  if (wl.generic.has(t)) return 'generic';
  if (wl.places.has(t)) return 'place';
  return 'core';
}

const CAMEL = /\p{Ll}\p{Lu}/u;

/** Slavic patronymics and Turkic patronymic words. */
const PATRONYMIC = /^[a-z]{3,}(?:ovich|evich|ovych|evych|yevich|ievich|ovna|evna|ivna|yevna|ovic|evic|ovitch|evitch)$/;
const PATRONYMIC_WORDS = new Set(['ogly', 'oglu', 'ogli', 'ugli', 'uly', 'kyzy', 'qizi', 'gizi']);
/** words before a father's name in Arabic, Hebrew, Berber and Somali names */
const FATHER_MARKERS = new Set(['bin', 'ibn', 'ben', 'bint', 'binti', 'ould', 'walad']);

/** Rule 2b: number words and ordinals as digits (Forty-Four -> 44, First -> 1, Three Hundred -> 300). */
function numberWords(raw: RawToken[]): RawToken[] {
  const wl = wordLists();
  const out: RawToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i].t;
    const ord = wl.numberOrdinals.get(t);
    if (ord !== undefined) {
      out.push({ t: String(ord), paren: raw[i].paren });
      continue;
    }
    let v = wl.numberTens.get(t) ?? wl.numberUnits.get(t);
    if (v === undefined) {
      out.push(raw[i]);
      continue;
    }
    let j = i + 1;
    if (wl.numberTens.has(t) && j < raw.length) {
      const u = wl.numberUnits.get(raw[j].t) ?? wl.numberOrdinals.get(raw[j].t);
      if (u !== undefined && u < 10) {
        v += u;
        j++;
      }
    }
    if (j < raw.length && raw[j].t === 'hundred') {
      v *= 100;
      j++;
    }
    out.push({ t: String(v), paren: raw[i].paren });
    i = j - 1;
  }
  return out;
}

/** Rules 1-8: the normalised tokens of a name. */
export function normaliseName(text: string, opts: { keepLegal?: boolean; fuzzyLegal?: boolean; person?: boolean } = {}): NormalisedName {
  const wl = wordLists();
  // camel case written together is two words (SergeiLavrov, PricewaterhouseCoopers)
  const spaced = CAMEL.test(text) ? text.replace(/(\p{Ll})(\p{Lu})(?=\p{Ll})/gu, '$1 $2') : text;
  const raw = numberWords(tokensOf(spaced));
  const legalMask = opts.keepLegal ? raw.map(() => false) : markLegal(raw, opts.fuzzyLegal);
  const legal: string[] = [];
  const stop: string[] = [];
  let kept: RawToken[] = [];
  raw.forEach((r, i) => (legalMask[i] ? legal.push(r.t) : kept.push(r)));
  if (!kept.length) {
    kept = raw;
    legal.length = 0;
  }

  // rule 5: phrase canon
  const phrased: { t: string; orig: string; paren: boolean; cjk?: boolean }[] = [];
  for (let i = 0; i < kept.length;) {
    // the longest variant of at least two tokens starting at i, all inside or all outside parentheses
    let best = 0;
    let bestPhrase = '';
    let phrase = kept[i].t;
    for (let len = 2; len <= Math.min(wl.phraseMaxLen, kept.length - i) && wl.phraseCanonPrefixes.has(phrase); len++) {
      if (kept[i + len - 1].paren !== kept[i].paren) break;
      phrase += ' ' + kept[i + len - 1].t;
      if (wl.phraseCanon.get(phrase)) {
        best = len;
        bestPhrase = phrase;
      }
    }
    if (best) {
      const slice = kept.slice(i, i + best);
      const canon = wl.phraseCanon.get(bestPhrase)!;
      const cjk = slice.some((x) => x.cjk);
      const orig = cjk ? slice.map((x) => x.cjk ?? x.t).join('') : bestPhrase;
      for (const c of canon.split(' ')) phrased.push({ t: c, orig, paren: slice[0].paren, ...(cjk ? { cjk } : {}) });
      i += best;
    } else {
      const k = kept[i];
      phrased.push(k.cjk ? { t: k.t, orig: k.cjk, paren: k.paren, cjk: true } : { t: k.t, orig: k.t, paren: k.paren });
      i++;
    }
  }

  // rules 6-8
  let tokens: NormToken[] = [];
  for (const p of phrased) {
    if (!p.cjk && (opts.person ? wl.personStopwords : wl.stopwords).has(p.t)) {
      stop.push(p.t);
      continue;
    }
    const t = p.t === p.orig ? canonToken(p.t) : p.t;
    for (const part of t.split(' ')) tokens.push({ t: part, orig: p.orig, cls: tokenClass(part), paren: p.paren, ...(p.cjk ? { cjk: true } : {}) });
  }
  if (!tokens.length && phrased.length) {
    tokens = phrased.map((p) => ({ t: p.t, orig: p.orig, cls: tokenClass(p.t), paren: p.paren }));
    stop.length = 0;
  }
  // syllables of a place name written in Chinese characters make one token (zhe jiang -> zhejiang)
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!tokens[i].cjk || !tokens[i + 1].cjk) continue;
    const joined = tokens[i].t + tokens[i + 1].t;
    if (wl.places.has(joined)) tokens.splice(i, 2, { ...tokens[i], t: joined, orig: tokens[i].orig + tokens[i + 1].orig, cls: 'place' });
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].t;
    // bin / ibn / ben themselves carry no identity: like a patronymic
    if (PATRONYMIC.test(t) || PATRONYMIC_WORDS.has(t) || (FATHER_MARKERS.has(t) && i + 1 < tokens.length)) tokens[i].role = 'patronymic';
    else if (i > 0 && FATHER_MARKERS.has(tokens[i - 1].t) && !FATHER_MARKERS.has(t)) tokens[i].role = 'father';
  }
  return { tokens, legal, stop };
}

/**
 * The key the allow-list stores for a party: the normalised, order-independent tokens of the name
 * (legal forms and stopwords dropped) and the country. "Acme Co., Ltd." and "ACME CO LTD" give the same key,
 * so do "SMITH, John" and "John Smith".
 */
export function partyKey(name: string, country?: string): string {
  const toks = normaliseName(name)
    .tokens.map((t) => t.t)
    .sort();
  const c = (country ?? '').trim().toUpperCase();
  return `${toks.join(' ')}|${c}`;
}

// ---------------------------------------------------------------------------------------------
// Addresses

export type AddressTokenClass = 'number' | 'letter' | 'structural' | 'place' | 'word';

export interface AddressToken {
  t: string;
  orig: string;
  cls: AddressTokenClass;
}

/** Weights of address token classes: unit and street numbers identify an address, "road" or "Hong Kong" do not. */
export const ADDRESS_WEIGHTS: Record<AddressTokenClass, number> = ADDRESS.weights;

/** Address normalisation: fold, 16/F -> 16 floor, Rd -> road, Wan Chai -> wanchai, 16th -> 16, classes. */
export function normaliseAddress(text: string): AddressToken[] {
  const wl = wordLists();
  let s = punctuate(foldText(text));
  s = s.replace(/(\d+)\s*\/\s*f\b/g, '$1 floor ').replace(/\b(\d+)(st|nd|rd|th)\b/g, '$1');
  s = s.replace(/(\d)([a-z])\b/g, '$1 $2').replace(/\b([a-z])(\d)/g, '$1 $2');
  const raw = s.split(/[^a-z0-9]+/).filter(Boolean);
  const out: AddressToken[] = [];
  for (let i = 0; i < raw.length;) {
    let done = false;
    for (let len = 3; len >= 2; len--) {
      if (i + len > raw.length) continue;
      const phrase = raw.slice(i, i + len).join(' ');
      const c = wl.addressPhraseCanon.get(phrase);
      if (c) {
        out.push({ t: c, orig: phrase, cls: addressClass(c) });
        i += len;
        done = true;
        break;
      }
    }
    if (done) continue;
    const r = raw[i++];
    const c = wl.addressCanon.get(r) ?? r;
    out.push({ t: c, orig: r, cls: addressClass(c) });
  }
  return out;
}

function addressClass(t: string): AddressTokenClass {
  const wl = wordLists();
  if (/^\d+$/.test(t)) return 'number';
  if (t.length === 1) return 'letter';
  if (wl.addressStructural.has(t)) return 'structural';
  if (wl.places.has(t)) return 'place';
  return 'word';
}

/** Whether free text looks like a street address rather than a name (digits plus an address word). */
export function looksLikeAddress(text: string): boolean {
  if (!/\d/.test(text)) return false;
  const toks = normaliseAddress(text);
  return toks.some((t) => t.cls === 'structural' && t.t !== 'hongkong' && t.t !== 'china');
}

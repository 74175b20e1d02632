/**
 * Token-level similarity: edit distance (optimal string alignment, i.e. Damerau with adjacent
 * transpositions), a phonetic key for transliteration variants, deletion neighbourhoods for the
 * typo index, and fuse.js's Bitap matcher (Fuse.match) for the fuzzier pairs that remain.
 */
import Fuse from 'fuse.js';
import { TOKEN_SIM } from './params';

let osaRows = [0, 1, 2].map(() => new Int32Array(64));

/** OSA distance between a and b, or max + 1 as soon as it exceeds max. */
export function osaDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  // three rolling rows, reused between calls
  if (osaRows[0].length <= lb) osaRows = [0, 1, 2].map(() => new Int32Array(2 * (lb + 1)));
  let prev2 = osaRows[0].fill(0, 0, lb + 1);
  let prev = osaRows[1];
  let cur = osaRows[2];
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] <= max ? prev[lb] : max + 1;
}

/** The token and every string one deletion away from it (the SymSpell neighbourhood of distance 1). */
export function deletions1(t: string): string[] {
  const out = [t];
  for (let i = 0; i < t.length; i++) {
    const d = t.slice(0, i) + t.slice(i + 1);
    if (d !== out[out.length - 1]) out.push(d);
  }
  return out;
}

/**
 * A simple phonetic key for romanisation variants (Yusuf / Yousef, Obshchestvo / Obschestvo,
 * Mueller / Muller): digraphs unified, vowels after the first letter dropped, doubles collapsed.
 * Returns '' for tokens too short to key.
 */
export function phoneticKey(t: string): string {
  if (t.length < 4 || /\d/.test(t)) return '';
  const s = t
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/(?<=[iy])j$/, '')
    .replace(/shch|sch|tch/g, 's')
    .replace(/sh|ch/g, 's')
    .replace(/kh|gh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/ck|q|c/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/(?<=[aeiouy])h/g, '')
    .replace(/[aeiouy]+/g, 'a');
  let out = '';
  for (const ch of s) if (ch !== out[out.length - 1]) out += ch;
  return out.length >= 4 ? out : '';
}

/** Edits tolerated as a typo for tokens of this (shorter) length: none below 5 letters, two from 9. */
export function typoMaxDistance(len: number): number {
  return len >= 9 ? 2 : len >= 5 ? 1 : 0;
}

/** Similarity of a typo pair: short tokens with an edit are often other names (Sony / Sona). */
export function typoSimilarity(dist: number, len: number): number {
  if (dist === 1) return len >= 8 ? TOKEN_SIM.typo1Len8 : len >= 6 ? TOKEN_SIM.typo1Len6 : len >= 5 ? TOKEN_SIM.typo1Len5 : 0;
  if (dist === 2) return len >= 9 ? TOKEN_SIM.typo2Len9 : 0;
  return 0;
}

/** Same phonetic key, same first letter, similar length. */
export function phoneticMatch(q: string, c: string, qKey?: string, cKey?: string): boolean {
  const mn = Math.min(q.length, c.length);
  if (Math.abs(q.length - c.length) > 2 || mn < 5) return false;
  const kq = qKey ?? phoneticKey(q);
  if (!kq || kq !== (cKey ?? phoneticKey(c))) return false;
  const max = mn >= 6 ? 3 : 2;
  return osaDistance(q, c, max) <= max;
}

const FUSE_MATCH_OPTIONS = { threshold: TOKEN_SIM.fuseThreshold, ignoreLocation: true, isCaseSensitive: true };

/** fuse.js Bitap similarity of two tokens in 0..1 (0 when Fuse does not call it a match). */
export function fuseSimilarity(a: string, b: string, atLeast = 0): number {
  const [p, t] = a.length <= b.length ? [a, b] : [b, a];
  // Bitap's score is at least (letters of p missing from t) / |p|: skip the pairs that cannot reach atLeast
  if (atLeast > 0 && (1 - missingLetters(p, t) / p.length) * (p.length / t.length) < atLeast) return 0;
  const r = Fuse.match(p, t, FUSE_MATCH_OPTIONS);
  if (!r.isMatch) return 0;
  // Bitap scores the shorter string inside the longer: penalise the length difference too
  const lenRatio = p.length / t.length;
  return Math.max(0, (1 - (r.score ?? 1)) * lenRatio);
}

/** How many letters of p (as a multiset) t lacks: each needs an edit. */
function missingLetters(p: string, t: string): number {
  const counts = letterCounts;
  for (let i = 0; i < t.length; i++) counts[t.charCodeAt(i)]++;
  let missing = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (counts[c] > 0) counts[c]--;
    else missing++;
  }
  for (let i = 0; i < t.length; i++) counts[t.charCodeAt(i)] = 0;
  return missing;
}
/** per UTF-16 code unit, zero between calls */
const letterCounts = new Int32Array(65536);

export type PairKind = 'exact' | 'variant' | 'compound' | 'typo' | 'phonetic' | 'abbreviation' | 'fuzzy' | 'spelling' | 'initial' | 'swapped';

/** Doubled letters made single (Ayyub -> ayub, Walli -> wali). */
export function squeeze(t: string): string {
  return t.replace(/([a-z])\1+/g, '$1');
}

/** squeeze(a) === squeeze(b), without building either. */
export function sameSqueezed(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = a.charCodeAt(i);
    if (c !== b.charCodeAt(j)) return false;
    i++;
    j++;
    if (c >= 97 && c <= 122) {
      while (i < a.length && a.charCodeAt(i) === c) i++;
      while (j < b.length && b.charCodeAt(j) === c) j++;
    }
  }
  return i === a.length && j === b.length;
}

/** Only ASCII digits (and at least one), as /^\d+$/. */
export function isDigits(t: string): boolean {
  if (!t.length) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const VOWEL = /[aeiouy]/;

/**
 * Short tokens (2-4 letters) never count as typos of each other, except for the ways romanisations of
 * Korean, Arabic and other names differ: one vowel for another (Jong On / Jong Un), two letters swapped
 * (Sok / Sko, Adb / Abd); 4-letter tokens also with one other edit, at a lower similarity (Cook / Cock).
 */
export function shortTokenSim(q: string, c: string): number {
  const lq = q.length;
  const lc = c.length;
  if (lq < 2 || lc < 2 || Math.min(lq, lc) > 4 || Math.max(lq, lc) > 5 || /\d/.test(q) || /\d/.test(c)) return 0;
  if (lq === lc) {
    let diff = -1;
    let n = 0;
    for (let i = 0; i < lq; i++)
      if (q[i] !== c[i]) {
        n++;
        diff = i;
      }
    if (n === 1 && VOWEL.test(q[diff]) && VOWEL.test(c[diff])) return TOKEN_SIM.shortVowel;
    if (n === 2 && lq >= 3) {
      const i = q.split('').findIndex((ch, k) => ch !== c[k]);
      if (q[i] === c[i + 1] && q[i + 1] === c[i]) return TOKEN_SIM.shortVowel;
    }
    if (n === 1 && lq === 4 && diff > 0) return TOKEN_SIM.shortEdit;
    return 0;
  }
  if (Math.min(lq, lc) >= 3 && Math.abs(lq - lc) === 1 && q[0] === c[0] && osaDistance(q, c, 1) === 1) {
    // one letter more: a vowel (Esa / Essa is doubled; Ali / Alie) at a lower similarity
    return TOKEN_SIM.shortEdit;
  }
  return 0;
}

/** Similarity of two different canonical tokens, with the kind of agreement; 0 when unrelated. */
export function fuzzyTokenSim(
  q: string,
  c: string,
  qKnown: boolean,
  qKey?: string,
  cKey?: string,
  opts?: { noFuzzy?: boolean },
): { sim: number; kind: PairKind } | undefined {
  const lq = q.length;
  const lc = c.length;
  if (isDigits(q) || isDigits(c)) return undefined;
  const mn = Math.min(lq, lc);
  if (q[0] === c[0] && lq !== lc && mn >= 2 && sameSqueezed(q, c)) return { sim: TOKEN_SIM.doubled, kind: 'spelling' };
  if (mn <= 4) {
    const s = shortTokenSim(q, c);
    if (s) return { sim: s, kind: 'typo' };
  }
  if (mn >= 5) {
    const d = osaDistance(q, c, typoMaxDistance(mn));
    const sim = typoSimilarity(d, mn);
    // a spelling that also sounds the same (Barack / Barak, Zelenskii / Zelenskyy) is a romanisation variant
    if (sim && sim < TOKEN_SIM.phonetic && phoneticMatch(q, c, qKey, cKey)) return { sim: TOKEN_SIM.phonetic, kind: 'phonetic' };
    if (sim) return { sim, kind: 'typo' };
    if (phoneticMatch(q, c, qKey, cKey)) return { sim: TOKEN_SIM.phonetic, kind: 'phonetic' };
  }
  if (!qKnown && lq >= 3 && lc >= lq + 2 && c.startsWith(q)) return { sim: TOKEN_SIM.abbreviation, kind: 'abbreviation' };
  if (mn >= 6 && Math.abs(lq - lc) <= 2 && !opts?.noFuzzy) {
    const f = fuseSimilarity(q, c, TOKEN_SIM.fuzzyMin);
    if (f >= TOKEN_SIM.fuzzyMin) return { sim: Math.min(TOKEN_SIM.fuzzyMax, f), kind: 'fuzzy' };
  }
  return undefined;
}

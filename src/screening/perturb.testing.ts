/**
 * Perturbations of real list names, for the evaluation (test/bench/eval-screen.ts) and the unit tests:
 * each turns a listed name into the messy form a real query has, keeping the expected entry.
 */
import { ListEntry } from '../lists/list-entry';

export const PERTURBATION_KINDS = [
  'exact',
  'suffix',
  'abbreviation',
  'word-order',
  'typo',
  'diacritics',
  'transliteration',
  'paren-place',
  'alias',
  'address',
  'joined',
  'middle-name',
] as const;
export type PerturbationKind = (typeof PERTURBATION_KINDS)[number];

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const SUFFIX_RE =
  /(?:^|[\s,]+)(co\.?,?\s*ltd\.?|company\s+limited|limited|ltd\.?|llc|l\.l\.c\.|inc\.?|corp\.?|corporation|company|co\.|gmbh|jsc|pjsc|ojsc|ooo|pte\.?\s*ltd\.?|sdn\.?\s*bhd\.?|s\.a\.|sarl|plc)\.?\s*$/i;
const SUFFIXES = ['Co., Ltd.', 'Company Limited', 'Co Ltd', 'Ltd', 'Limited', 'LLC', 'Inc.', 'Corp.', 'Pte. Ltd.', 'Sdn. Bhd.', 'GmbH', 'JSC', ''];

export function stripSuffix(name: string): string {
  let s = name.trim();
  for (let i = 0; i < 3; i++) {
    const t = s.replace(SUFFIX_RE, '').trim();
    if (t === s || !t) break;
    s = t;
  }
  return s;
}

/** Legal suffix replaced by another form or dropped (OOO sometimes put in front). */
export function perturbSuffix(name: string, r: () => number): string | undefined {
  const base = stripSuffix(name);
  if (!base) return undefined;
  const had = base !== name.trim();
  let suf = pick(r, SUFFIXES);
  if (!had && !suf) suf = 'Co., Ltd.';
  if (r() < 0.1) return `OOO ${base}`;
  const out = suf ? `${base}${suf.startsWith(',') ? '' : ' '}${suf}` : base;
  return out === name ? `${base} Limited` : out;
}

const ABBREVIATIONS: [RegExp, string[]][] = [
  [/\btechnolog(y|ies)\b/i, ['Tech', 'Techn.', 'Technol.']],
  [/\binternational\b/i, ['Intl', "Int'l"]],
  [/\belectronics?\b/i, ['Elec.', 'Electr.']],
  [/\bindustr(y|ies|ial)\b/i, ['Ind.', 'Inds']],
  [/\binformation\b/i, ['Info', 'Inform.']],
  [/\bmanufacturing\b/i, ['Mfg']],
  [/\bengineering\b/i, ['Eng.', 'Engg']],
  [/\bscience\b/i, ['Sci.']],
  [/\buniversity\b/i, ['Univ.']],
  [/\binstitute\b/i, ['Inst.']],
  [/\bdevelopment\b/i, ['Dev.']],
  [/\bcorporation\b/i, ['Corp.']],
  [/\bcompany\b/i, ['Co.']],
  [/\bimport and export\b/i, ['Imp. & Exp.', 'I/E']],
  [/\bsemiconductors?\b/i, ['Semi', 'Semicon']],
  [/\bequipment\b/i, ['Equip.']],
  [/\bgroup\b/i, ['Grp']],
  [/\bholdings?\b/i, ['Hldgs']],
  [/\bresearch institute\b/i, ['Res. Inst.']],
  [/\bcenter|centre\b/i, ['Ctr']],
  [/\blaborator(y|ies)\b/i, ['Lab', 'Labs']],
];

/** Every abbreviable word abbreviated (at least one). */
export function perturbAbbreviation(name: string, r: () => number): string | undefined {
  let out = name;
  let n = 0;
  for (const [re, abbr] of ABBREVIATIONS) {
    if (re.test(out)) {
      out = out.replace(re, pick(r, abbr));
      n++;
    }
  }
  return n ? out : undefined;
}

/** LAST, First <-> First Last for individuals; a leading place name moved to the end for entities. */
export function perturbWordOrder(entry: ListEntry, places: Set<string>): string | undefined {
  const name = entry.name.trim();
  const m = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (m && entry.type === 'individual') return `${m[2]} ${m[1]}`;
  if (entry.type === 'individual') {
    const parts = name.split(/\s+/);
    if (parts.length >= 2) return `${parts[parts.length - 1].toUpperCase()}, ${parts.slice(0, -1).join(' ')}`;
    return undefined;
  }
  const lead =
    /^(limited liability company|joint stock company|open joint stock company|closed joint stock company|public joint stock company|ooo|oao|zao|pao|jsc|ojsc|cjsc|pjsc|llc)\s+(.+)$/i.exec(
      name,
    );
  if (lead) return `${lead[2]} ${lead[1]}`;
  const parts = stripSuffix(name).split(/\s+/);
  if (parts.length >= 3 && places.has(parts[0].toLowerCase())) return `${parts.slice(1).join(' ')}, ${parts[0]}`;
  if (parts.length >= 2 && parts.length <= 4) return `${parts.slice(1).join(' ')} ${parts[0]}`;
  return undefined;
}

/** One edit (substitution, transposition, deletion, insertion) in the longest word of 6+ letters. */
export function perturbTypo(name: string, r: () => number): string | undefined {
  const words = name.split(/(\s+)/);
  let best = -1;
  for (let i = 0; i < words.length; i++) {
    if (/^[A-Za-z]{6,}$/.test(words[i]) && (best < 0 || words[i].length > words[best].length)) best = i;
  }
  if (best < 0) return undefined;
  const w = words[best];
  const pos = 1 + Math.floor(r() * (w.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const op = Math.floor(r() * 4);
  let nw = w;
  if (op === 0)
    nw =
      w.slice(0, pos) +
      pick(
        r,
        letters.split('').filter((c) => c !== w[pos].toLowerCase()),
      ) +
      w.slice(pos + 1);
  else if (op === 1) nw = w.slice(0, pos) + w[pos + 1] + w[pos] + w.slice(pos + 2);
  else if (op === 2) nw = w.slice(0, pos) + w.slice(pos + 1);
  else nw = w.slice(0, pos) + pick(r, letters.split('')) + w.slice(pos);
  if (nw.toLowerCase() === w.toLowerCase()) return undefined;
  words[best] = nw;
  return words.join('');
}

const ACCENTS: Record<string, string[]> = {
  a: ['á', 'à', 'ä', 'â', 'ã'],
  e: ['é', 'è', 'ë', 'ê'],
  i: ['í', 'ï', 'î'],
  o: ['ó', 'ö', 'ô', 'õ', 'ø'],
  u: ['ú', 'ü', 'û'],
  c: ['ç', 'č'],
  n: ['ñ', 'ń'],
  s: ['š', 'ş'],
  z: ['ž'],
  g: ['ğ'],
};

/** Two to four letters given diacritics. */
export function perturbDiacritics(name: string, r: () => number): string | undefined {
  const chars = [...name];
  const orig = [...name];
  const idx = chars.map((c, i) => (ACCENTS[c.toLowerCase()] ? i : -1)).filter((i) => i >= 0);
  if (idx.length < 2) return undefined;
  const n = Math.min(idx.length, 2 + Math.floor(r() * 3));
  for (let k = 0; k < n; k++) {
    const i = idx[Math.floor(r() * idx.length)];
    const c = orig[i];
    const acc = pick(r, ACCENTS[c.toLowerCase()]);
    chars[i] = c === c.toUpperCase() ? acc.toUpperCase() : acc;
  }
  return chars.join('');
}

const TO_CYRILLIC: [RegExp, string][] = [
  [/shch/g, 'щ'],
  [/kh/g, 'х'],
  [/zh/g, 'ж'],
  [/ts/g, 'ц'],
  [/ch/g, 'ч'],
  [/sh/g, 'ш'],
  [/yu/g, 'ю'],
  [/ya/g, 'я'],
  [/a/g, 'а'],
  [/b/g, 'б'],
  [/v/g, 'в'],
  [/g/g, 'г'],
  [/d/g, 'д'],
  [/e/g, 'е'],
  [/z/g, 'з'],
  [/i/g, 'и'],
  [/y/g, 'й'],
  [/k/g, 'к'],
  [/l/g, 'л'],
  [/m/g, 'м'],
  [/n/g, 'н'],
  [/o/g, 'о'],
  [/p/g, 'п'],
  [/r/g, 'р'],
  [/s/g, 'с'],
  [/t/g, 'т'],
  [/u/g, 'у'],
  [/f/g, 'ф'],
  [/c/g, 'к'],
  [/w/g, 'в'],
  [/x/g, 'кс'],
  [/h/g, 'х'],
  [/j/g, 'дж'],
  [/q/g, 'к'],
];
const VARIANTS: [RegExp, string][] = [
  [/ou/g, 'u'],
  [/ee/g, 'i'],
  [/kh/g, 'h'],
  [/ph/g, 'f'],
  [/y(?=[aeiou])/g, 'i'],
  [/oo/g, 'u'],
  [/ie/g, 'iye'],
  [/dzh/g, 'j'],
];

/**
 * Transliteration: a name written in Cyrillic (the engine must transliterate it back), or a
 * romanisation variant (Yousef / Yusef, Khalil / Halil).
 */
export function perturbTransliteration(name: string, r: () => number): string | undefined {
  if (r() < 0.5) {
    const lower = name.toLowerCase();
    let out = lower;
    for (const [re, c] of TO_CYRILLIC) out = out.replace(re, c);
    return out === lower ? undefined : out;
  }
  let out = name.toLowerCase();
  const applicable = VARIANTS.filter(([re]) => new RegExp(re.source).test(out));
  if (!applicable.length) return undefined;
  const [re, rep] = pick(r, applicable);
  out = out.replace(re, rep);
  return out;
}

const PLACES = ['Hong Kong', 'Beijing', 'Shenzhen', 'Shanghai', 'HK', 'Guangzhou'];

/** A parenthesised place added before the legal form, or the entry's own parenthesis removed. */
export function perturbParenPlace(name: string, r: () => number): string | undefined {
  if (/\([^)]*\)/.test(name) && r() < 0.5)
    return name
      .replace(/\s*\([^)]*\)/, '')
      .replace(/\s+/g, ' ')
      .trim();
  const base = stripSuffix(name);
  const suffix = name.slice(base.length).trim();
  return `${base} (${pick(r, PLACES)})${suffix ? ` ${suffix.replace(/^,\s*/, '')}` : ''}`;
}

/** Address variants: Rd <-> Road, 16/F -> 16th Floor, Wan Chai -> Wanchai, Hong Kong -> HK, upper case. */
export function perturbAddress(address: string, r: () => number): string {
  let s = address;
  const ops: ((x: string) => string)[] = [
    (x) => x.replace(/\bRd\b\.?/g, 'Road').replace(/\bRoad\b/g, r() < 0.5 ? 'Rd.' : 'Road'),
    (x) => x.replace(/(\d+)\/F\b/g, (_m, n: string) => `${n}th Floor`),
    (x) =>
      x
        .replace(/Wan Chai/g, 'Wanchai')
        .replace(/Mong Kok/g, 'Mongkok')
        .replace(/Tsim Sha Tsui/g, 'TST'),
    (x) => x.replace(/,?\s*Hong Kong\s*$/, ', HK'),
    (x) => x.toUpperCase(),
    (x) => x.replace(/\bRoom\b/g, 'Rm').replace(/\bFlat\b/g, 'Flt'),
    (x) => x.replace(/,/g, ' '),
  ];
  for (const op of ops) if (r() < 0.5) s = op(s);
  return s === address ? s.replace(/,?\s*Hong Kong\s*$/, ', Hong Kong SAR') : s;
}

/** Two adjacent words of the name written as one (SergeiLavrov, Pricewaterhousecoopers). */
export function perturbJoined(name: string, r: () => number): string | undefined {
  const words = name
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]{3,}$/.test(w));
  if (words.length < 2) return undefined;
  const i = Math.floor(r() * (words.length - 1));
  const b = words[i + 1];
  const joined = r() < 0.5 ? words[i] + b[0].toUpperCase() + b.slice(1).toLowerCase() : words[i] + b.toLowerCase();
  return [...words.slice(0, i), joined, ...words.slice(i + 2)].join(' ');
}

/** An individual's middle name or patronymic left out (Vladimir Vladimirovich Putin -> Vladimir Putin). */
export function perturbMiddleName(entry: ListEntry): string | undefined {
  if (entry.type !== 'individual') return undefined;
  const m = /^([^,]+),\s*(\S+)\s+(\S+(?:\s+\S+)*)$/.exec(entry.name.trim());
  if (m) return `${m[2]} ${m[1]}`; // LAST, First Middle -> First LAST
  const parts = entry.name.trim().split(/\s+/);
  if (parts.length < 3) return undefined;
  return [parts[0], ...parts.slice(2)].join(' ');
}

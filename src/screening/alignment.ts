/**
 * The full alignment of a query name with one name record: a one-to-one pairing of their tokens
 * (exact, abbreviation canon, compound, typo, phonetic, fuse.js Bitap for the fuzzier pairs), scored
 * as a weighted Dice with the name features of params.ts, and the explanation of that alignment.
 *   score = sum(sim * (wq + we)) / (sum wq + sum we + leftover adjustments)
 */
import { TokenClass } from './normalise';
import { NAME_FEATURES, TOKEN_SIM } from './params';
import { fuzzyTokenSim, PairKind, phoneticKey } from './similarity';
import { MatchedOn } from './types';

/** The vocabulary and the name records an alignment reads (built by ScreeningIndex). */
export class NameRecords {
  /** canonical token text, class and phonetic key by vocabulary id */
  tokStr: string[] = [];
  tokCls: TokenClass[] = [];
  tokKey: string[] = [];
  /** other written forms of a canonical token (industries -> industry), for typo checks */
  tokSurf = new Map<number, string[]>();
  /** per name record: token ids, parenthesised flags, roles (ROLE_CODE | CJK_FLAG), weights, original tokens, legal forms, total weight */
  recTok: Int32Array[] = [];
  recParen: Uint8Array[] = [];
  recRole: Uint8Array[] = [];
  recTokW: Float32Array[] = [];
  recOrig: string[][] = [];
  recLegal: string[] = [];
  recTotal = new Float64Array(0);
  private readonly surfKeys = new Map<string, string>();

  /** the phonetic key of a surface form (tokSurf), computed once */
  surfaceKey(sf: string): string {
    let k = this.surfKeys.get(sf);
    if (k === undefined) this.surfKeys.set(sf, (k = phoneticKey(sf)));
    return k;
  }
}

/** token roles in a name record: 0 none, 1 patronymic, 2 the name after bin / ibn (a father's name) */
export const ROLE_CODE = { patronymic: 1, father: 2 } as const;
/** flag on a record token romanised from Chinese characters or Hangul (recOrig holds the characters) */
export const CJK_FLAG = 4;

export interface QToken {
  paren: boolean;
  role: number;
  cjk: boolean;
  t: string;
  orig: string;
  /** vocabulary id or -1 */
  id: number;
  w: number;
  key: string;
  cls: TokenClass;
}

export interface PreparedQuery {
  tokens: QToken[];
  total: number;
  legal: string[];
  /** token pair similarities computed for this query (tokenPairSim, repeatSim) */
  pairMemo?: Map<number, TokenSim>;
  repeatMemo?: Map<number, TokenSim>;
}

export interface Pair {
  qi: number[];
  cj: number[];
  sim: number;
  kind: PairKind;
}

export interface NameDetail {
  kind: 'name';
  rec: number;
  q: PreparedQuery;
  pairs: Pair[];
  qUnmatched: number[];
  cUnmatched: number[];
  notes: string[];
}

/** Full one-to-one token alignment of the query with one name record. */
/** s is a followed by b */
function isJoin(s: string, a: string, b: string): boolean {
  return s.length === a.length + b.length && s.startsWith(a) && s.endsWith(b);
}

type TokenSim = { sim: number; kind: PairKind } | undefined;

/** Similarity of query token i and vocabulary token id (and its other written forms), memoised per query. */
function tokenPairSim(v: NameRecords, q: PreparedQuery, i: number, id: number, person: boolean): TokenSim {
  const key = (i * 2 + (person ? 1 : 0)) * v.tokStr.length + id;
  const memo = (q.pairMemo ??= new Map());
  if (memo.has(key)) return memo.get(key);
  const qt = q.tokens[i];
  // Bitap (fuse.js) only between distinctive words: Nanjing is not Tianjin
  // nor between personal names: Abdurrahim is not Abdurrahman, Sancho is not Sanchez
  const fo = { noFuzzy: person || qt.cls !== 'core' || v.tokCls[id] !== 'core' };
  let f = fuzzyTokenSim(qt.t, v.tokStr[id], qt.id >= 0, qt.key, v.tokKey[id], fo);
  for (const sf of v.tokSurf.get(id) ?? []) {
    const g = fuzzyTokenSim(qt.t, sf, qt.id >= 0, qt.key, v.surfaceKey(sf), fo);
    if (g && (!f || g.sim > f.sim)) f = g;
  }
  memo.set(key, f);
  return f;
}

/** Similarity of query token i with an already matched vocabulary token id (a repeated word), memoised per query. */
function repeatSim(v: NameRecords, q: PreparedQuery, i: number, id: number): TokenSim {
  const key = i * v.tokStr.length + id;
  const memo = (q.repeatMemo ??= new Map());
  if (memo.has(key)) return memo.get(key);
  const qt = q.tokens[i];
  const f = fuzzyTokenSim(qt.t, v.tokStr[id], qt.id >= 0, qt.key, v.tokKey[id]);
  memo.set(key, f);
  return f;
}

export function alignRecord(v: NameRecords, q: PreparedQuery, r: number, person = false): { score: number; detail: Omit<NameDetail, 'notes'> } {
  const qt = q.tokens;
  const ct = v.recTok[r];
  const cw = v.recTokW[r];
  const m = qt.length;
  const n = ct.length;
  const qm = new Uint8Array(m);
  const cm = new Uint8Array(n);
  const pairs: Pair[] = [];
  let num = 0;
  const roles = v.recRole[r];
  // both written in Chinese characters or Hangul: the characters must agree, not only their reading
  const sameScript = (i: number, j: number) => qt[i].cjk && (roles[j] & CJK_FLAG) !== 0;
  // exact (after canonicalisation)
  for (let i = 0; i < m; i++) {
    const id = qt[i].id;
    if (id < 0) continue;
    for (let j = 0; j < n; j++) {
      if (!cm[j] && ct[j] === id && !(sameScript(i, j) && qt[i].orig !== v.recOrig[r][j])) {
        qm[i] = cm[j] = 1;
        num += qt[i].w + cw[j];
        pairs.push({ qi: [i], cj: [j], sim: 1, kind: qt[i].orig === v.recOrig[r][j] ? 'exact' : 'variant' });
        break;
      }
    }
  }
  if (pairs.length < Math.min(m, n) || m !== n) {
    // compounds: two adjacent query tokens = one entry token, and the reverse
    for (let i = 0; i + 1 < m; i++) {
      if (qm[i] || qm[i + 1]) continue;
      const joined = qt[i].t + qt[i + 1].t;
      for (let j = 0; j < n; j++) {
        if (!cm[j] && v.tokStr[ct[j]] === joined) {
          qm[i] = qm[i + 1] = cm[j] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + qt[i + 1].w + cw[j]);
          pairs.push({ qi: [i, i + 1], cj: [j], sim: TOKEN_SIM.compound, kind: 'compound' });
          break;
        }
      }
    }
    for (let j = 0; j + 1 < n; j++) {
      if (cm[j] || cm[j + 1]) continue;
      const a = v.tokStr[ct[j]];
      const b = v.tokStr[ct[j + 1]];
      for (let i = 0; i < m; i++) {
        if (!qm[i] && isJoin(qt[i].t, a, b)) {
          qm[i] = cm[j] = cm[j + 1] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + cw[j] + cw[j + 1]);
          pairs.push({ qi: [i], cj: [j, j + 1], sim: TOKEN_SIM.compound, kind: 'compound' });
          break;
        }
      }
    }
    // three words written as one, either way (Pricewater House Coopers / PricewaterhouseCoopers)
    for (let i = 0; i + 2 < m; i++) {
      if (qm[i] || qm[i + 1] || qm[i + 2]) continue;
      const joined = qt[i].t + qt[i + 1].t + qt[i + 2].t;
      for (let j = 0; j < n; j++) {
        if (!cm[j] && v.tokStr[ct[j]] === joined) {
          qm[i] = qm[i + 1] = qm[i + 2] = cm[j] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + qt[i + 1].w + qt[i + 2].w + cw[j]);
          pairs.push({ qi: [i, i + 1, i + 2], cj: [j], sim: TOKEN_SIM.compound, kind: 'compound' });
          break;
        }
      }
    }
    for (let j = 0; j + 2 < n; j++) {
      if (cm[j] || cm[j + 1] || cm[j + 2]) continue;
      const a = v.tokStr[ct[j]];
      const b = v.tokStr[ct[j + 1]];
      const c = v.tokStr[ct[j + 2]];
      for (let i = 0; i < m; i++) {
        if (!qm[i] && qt[i].t.length === a.length + b.length + c.length && isJoin(qt[i].t, a + b, c)) {
          qm[i] = cm[j] = cm[j + 1] = cm[j + 2] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + cw[j] + cw[j + 1] + cw[j + 2]);
          pairs.push({ qi: [i], cj: [j, j + 1, j + 2], sim: TOKEN_SIM.compound, kind: 'compound' });
          break;
        }
      }
    }
    // the same letters split differently (Arefullaha Ref / Arefullah Aref)
    for (let i = 0; i + 1 < m; i++) {
      if (qm[i] || qm[i + 1]) continue;
      const joined = qt[i].t + qt[i + 1].t;
      for (let j = 0; j + 1 < n; j++) {
        if (!cm[j] && !cm[j + 1] && isJoin(joined, v.tokStr[ct[j]], v.tokStr[ct[j + 1]])) {
          qm[i] = qm[i + 1] = cm[j] = cm[j + 1] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + qt[i + 1].w + cw[j] + cw[j + 1]);
          pairs.push({ qi: [i, i + 1], cj: [j, j + 1], sim: TOKEN_SIM.compound, kind: 'compound' });
          break;
        }
      }
    }
    // fuzzy pairs, best first
    const fz: { i: number; j: number; sim: number; kind: PairKind }[] = [];
    for (let i = 0; i < m; i++) {
      if (qm[i]) continue;
      for (let j = 0; j < n; j++) {
        if (cm[j] || sameScript(i, j)) continue;
        let f = tokenPairSim(v, q, i, ct[j], person);
        if (!f && person) {
          // a given name written as its initial (Hans J Friedrich / Hans Joachim Friedrich)
          const a = qt[i].t;
          const b = v.tokStr[ct[j]];
          if ((a.length === 1 && b.length > 1 && b[0] === a) || (b.length === 1 && a.length > 1 && a[0] === b)) {
            f = { sim: TOKEN_SIM.initial, kind: 'initial' };
          }
        }
        if (f) fz.push({ i, j, sim: f.sim, kind: f.kind });
      }
    }
    if (fz.length) {
      fz.sort((a, b) => b.sim - a.sim);
      for (const f of fz) {
        if (qm[f.i] || cm[f.j]) continue;
        qm[f.i] = cm[f.j] = 1;
        num += f.sim * (qt[f.i].w + cw[f.j]);
        pairs.push({ qi: [f.i], cj: [f.j], sim: f.sim, kind: f.kind });
      }
    }
  }
  // a query word that repeats (with a typo) a word already matched, as in "ABDULLAH, Abdulah", is not extra
  for (let i = 0; i < m; i++) {
    if (qm[i]) continue;
    for (let j = 0; j < n && !qm[i]; j++) {
      // (the same word written twice stays extra unless the entry has it twice)
      if (!cm[j] || sameScript(i, j) || qt[i].id === ct[j]) continue;
      const f = repeatSim(v, q, i, ct[j]);
      if (f && f.kind !== 'abbreviation') {
        qm[i] = 1;
        num += f.sim * qt[i].w;
      }
    }
  }
  if (person && qt.some((x) => x.role === 2) && roles.some((x) => (x & 3) === 2)) {
    // the same names on the two sides of bin / ibn: another person (Salman bin Muhammad / Muhammad bin Salman)
    for (const p of pairs) {
      if (p.qi.length !== 1 || p.cj.length !== 1) continue;
      if ((qt[p.qi[0]].role === 2) !== ((roles[p.cj[0]] & 3) === 2)) {
        const w = qt[p.qi[0]].w + cw[p.cj[0]];
        num -= p.sim * w * (1 - NAME_FEATURES.patronymSwapFactor);
        p.sim *= NAME_FEATURES.patronymSwapFactor;
        p.kind = 'swapped';
      }
    }
  }
  const qUnmatched: number[] = [];
  const cUnmatched: number[] = [];
  for (let i = 0; i < m; i++) if (!qm[i]) qUnmatched.push(i);
  for (let j = 0; j < n; j++) if (!cm[j]) cUnmatched.push(j);
  let den = q.total + v.recTotal[r];
  const cp = v.recParen[r];
  const qLeft = qUnmatched.filter((i) => !q.tokens[i].paren);
  const cLeft = cUnmatched.filter((j) => !cp[j]);
  // a short word in parentheses that only one side has is mostly the name's own acronym (Foreign Intelligence Service (SVR))
  const acronymLeft = (t: string, cls: TokenClass) => cls === 'core' && t.length <= NAME_FEATURES.acronymMaxLength + 1 && /^[a-z]+$/.test(t);
  if (pairs.length) {
    for (const i of qUnmatched) if (qt[i].paren && acronymLeft(qt[i].t, qt[i].cls)) den -= qt[i].w * (1 - NAME_FEATURES.parenAcronymLeftover);
    for (const j of cUnmatched) if (cp[j] && acronymLeft(v.tokStr[ct[j]], v.tokCls[ct[j]])) den -= cw[j] * (1 - NAME_FEATURES.parenAcronymLeftover);
  }
  const genericOrPlace = (c: TokenClass) => c === 'generic' || c === 'place';
  const qGp = qUnmatched.filter((i) => genericOrPlace(qt[i].cls));
  const cGp = cUnmatched.filter((j) => genericOrPlace(v.tokCls[ct[j]]));
  if (qGp.length && cGp.length && !(qLeft.length && cLeft.length)) {
    // the same with a word in parentheses (ICBC (Asia) vs ICBC (London), CCB Capital vs CCB (Holdings)): another branch
    for (const i of qGp) den += qt[i].w * (NAME_FEATURES.genericConflictBoost - 1);
    for (const j of cGp) den += cw[j] * (NAME_FEATURES.genericConflictBoost - 1);
  }
  if (qLeft.length && cLeft.length) {
    // both names have words the other lacks: a substitution (X Technology vs X Trading) is a different firm
    for (const i of qLeft) if (qt[i].cls === 'generic' || qt[i].cls === 'place') den += qt[i].w * (NAME_FEATURES.genericConflictBoost - 1);
    for (const j of cLeft) {
      const c = v.tokCls[ct[j]];
      if (c === 'generic' || c === 'place') den += cw[j] * (NAME_FEATURES.genericConflictBoost - 1);
    }
  }
  if (person && (qLeft.length || cLeft.length)) {
    const coreLeft = (w: number, cls: TokenClass) => cls !== 'generic' && cls !== 'place' && w > 0;
    if (qLeft.length && cLeft.length) {
      // both sides have names the other lacks: a different person with some names in common
      for (const i of qLeft) if (qt[i].role !== 1 && coreLeft(qt[i].w, qt[i].cls)) den += qt[i].w * (NAME_FEATURES.personSubstitutionBoost - 1);
      for (const j of cLeft) if ((roles[j] & 3) !== 1 && coreLeft(cw[j], v.tokCls[ct[j]])) den += cw[j] * (NAME_FEATURES.personSubstitutionBoost - 1);
    } else if (pairs.length >= 2) {
      // one side has a middle name or patronymic more: it counts less
      const extra = (w: number, role: number) => w * (1 - (role === 1 || role === 2 ? NAME_FEATURES.personExtraPatronymic : NAME_FEATURES.personExtraName));
      for (const i of qLeft) den -= extra(qt[i].w, qt[i].role);
      for (const j of cLeft) den -= extra(cw[j], roles[j] & 3);
    }
  }
  let score = num / den;
  if (qLeft.length || cLeft.length) {
    const distinctive = pairs.some((p) => p.qi.some((i) => qt[i].cls === 'core' || qt[i].cls === 'number'));
    if (!distinctive) score *= NAME_FEATURES.genericOnlyFactor;
  }
  if (
    (n === 1 && qLeft.length && v.tokStr[ct[0]].length <= NAME_FEATURES.acronymMaxLength) ||
    (m === 1 && cLeft.length && qt[0].t.length <= NAME_FEATURES.acronymMaxLength)
  ) {
    score *= NAME_FEATURES.acronymOnlyFactor;
  }
  return { score, detail: { kind: 'name', rec: r, q, pairs, qUnmatched, cUnmatched } };
}

/** One line a person understands: which tokens agree and how, what only one side has, the notes. */
export function explainName(v: NameRecords, d: NameDetail, matchedOn: MatchedOn): string {
  const orig = v.recOrig[d.rec];
  const q = d.q.tokens;
  const label: Record<PairKind, string> = {
    exact: '=',
    variant: '≈',
    compound: '≈',
    typo: '≈',
    phonetic: '≈',
    abbreviation: '≈',
    fuzzy: '≈',
    spelling: '≈',
    initial: '≈',
    swapped: '≈',
  };
  const toks = d.pairs.map((p) => {
    const qs = p.qi.map((i) => q[i].orig).join(' ');
    const cs = p.cj.map((j) => orig[j]).join(' ');
    const kind =
      p.kind === 'exact' ? '' : p.kind === 'variant' ? ' (same word)' : p.kind === 'swapped' ? " (father's name on the other side of bin/ibn)" : ` (${p.kind})`;
    return `${qs}${label[p.kind]}${cs}${kind}`;
  });
  const parts = [`${matchedOn === 'alias' ? 'alias' : 'name'} tokens ${toks.join(', ') || 'none'}`];
  if (d.qUnmatched.length) parts.push(`only in query: ${d.qUnmatched.map((i) => q[i].orig).join(' ')}`);
  if (d.cUnmatched.length) parts.push(`only in entry: ${d.cUnmatched.map((j) => orig[j]).join(' ')}`);
  const legal = [...new Set([...d.q.legal, ...v.recLegal[d.rec].split(' ').filter(Boolean)])];
  if (legal.length) parts.push(`legal form ${legal.join(' ')} ignored`);
  return [...parts, ...d.notes].join('; ');
}

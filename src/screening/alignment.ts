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
  /** token lengths by vocabulary id */
  tokLen = new Int32Array(0);
  /**
   * Name records, flat (one record's tokens are contiguous: few cache lines per candidate): record r holds the
   * tokens recStart[r] .. recStart[r + 1] - 1; per token its id with flags (recTok: id | flags << TOKEN_FLAG_SHIFT,
   * flags ROLE_CODE | CJK_FLAG | PAREN_FLAG), weight and original text; per record its legal forms and total weight.
   */
  recStart = new Int32Array(1);
  recTok = new Int32Array(0);
  recTokW = new Float32Array(0);
  recOrig: string[] = [];
  recLegal: string[] = [];
  recTotal = new Float64Array(0);

  get recordCount(): number {
    return this.recStart.length - 1;
  }

  /** token ids of record r */
  tokensOf(r: number): number[] {
    const out: number[] = [];
    for (let k = this.recStart[r]; k < this.recStart[r + 1]; k++) out.push(this.recTok[k] & TOKEN_ID_MASK);
    return out;
  }

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
/** flag on a record token written in parentheses */
export const PAREN_FLAG = 8;
/** NameRecords.recTok: the token id in the low bits, its flags above */
export const TOKEN_FLAG_SHIFT = 24;
export const TOKEN_ID_MASK = (1 << TOKEN_FLAG_SHIFT) - 1;

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
  pairMemo?: Map<number, TokenSim | null>;
  repeatMemo?: Map<number, TokenSim | null>;
  /** adjacent query tokens written together (alignScore) */
  joins?: { join2: string[]; join3: string[] };
  /** a query token is a father's name (after bin / ibn) */
  hasFather?: boolean;
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

/** s is a followed by b */
function isJoin(s: string, a: string, b: string): boolean {
  return s.length === a.length + b.length && s.startsWith(a) && s.endsWith(b);
}

type TokenSim = { sim: number; kind: PairKind } | undefined;

/** Similarity of query token i and vocabulary token id (and its other written forms), memoised per query. */
function tokenPairSim(v: NameRecords, q: PreparedQuery, i: number, id: number, person: boolean): TokenSim {
  const key = (i * 2 + (person ? 1 : 0)) * v.tokStr.length + id;
  const memo = (q.pairMemo ??= new Map());
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const qt = q.tokens[i];
  // Bitap (fuse.js) only between distinctive words: Nanjing is not Tianjin
  // nor between personal names: Abdurrahim is not Abdurrahman, Sancho is not Sanchez
  const fo = { noFuzzy: person || qt.cls !== 'core' || v.tokCls[id] !== 'core' };
  let f = fuzzyTokenSim(qt.t, v.tokStr[id], qt.id >= 0, qt.key, v.tokKey[id], fo);
  for (const sf of v.tokSurf.get(id) ?? []) {
    const g = fuzzyTokenSim(qt.t, sf, qt.id >= 0, qt.key, v.surfaceKey(sf), fo);
    if (g && (!f || g.sim > f.sim)) f = g;
  }
  memo.set(key, f ?? null);
  return f;
}

/** Similarity of query token i with an already matched vocabulary token id (a repeated word), memoised per query. */
function repeatSim(v: NameRecords, q: PreparedQuery, i: number, id: number): TokenSim {
  const key = i * v.tokStr.length + id;
  const memo = (q.repeatMemo ??= new Map());
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const qt = q.tokens[i];
  const f = fuzzyTokenSim(qt.t, v.tokStr[id], qt.id >= 0, qt.key, v.tokKey[id]);
  memo.set(key, f ?? null);
  return f;
}

/**
 * Scratch of the last alignment: alignScore() fills it, lastAlignment() reads it. One alignment at a time (the
 * screen path is synchronous); no allocation per candidate. A pair joins query tokens pq .. pq+pqn-1 with record
 * tokens pc .. pc+pcn-1 (always adjacent runs).
 */
const S = {
  v: undefined as NameRecords | undefined,
  q: undefined as PreparedQuery | undefined,
  r: -1,
  m: 0,
  n: 0,
  qm: new Uint8Array(16),
  cm: new Uint8Array(16),
  ct: new Int32Array(16),
  cw: new Float64Array(16),
  cf: new Uint8Array(16),
  nPairs: 0,
  pq: new Int32Array(16),
  pqn: new Int32Array(16),
  pc: new Int32Array(16),
  pcn: new Int32Array(16),
  psim: new Float64Array(16),
  pkind: [] as PairKind[],
  nFz: 0,
  fi: new Int32Array(64),
  fj: new Int32Array(64),
  fsim: new Float64Array(64),
  fkind: [] as PairKind[],
  ford: new Int32Array(64),
};

function reserve(m: number, n: number): void {
  const t = Math.max(m, n);
  if (S.qm.length < t) {
    const k = 2 * t;
    S.qm = new Uint8Array(k);
    S.cm = new Uint8Array(k);
    S.ct = new Int32Array(k);
    S.cw = new Float64Array(k);
    S.cf = new Uint8Array(k);
    S.pq = new Int32Array(k);
    S.pqn = new Int32Array(k);
    S.pc = new Int32Array(k);
    S.pcn = new Int32Array(k);
    S.psim = new Float64Array(k);
  }
  if (S.fi.length < m * n) {
    const k = 2 * m * n;
    S.fi = new Int32Array(k);
    S.fj = new Int32Array(k);
    S.fsim = new Float64Array(k);
    S.ford = new Int32Array(k);
  }
}

function addPair(q0: number, qn: number, c0: number, cn: number, sim: number, kind: PairKind): void {
  const k = S.nPairs++;
  S.pq[k] = q0;
  S.pqn[k] = qn;
  S.pc[k] = c0;
  S.pcn[k] = cn;
  S.psim[k] = sim;
  S.pkind[k] = kind;
}

/** Two and three adjacent query tokens written together, once per query. */
function queryJoins(q: PreparedQuery): { join2: string[]; join3: string[] } {
  if (!q.joins) {
    const t = q.tokens.map((x) => x.t);
    q.joins = { join2: t.slice(0, -1).map((x, i) => x + t[i + 1]), join3: t.slice(0, -2).map((x, i) => x + t[i + 1] + t[i + 2]) };
  }
  return q.joins;
}

const acronymLeft = (t: string, cls: TokenClass) => cls === 'core' && t.length <= NAME_FEATURES.acronymMaxLength + 1 && /^[a-z]+$/.test(t);
const genericOrPlace = (c: TokenClass) => c === 'generic' || c === 'place';

/** Full one-to-one token alignment of the query with one name record, with its explanation. */
export function alignRecord(v: NameRecords, q: PreparedQuery, r: number, person = false): { score: number; detail: Omit<NameDetail, 'notes'> } {
  const score = alignScore(v, q, r, person);
  return { score, detail: lastAlignment() };
}

/** The pairs and leftovers of the last alignScore() call. */
export function lastAlignment(): Omit<NameDetail, 'notes'> {
  const pairs: Pair[] = [];
  const range = (a: number, len: number) => Array.from({ length: len }, (_, k) => a + k);
  const q = S.q!;
  const s0 = S.v!.recStart[S.r];
  for (let k = 0; k < S.nPairs; k++) {
    let kind = S.pkind[k];
    if (kind === 'exact' && q.tokens[S.pq[k]].orig !== S.v!.recOrig[s0 + S.pc[k]]) kind = 'variant';
    pairs.push({ qi: range(S.pq[k], S.pqn[k]), cj: range(S.pc[k], S.pcn[k]), sim: S.psim[k], kind });
  }
  const qUnmatched: number[] = [];
  const cUnmatched: number[] = [];
  for (let i = 0; i < S.m; i++) if (!S.qm[i]) qUnmatched.push(i);
  for (let j = 0; j < S.n; j++) if (!S.cm[j]) cUnmatched.push(j);
  return { kind: 'name', rec: S.r, q, pairs, qUnmatched, cUnmatched };
}

/** Query tokens left unmatched by the last alignScore() call. */
export function lastQueryLeftovers(): number {
  let k = 0;
  for (let i = 0; i < S.m; i++) if (!S.qm[i]) k++;
  return k;
}

/** The score of the full alignment (alignRecord without the explanation; lastAlignment() gives it). */
export function alignScore(v: NameRecords, q: PreparedQuery, r: number, person = false): number {
  const qt = q.tokens;
  const s0 = v.recStart[r];
  const m = qt.length;
  const n = v.recStart[r + 1] - s0;
  reserve(m, n);
  S.v = v;
  S.q = q;
  S.r = r;
  S.m = m;
  S.n = n;
  S.nPairs = 0;
  const qm = S.qm;
  const cm = S.cm;
  qm.fill(0, 0, m);
  cm.fill(0, 0, n);
  // the record's token ids, weights and flags (roles, CJK_FLAG, PAREN_FLAG), read once
  const ct = S.ct;
  const cw = S.cw;
  const roles = S.cf;
  for (let j = 0; j < n; j++) {
    const x = v.recTok[s0 + j];
    ct[j] = x & TOKEN_ID_MASK;
    roles[j] = x >>> TOKEN_FLAG_SHIFT;
    cw[j] = v.recTokW[s0 + j];
  }
  let num = 0;
  // both written in Chinese characters or Hangul: the characters must agree, not only their reading
  const sameScript = (i: number, j: number) => qt[i].cjk && (roles[j] & CJK_FLAG) !== 0;
  // exact (after canonicalisation)
  for (let i = 0; i < m; i++) {
    const id = qt[i].id;
    if (id < 0) continue;
    for (let j = 0; j < n; j++) {
      if (!cm[j] && ct[j] === id && !(qt[i].cjk && (roles[j] & CJK_FLAG) !== 0 && qt[i].orig !== v.recOrig[s0 + j])) {
        qm[i] = cm[j] = 1;
        num += qt[i].w + cw[j];
        // exact or variant (the same canonical word written otherwise): lastAlignment() tells them apart
        addPair(i, 1, j, 1, 1, 'exact');
        break;
      }
    }
  }
  if (S.nPairs < Math.min(m, n) || m !== n) {
    const { join2, join3 } = queryJoins(q);
    // compounds: two adjacent query tokens = one entry token, and the reverse
    for (let i = 0; i + 1 < m; i++) {
      if (qm[i] || qm[i + 1]) continue;
      const joined = join2[i];
      for (let j = 0; j < n; j++) {
        if (!cm[j] && v.tokLen[ct[j]] === joined.length && v.tokStr[ct[j]] === joined) {
          qm[i] = qm[i + 1] = cm[j] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + qt[i + 1].w + cw[j]);
          addPair(i, 2, j, 1, TOKEN_SIM.compound, 'compound');
          break;
        }
      }
    }
    for (let j = 0; j + 1 < n; j++) {
      if (cm[j] || cm[j + 1]) continue;
      const len = v.tokLen[ct[j]] + v.tokLen[ct[j + 1]];
      for (let i = 0; i < m; i++) {
        if (!qm[i] && qt[i].t.length === len && isJoin(qt[i].t, v.tokStr[ct[j]], v.tokStr[ct[j + 1]])) {
          qm[i] = cm[j] = cm[j + 1] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + cw[j] + cw[j + 1]);
          addPair(i, 1, j, 2, TOKEN_SIM.compound, 'compound');
          break;
        }
      }
    }
    // three words written as one, either way (Pricewater House Coopers / PricewaterhouseCoopers)
    for (let i = 0; i + 2 < m; i++) {
      if (qm[i] || qm[i + 1] || qm[i + 2]) continue;
      const joined = join3[i];
      for (let j = 0; j < n; j++) {
        if (!cm[j] && v.tokLen[ct[j]] === joined.length && v.tokStr[ct[j]] === joined) {
          qm[i] = qm[i + 1] = qm[i + 2] = cm[j] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + qt[i + 1].w + qt[i + 2].w + cw[j]);
          addPair(i, 3, j, 1, TOKEN_SIM.compound, 'compound');
          break;
        }
      }
    }
    for (let j = 0; j + 2 < n; j++) {
      if (cm[j] || cm[j + 1] || cm[j + 2]) continue;
      const len = v.tokLen[ct[j]] + v.tokLen[ct[j + 1]] + v.tokLen[ct[j + 2]];
      for (let i = 0; i < m; i++) {
        if (!qm[i] && qt[i].t.length === len && isJoin(qt[i].t, v.tokStr[ct[j]] + v.tokStr[ct[j + 1]], v.tokStr[ct[j + 2]])) {
          qm[i] = cm[j] = cm[j + 1] = cm[j + 2] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + cw[j] + cw[j + 1] + cw[j + 2]);
          addPair(i, 1, j, 3, TOKEN_SIM.compound, 'compound');
          break;
        }
      }
    }
    // the same letters split differently (Arefullaha Ref / Arefullah Aref)
    for (let i = 0; i + 1 < m; i++) {
      if (qm[i] || qm[i + 1]) continue;
      const joined = join2[i];
      for (let j = 0; j + 1 < n; j++) {
        if (!cm[j] && !cm[j + 1] && joined.length === v.tokLen[ct[j]] + v.tokLen[ct[j + 1]] && isJoin(joined, v.tokStr[ct[j]], v.tokStr[ct[j + 1]])) {
          qm[i] = qm[i + 1] = cm[j] = cm[j + 1] = 1;
          num += TOKEN_SIM.compound * (qt[i].w + qt[i + 1].w + cw[j] + cw[j + 1]);
          addPair(i, 2, j, 2, TOKEN_SIM.compound, 'compound');
          break;
        }
      }
    }
    // fuzzy pairs, best first (a stable order: ties keep query order)
    let nFz = 0;
    for (let i = 0; i < m; i++) {
      if (qm[i]) continue;
      for (let j = 0; j < n; j++) {
        if (cm[j] || sameScript(i, j)) continue;
        let f = tokenPairSim(v, q, i, ct[j], person);
        if (!f && person) {
          // a given name written as its initial (Hans J Friedrich / Hans Joachim Friedrich)
          const a = qt[i].t;
          const b = v.tokStr[ct[j]];
          if ((a.length === 1 && b.length > 1 && b[0] === a) || (b.length === 1 && a.length > 1 && a[0] === b)) f = INITIAL_SIM;
        }
        if (f) {
          S.fi[nFz] = i;
          S.fj[nFz] = j;
          S.fsim[nFz] = f.sim;
          S.fkind[nFz] = f.kind;
          nFz++;
        }
      }
    }
    if (nFz) {
      const ord = S.ford;
      for (let k = 0; k < nFz; k++) {
        const x = k;
        let p = k - 1;
        while (p >= 0 && S.fsim[ord[p]] < S.fsim[x]) {
          ord[p + 1] = ord[p];
          p--;
        }
        ord[p + 1] = x;
      }
      for (let k = 0; k < nFz; k++) {
        const f = ord[k];
        const i = S.fi[f];
        const j = S.fj[f];
        if (qm[i] || cm[j]) continue;
        qm[i] = cm[j] = 1;
        num += S.fsim[f] * (qt[i].w + cw[j]);
        addPair(i, 1, j, 1, S.fsim[f], S.fkind[f]);
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
  if (person && hasFatherName(q) && hasRole(roles, n, 2)) {
    // the same names on the two sides of bin / ibn: another person (Salman bin Muhammad / Muhammad bin Salman)
    for (let k = 0; k < S.nPairs; k++) {
      if (S.pqn[k] !== 1 || S.pcn[k] !== 1) continue;
      if ((qt[S.pq[k]].role === 2) !== ((roles[S.pc[k]] & 3) === 2)) {
        const w = qt[S.pq[k]].w + cw[S.pc[k]];
        num -= S.psim[k] * w * (1 - NAME_FEATURES.patronymSwapFactor);
        S.psim[k] *= NAME_FEATURES.patronymSwapFactor;
        S.pkind[k] = 'swapped';
      }
    }
  }
  // leftovers: unmatched tokens (qu / cu), those outside parentheses (qLeft / cLeft), the generic or place ones (qGp / cGp)
  let qLeft = 0;
  let cLeft = 0;
  let qGp = 0;
  let cGp = 0;
  for (let i = 0; i < m; i++) {
    if (qm[i]) continue;
    if (!qt[i].paren) qLeft++;
    if (genericOrPlace(qt[i].cls)) qGp++;
  }
  for (let j = 0; j < n; j++) {
    if (cm[j]) continue;
    if (!(roles[j] & PAREN_FLAG)) cLeft++;
    if (genericOrPlace(v.tokCls[ct[j]])) cGp++;
  }
  let den = q.total + v.recTotal[r];
  // a short word in parentheses that only one side has is mostly the name's own acronym (Foreign Intelligence Service (SVR))
  if (S.nPairs) {
    for (let i = 0; i < m; i++) if (!qm[i] && qt[i].paren && acronymLeft(qt[i].t, qt[i].cls)) den -= qt[i].w * (1 - NAME_FEATURES.parenAcronymLeftover);
    for (let j = 0; j < n; j++)
      if (!cm[j] && roles[j] & PAREN_FLAG && acronymLeft(v.tokStr[ct[j]], v.tokCls[ct[j]])) den -= cw[j] * (1 - NAME_FEATURES.parenAcronymLeftover);
  }
  if (qGp && cGp && !(qLeft && cLeft)) {
    // the same with a word in parentheses (ICBC (Asia) vs ICBC (London), CCB Capital vs CCB (Holdings)): another branch
    for (let i = 0; i < m; i++) if (!qm[i] && genericOrPlace(qt[i].cls)) den += qt[i].w * (NAME_FEATURES.genericConflictBoost - 1);
    for (let j = 0; j < n; j++) if (!cm[j] && genericOrPlace(v.tokCls[ct[j]])) den += cw[j] * (NAME_FEATURES.genericConflictBoost - 1);
  }
  if (qLeft && cLeft) {
    // both names have words the other lacks: a substitution (X Technology vs X Trading) is a different firm
    for (let i = 0; i < m; i++) if (!qm[i] && !qt[i].paren && genericOrPlace(qt[i].cls)) den += qt[i].w * (NAME_FEATURES.genericConflictBoost - 1);
    for (let j = 0; j < n; j++)
      if (!cm[j] && !(roles[j] & PAREN_FLAG) && genericOrPlace(v.tokCls[ct[j]])) den += cw[j] * (NAME_FEATURES.genericConflictBoost - 1);
  }
  if (person && (qLeft || cLeft)) {
    const coreLeft = (w: number, cls: TokenClass) => cls !== 'generic' && cls !== 'place' && w > 0;
    if (qLeft && cLeft) {
      // both sides have names the other lacks: a different person with some names in common
      for (let i = 0; i < m; i++)
        if (!qm[i] && !qt[i].paren && qt[i].role !== 1 && coreLeft(qt[i].w, qt[i].cls)) den += qt[i].w * (NAME_FEATURES.personSubstitutionBoost - 1);
      for (let j = 0; j < n; j++)
        if (!cm[j] && !(roles[j] & PAREN_FLAG) && (roles[j] & 3) !== 1 && coreLeft(cw[j], v.tokCls[ct[j]]))
          den += cw[j] * (NAME_FEATURES.personSubstitutionBoost - 1);
    } else if (S.nPairs >= 2) {
      // one side has a middle name or patronymic more: it counts less
      const extra = (w: number, role: number) => w * (1 - (role === 1 || role === 2 ? NAME_FEATURES.personExtraPatronymic : NAME_FEATURES.personExtraName));
      for (let i = 0; i < m; i++) if (!qm[i] && !qt[i].paren) den -= extra(qt[i].w, qt[i].role);
      for (let j = 0; j < n; j++) if (!cm[j] && !(roles[j] & PAREN_FLAG)) den -= extra(cw[j], roles[j] & 3);
    }
  }
  let score = num / den;
  if (qLeft || cLeft) {
    let distinctive = false;
    for (let k = 0; k < S.nPairs && !distinctive; k++) {
      for (let i = S.pq[k]; i < S.pq[k] + S.pqn[k]; i++) if (qt[i].cls === 'core' || qt[i].cls === 'number') distinctive = true;
    }
    if (!distinctive) score *= NAME_FEATURES.genericOnlyFactor;
  }
  if ((n === 1 && qLeft && v.tokLen[ct[0]] <= NAME_FEATURES.acronymMaxLength) || (m === 1 && cLeft && qt[0].t.length <= NAME_FEATURES.acronymMaxLength)) {
    score *= NAME_FEATURES.acronymOnlyFactor;
  }
  return score;
}

const INITIAL_SIM: TokenSim = { sim: TOKEN_SIM.initial, kind: 'initial' };

function hasRole(flags: Uint8Array, n: number, role: number): boolean {
  for (let j = 0; j < n; j++) if ((flags[j] & 3) === role) return true;
  return false;
}

/** The query has a name after bin / ibn (a father's name). */
function hasFatherName(q: PreparedQuery): boolean {
  return (q.hasFather ??= q.tokens.some((x) => x.role === 2));
}

/** One line a person understands: which tokens agree and how, what only one side has, the notes. */
export function explainName(v: NameRecords, d: NameDetail, matchedOn: MatchedOn): string {
  const orig = v.recOrig.slice(v.recStart[d.rec], v.recStart[d.rec + 1]);
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

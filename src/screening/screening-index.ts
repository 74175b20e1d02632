/**
 * The in-memory screening index: built once per list version from ListEntry[], then screens
 * parties (name, aliases, address, country, type) in well under a millisecond.
 *
 * Build: every primary name and alias is normalised once (normalise.ts) into a name record of
 * canonical token ids. Tokens get an IDF weight (rare tokens count more) times a class factor
 * (generic words such as technology/trading and place names count less; parenthesised tokens half).
 * Indexes: token -> postings (record, weight); deletion neighbourhoods (typos), phonetic keys
 * (transliteration variants); address-only entries get an address-token index.
 *
 * Screen: the query name is normalised the same way; its tokens and their typo / phonetic /
 * compound expansions accumulate a weighted overlap per record through the postings; the best
 * records (bounded) are scored in full: a one-to-one token alignment (exact, abbreviation canon,
 * compound, typo, phonetic, fuse.js Bitap for the fuzzier pairs), weighted Dice
 *   score = sum(sim * (wq + we)) / (sum wq + sum we)
 * then adjusted for entity type (disagreement lowers) and country (agreement raises a little,
 * disagreement lowers a little: a list entry may be a front abroad, an exact name still matches).
 */
import { ListCode, ListEntry } from '../lists/list-entry';
import { AddressDetail, AddressIndex, addressLine, explainAddress } from './address';
import {
  alignScore,
  CJK_FLAG,
  explainName,
  lastAlignment,
  lastQueryLeftovers,
  NameDetail,
  NameRecords,
  PAREN_FLAG,
  PreparedQuery,
  QToken,
  ROLE_CODE,
  TOKEN_FLAG_SHIFT,
  TOKEN_ID_MASK,
} from './alignment';
import { PartialDate, secondaryEvidence } from './evidence';
import { canonToken, tokenClass, looksLikeAddress, normaliseName, NormToken, TokenClass } from './normalise';
import { CANDIDATES, countriesAgree, DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, ENTITY_FEATURES, NAME_FEATURES, TOKEN_SIM } from './params';
import { deletions1, osaDistance, phoneticKey, phoneticMatch, typoMaxDistance, typoSimilarity } from './similarity';
import { MatchedOn, PartyQuery, ScreeningIndexOptions, ScreeningMatch, ScreeningResult, ScreenOptions } from './types';
import { wordLists } from './wordlists';

const ADJ = ENTITY_FEATURES;

function pushMulti(map: Map<string, number | number[]>, key: string, id: number): void {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, id);
  else if (typeof cur === 'number') {
    if (cur !== id) map.set(key, [cur, id]);
  } else if (cur[cur.length - 1] !== id) cur.push(id);
}

function forMulti(v: number | number[] | undefined, fn: (id: number) => void): void {
  if (v === undefined) return;
  if (typeof v === 'number') fn(v);
  else for (const id of v) fn(id);
}

interface Hit {
  entry: number;
  score: number;
  matchedOn: MatchedOn;
  matchedName: string;
  detail: NameDetail | AddressDetail;
}

export class ScreeningIndex {
  /** number of list entries indexed */
  readonly size: number;
  /** wall time of build(), ms */
  buildMs = 0;

  private readonly entries: ListEntry[];
  private readonly matchThreshold: number;
  private readonly reviewThreshold: number;
  private readonly maxCandidates: number;

  // vocabulary and name records (what an alignment reads: alignment.ts)
  private readonly names = new NameRecords();
  private readonly vocab = new Map<string, number>();
  private tokW!: Float64Array;
  private postRec: Int32Array[] = [];
  private postW: Float32Array[] = [];
  private readonly delIndex = new Map<string, number | number[]>();
  private readonly phonIndex = new Map<string, number | number[]>();
  private maxIdf = 1;
  private recEntry!: Int32Array;
  /** -1 = primary name, else alias index */
  private recAlias!: Int32Array;
  private recWeak!: Uint8Array;
  /** 1 when the record's entry is an individual */
  private recPerson!: Uint8Array;

  private addresses!: AddressIndex;

  /** the entries' parsed dates of birth, filled on first use */
  private readonly dobCache = new Map<ListEntry, PartialDate[]>();

  // per-query scratch
  private acc!: Float64Array;
  private touched!: Int32Array;
  private nTouched = 0;
  /** the best candidates of a query name (record, estimate), best first */
  private candRec!: Int32Array;
  private candEst!: Float64Array;
  /** typo / phonetic neighbours of query tokens (the index never changes; bounded: emptied when full) */
  private readonly neighbourCache = new Map<string, { id: number; sim: number }[]>();

  private constructor(entries: ListEntry[], options: ScreeningIndexOptions) {
    this.entries = entries;
    this.size = entries.length;
    this.matchThreshold = options.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
    this.reviewThreshold = options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
    this.maxCandidates = options.maxCandidates ?? CANDIDATES.maxCandidates;
  }

  static build(entries: ListEntry[], options: ScreeningIndexOptions = {}): ScreeningIndex {
    const t0 = performance.now();
    const idx = new ScreeningIndex(entries, options);
    idx.buildNames();
    idx.addresses = new AddressIndex(entries);
    idx.buildMs = performance.now() - t0;
    return idx;
  }

  // ------------------------------------------------------------------------------------------
  // build

  private intern(t: string, cls: TokenClass): number {
    let id = this.vocab.get(t);
    if (id === undefined) {
      id = this.names.tokStr.length;
      this.vocab.set(t, id);
      this.names.tokStr.push(t);
      this.names.tokCls.push(cls);
    }
    return id;
  }

  private buildNames(): void {
    const recEntry: number[] = [];
    const recAlias: number[] = [];
    const recWeak: number[] = [];
    // per record while building: token ids, parenthesised, flags (ROLE_CODE | CJK_FLAG), original texts
    const recIds: number[][] = [];
    const recParen: number[][] = [];
    const recFlags: number[][] = [];
    const recOrig: string[][] = [];
    this.entries.forEach((e, ei) => {
      if (e.type === 'address') return;
      const seen = new Set<string>();
      const names: { text: string; alias: number; weak: boolean }[] = [{ text: e.name, alias: -1, weak: false }];
      e.aliases.forEach((a, ai) => names.push({ text: a.name, alias: ai, weak: a.kind === 'weak' }));
      for (const n of names) {
        if (!n.text) continue;
        const nn = normaliseName(n.text, { person: e.type === 'individual' });
        if (!nn.tokens.length) continue;
        const ids: number[] = [];
        const paren: number[] = [];
        const role: number[] = [];
        const orig: string[] = [];
        for (const tk of nn.tokens) {
          const id = this.intern(tk.t, tk.cls);
          // a word written twice outside parentheses counts twice (ABDUL KABIR ABDUL JAN), else once
          const at = ids.indexOf(id);
          if (at >= 0 && (tk.paren || paren[at])) {
            if (!tk.paren) paren[at] = 0;
            continue;
          }
          ids.push(id);
          paren.push(tk.paren ? 1 : 0);
          role.push((tk.role ? ROLE_CODE[tk.role] : 0) | (tk.cjk ? CJK_FLAG : 0));
          orig.push(tk.orig);
          if (tk.orig !== tk.t && /^[a-z]{5,}$/.test(tk.orig)) {
            const sf = this.names.tokSurf.get(id);
            if (!sf) this.names.tokSurf.set(id, [tk.orig]);
            else if (sf.length < 8 && !sf.includes(tk.orig)) sf.push(tk.orig);
          }
        }
        const key = ids
          .map((id, k) => `${id}${paren[k] ? 'p' : ''}`)
          .sort()
          .join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        recEntry.push(ei);
        recAlias.push(n.alias);
        recWeak.push(n.weak ? 1 : 0);
        recIds.push(ids);
        recParen.push(paren);
        recFlags.push(role);
        recOrig.push(orig);
        this.names.recLegal.push(nn.legal.join(' '));
      }
    });
    const nRec = recEntry.length;
    this.recEntry = Int32Array.from(recEntry);
    this.recAlias = Int32Array.from(recAlias);
    this.recWeak = Uint8Array.from(recWeak);

    // document frequencies and weights
    const nTok = this.names.tokStr.length;
    if (nTok > TOKEN_ID_MASK) throw new Error(`screening vocabulary of ${nTok} tokens is too large`);
    this.names.tokLen = Int32Array.from(this.names.tokStr, (t) => t.length);
    const df = new Int32Array(nTok);
    for (const toks of recIds) toks.forEach((id, k) => toks.indexOf(id) === k && df[id]++);
    const wl = wordLists();
    const clsFactor = (c: TokenClass) => (c === 'generic' ? wl.genericFactor : c === 'place' ? wl.placeFactor : 1);
    this.maxIdf = Math.log(1 + (nRec + 1));
    this.tokW = new Float64Array(nTok);
    for (let id = 0; id < nTok; id++) this.tokW[id] = Math.log(1 + nRec / Math.max(1, df[id])) * clsFactor(this.names.tokCls[id]);

    // postings
    const counts = new Int32Array(nTok);
    for (let id = 0; id < nTok; id++) {
      this.postRec.push(new Int32Array(df[id]));
      this.postW.push(new Float32Array(df[id]));
    }
    const nFlat = recIds.reduce((s, ids) => s + ids.length, 0);
    const names = this.names;
    names.recStart = new Int32Array(nRec + 1);
    names.recTok = new Int32Array(nFlat);
    names.recTokW = new Float32Array(nFlat);
    names.recOrig = new Array<string>(nFlat);
    names.recTotal = new Float64Array(nRec);
    let at = 0;
    for (let r = 0; r < nRec; r++) {
      const toks = recIds[r];
      names.recStart[r] = at;
      let total = 0;
      for (let k = 0; k < toks.length; k++, at++) {
        const id = toks[k];
        names.recTok[at] = id | ((recFlags[r][k] | (recParen[r][k] ? PAREN_FLAG : 0)) << TOKEN_FLAG_SHIFT);
        names.recTokW[at] = this.tokW[id] * (recParen[r][k] ? NAME_FEATURES.parenFactor : 1);
        names.recOrig[at] = recOrig[r][k];
        total += names.recTokW[at];
        if (toks.indexOf(id) !== k) continue; // one posting per record
        const c = counts[id]++;
        this.postRec[id][c] = r;
        this.postW[id][c] = names.recTokW[at];
      }
      names.recTotal[r] = total;
    }
    names.recStart[nRec] = at;

    // typo and phonetic neighbourhoods
    for (let id = 0; id < nTok; id++) {
      const t = this.names.tokStr[id];
      const key = phoneticKey(t);
      this.names.tokKey.push(key);
      if (this.names.tokCls[id] === 'number') continue;
      if (t.length >= 4) for (const d of deletions1(t)) pushMulti(this.delIndex, d, id);
      for (const sf of this.names.tokSurf.get(id) ?? []) for (const d of deletions1(sf)) pushMulti(this.delIndex, d, id);
      if (t.length < 4) continue;
      if (key) pushMulti(this.phonIndex, key, id);
    }
    this.acc = new Float64Array(nRec);
    this.touched = new Int32Array(nRec);
    this.recPerson = Uint8Array.from(recEntry, (ei) => (this.entries[ei].type === 'individual' ? 1 : 0));
    const maxC = Math.max(0, Math.min(nRec, Math.floor(this.maxCandidates)));
    this.candRec = new Int32Array(maxC);
    this.candEst = new Float64Array(maxC);
  }

  // ------------------------------------------------------------------------------------------
  // screen

  screen(query: PartyQuery, opts: ScreenOptions = {}): ScreeningResult {
    const matchT = opts.matchThreshold ?? this.matchThreshold;
    const reviewT = opts.reviewThreshold ?? this.reviewThreshold;
    const limit = opts.limit ?? CANDIDATES.defaultLimit;
    const sources = opts.sources?.length ? new Set<ListCode>(opts.sources) : undefined;
    const best = new Map<string, Hit>();
    const keep = (h: Hit) => {
      const e = this.entries[h.entry];
      const key = `${e.source}|${e.entryId}`;
      const cur = best.get(key);
      if (!cur || h.score > cur.score) best.set(key, h);
    };
    const minScore = reviewT;
    const country = query.country?.trim().toUpperCase() || undefined;

    const nameVariants: { text: string; penalty: number; note?: string }[] = [];
    if (query.name?.trim()) nameVariants.push({ text: query.name, penalty: 0 });
    for (const a of query.aliases ?? []) if (a?.trim()) nameVariants.push({ text: a, penalty: ADJ.queryAlias, note: `query alias "${a}"` });
    if (query.address?.trim()) {
      const first = query.address.split(/[,;\n]/)[0].trim();
      if (first && !/\d/.test(first) && first !== query.address.trim() && !looksLikeAddress(first)) {
        const nn = normaliseName(first);
        if (nn.tokens.some((t) => t.cls === 'core') && nn.tokens.length >= 2) {
          nameVariants.push({ text: first, penalty: ADJ.nameInAddressField, note: 'name taken from the address field' });
        }
      }
    }
    for (const v of nameVariants) this.screenName(v.text, v.penalty, v.note, query, country, sources, minScore - 0.001, keep);

    if (query.address?.trim()) this.addresses.screen(query.address, country, sources, minScore, keep, undefined);
    if (query.name && looksLikeAddress(query.name)) {
      this.addresses.screen(query.name, country, sources, minScore, keep, 'address given in the name field');
    }
    if (query.address?.trim()) this.addresses.boost(query.address, best.values());

    const hits = [...best.values()].filter((h) => h.score >= minScore - 1e-9);
    hits.sort((a, b) => b.score - a.score || this.entries[a.entry].name.localeCompare(this.entries[b.entry].name));
    const matches: ScreeningMatch[] = [];
    const suppressed: { source: ListCode; entryId: string; name: string }[] = [];
    for (const h of hits) {
      const e = this.entries[h.entry];
      if (opts.suppressed?.({ source: e.source, entryId: e.entryId })) {
        suppressed.push({ source: e.source, entryId: e.entryId, name: e.name });
        continue;
      }
      if (matches.length < limit) matches.push(this.toMatch(h));
    }
    const top = matches.length ? matches[0].score : 0;
    const status = matches.length && top >= matchT ? 'match' : matches.length && top >= reviewT ? 'potential' : 'clear';
    const result: ScreeningResult = { status, matches };
    if (suppressed.length) result.suppressed = suppressed;
    return result;
  }

  private prepare(text: string, person = false): PreparedQuery {
    const nn = normaliseName(text, { fuzzyLegal: true, person });
    const tokens: QToken[] = [];
    // a word written twice outside parentheses counts twice, as in the name records
    const seen = new Map<string, boolean>();
    for (const tk of this.splitJoined(nn.tokens, nn.legal)) {
      if (seen.has(tk.t) && (tk.paren || seen.get(tk.t))) continue;
      seen.set(tk.t, tk.paren);
      const id = this.vocab.get(tk.t) ?? -1;
      tokens.push({
        t: tk.t,
        orig: tk.orig,
        id,
        w: 0,
        key: phoneticKey(tk.t),
        cls: tk.cls,
        paren: tk.paren,
        role: tk.role ? ROLE_CODE[tk.role] : 0,
        cjk: !!tk.cjk,
      });
      const q = tokens[tokens.length - 1];
      q.w = this.queryWeight(q, tk) * (tk.paren ? NAME_FEATURES.parenFactor : 1);
    }
    return { tokens, total: tokens.reduce((s, t) => s + t.w, 0), legal: nn.legal };
  }

  /**
   * An unknown query word that is two known words written together (AVIATIONindustries, VEKTOROoo,
   * Huanjiatelecommunication) becomes those words; a half that is a legal form or stopword is dropped.
   */
  private splitJoined(toks: NormToken[], legal: string[]): NormToken[] {
    const wl = wordLists();
    // never a stopword half: Toshiba is not to + shiba
    const known = (t: string) => !wl.stopwords.has(t) && (this.vocab.has(canonToken(t)) || wl.legalAnywhere.has(t) || wl.legalEdge.has(t));
    const out: NormToken[] = [];
    for (const tk of toks) {
      const t = tk.t;
      let typo = false;
      if (!this.vocab.has(t) && !tk.cjk && t.length >= 6) typo = this.typoNeighbours(t, phoneticKey(t)).length > 0;
      if (typo || this.vocab.has(t) || tk.cjk || tk.cls === 'number' || t.length < 6 || !/^[a-z]+$/.test(t)) {
        // a typo of a known word stays one word
        out.push(tk);
        continue;
      }
      let done = false;
      for (let k = 2; k <= t.length - 2 && !done; k++) {
        const a = t.slice(0, k);
        const b = t.slice(k);
        if (Math.max(a.length, b.length) < 4 || !known(a) || !known(b)) continue;
        for (const half of [a, b]) {
          if (wl.legalAnywhere.has(half) || wl.legalEdge.has(half)) legal.push(half);
          else if (!wl.stopwords.has(half)) {
            const c = canonToken(half);
            out.push({ ...tk, t: c, orig: t, cls: tokenClass(c) });
          }
        }
        done = true;
      }
      if (!done) out.push(tk);
    }
    return out;
  }

  private queryWeight(q: QToken, tk: NormToken): number {
    if (q.id >= 0) return this.tokW[q.id];
    const wl = wordLists();
    const f = tk.cls === 'generic' ? wl.genericFactor : tk.cls === 'place' ? wl.placeFactor : 1;
    // an unknown token that is a typo of a known one weighs what that one weighs
    let w = -1;
    for (const { id } of this.typoNeighbours(q.t, q.key)) if (w < 0 || this.tokW[id] < w) w = this.tokW[id];
    return w >= 0 ? w : this.maxIdf * f;
  }

  /** Vocabulary tokens within one edit (two for long tokens) or with the same phonetic key. */
  private expandTypos(t: string, key: string, fn: (id: number, sim: number) => void): void {
    if (t.length < 4 || /^\d+$/.test(t)) return;
    const seen = new Set<number>();
    let n = 0;
    const maxD = typoMaxDistance(t.length);
    if (!maxD && !key) return;
    for (const d of deletions1(t)) {
      forMulti(this.delIndex.get(d), (id) => {
        if (seen.has(id) || n >= CANDIDATES.maxExpansions) return;
        seen.add(id);
        const c = this.names.tokStr[id];
        if (c === t) return;
        let sim = 0;
        for (const form of [c, ...(this.names.tokSurf.get(id) ?? [])]) {
          const mn = Math.min(t.length, form.length);
          sim = Math.max(sim, typoSimilarity(osaDistance(t, form, typoMaxDistance(mn)), mn));
        }
        if (!sim) return;
        n++;
        fn(id, sim);
      });
    }
    if (key) {
      forMulti(this.phonIndex.get(key), (id) => {
        if (seen.has(id) || n >= CANDIDATES.maxExpansions || this.names.tokStr[id] === t) return;
        if (!phoneticMatch(t, this.names.tokStr[id], key, this.names.tokKey[id])) return;
        seen.add(id);
        n++;
        fn(id, TOKEN_SIM.phonetic);
      });
    }
  }

  /**
   * Adds the sources' postings into acc. The weakest sources (frequent tokens) only add to records another
   * source reached when, on their own, they cannot lift a record to minEst: a record reached only by a set S of
   * sources has est <= (A + m*Z) / (qTotal + Z), A = sum f*qw over S, Z <= the sum of S's token weights, m the
   * most sources sharing one token. The candidates and their estimates are the same as without the bound.
   */
  private accumulate(srcId: number[], srcF: number[], srcQw: number[], qTotal: number, minEst: number): void {
    this.nTouched = 0;
    const n = srcId.length;
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => this.tokW[srcId[a]] - this.tokW[srcId[b]]);
    let weak = 0;
    let a = 0;
    let z = 0;
    const mult = new Map<number, number>();
    let m = 1;
    for (; weak < n; weak++) {
      const k = order[weak];
      const id = srcId[k];
      const c = (mult.get(id) ?? 0) + 1;
      mult.set(id, c);
      if (c > m) m = c;
      a += srcF[k] * srcQw[k];
      if (c === 1) z += this.tokW[id];
      const bound = Math.max(a / qTotal, (a + m * z) / (qTotal + z));
      if (bound >= minEst) break;
    }
    for (let x = weak; x < n; x++) this.addPostings(srcId[order[x]], srcF[order[x]], srcQw[order[x]]);
    for (let x = 0; x < weak; x++) this.addPostingsTouched(srcId[order[x]], srcF[order[x]], srcQw[order[x]]);
  }

  /** addPostings for records already reached */
  private addPostingsTouched(id: number, factor: number, qw: number): void {
    const recs = this.postRec[id];
    const ws = this.postW[id];
    const acc = this.acc;
    for (let k = 0; k < recs.length; k++) {
      const r = recs[k];
      if (acc[r] !== 0) acc[r] += factor * (qw + ws[k]);
    }
  }

  /** expandTypos as a list, computed once per token */
  private typoNeighbours(t: string, key: string): { id: number; sim: number }[] {
    let xs = this.neighbourCache.get(t);
    if (!xs) {
      const out: { id: number; sim: number }[] = [];
      this.expandTypos(t, key, (id, sim) => out.push({ id, sim }));
      if (this.neighbourCache.size >= CANDIDATES.neighbourCacheSize) this.neighbourCache.clear();
      this.neighbourCache.set(t, (xs = out));
    }
    return xs;
  }

  private addPostings(id: number, factor: number, qw: number): void {
    const recs = this.postRec[id];
    const ws = this.postW[id];
    const acc = this.acc;
    for (let k = 0; k < recs.length; k++) {
      const r = recs[k];
      if (acc[r] === 0) this.touched[this.nTouched++] = r;
      acc[r] += factor * (qw + ws[k]);
    }
  }

  private screenName(
    text: string,
    penalty: number,
    note: string | undefined,
    query: PartyQuery,
    country: string | undefined,
    sources: Set<ListCode> | undefined,
    minScore: number,
    keep: (h: Hit) => void,
  ): void {
    const q = this.prepare(text, query.type === 'individual');
    if (!q.tokens.length) return;
    // candidate generation: every query token, its typo / phonetic neighbours and compounds are sources of postings
    const srcId: number[] = [];
    const srcF: number[] = [];
    const srcQw: number[] = [];
    const source = (id: number, f: number, qw: number) => {
      srcId.push(id);
      srcF.push(f);
      srcQw.push(qw);
    };
    const qt = q.tokens;
    for (let i = 0; i < qt.length; i++) {
      const tk = qt[i];
      if (tk.id >= 0) source(tk.id, 1, tk.w);
      for (const x of this.typoNeighbours(tk.t, tk.key)) source(x.id, x.sim, tk.w);
      if (i + 1 < qt.length) {
        const cid = this.vocab.get(tk.t + qt[i + 1].t);
        if (cid !== undefined) source(cid, TOKEN_SIM.compound, tk.w + qt[i + 1].w);
      }
      if (tk.id < 0 && tk.t.length >= 6) {
        // two words written as one (ramimakhlouf = rami + makhlouf): both halves lead to the record
        for (let k = 3; k <= tk.t.length - 3; k++) {
          const a = this.vocab.get(tk.t.slice(0, k));
          if (a === undefined) continue;
          const b = this.vocab.get(tk.t.slice(k));
          if (b === undefined) continue;
          source(a, TOKEN_SIM.compound, tk.w / 2);
          source(b, TOKEN_SIM.compound, tk.w / 2);
          break;
        }
      }
    }
    // bounded candidate set by estimated score: the maxCandidates best, ties in the order reached
    // a person's name with a middle name or patronymic more scores well above its plain token overlap
    const estMin = Math.max(CANDIDATES.estimateFloor, minScore - CANDIDATES.estimateMargin);
    const estMinPerson = Math.min(CANDIDATES.estimateMinPerson, estMin);
    this.accumulate(srcId, srcF, srcQw, q.total, query.type === 'entity' ? estMin : estMinPerson);
    const personLow = query.type !== 'entity';
    const anyPerson = query.type === 'individual';
    const candR = this.candRec;
    const candE = this.candEst;
    const maxC = candR.length;
    let nc = 0;
    const acc = this.acc;
    const recTotal = this.names.recTotal;
    for (let k = 0; k < this.nTouched; k++) {
      const r = this.touched[k];
      const est = acc[r] / (q.total + recTotal[r]);
      acc[r] = 0;
      if (!(est >= estMin || (est >= estMinPerson && personLow && (anyPerson || this.recPerson[r])))) continue;
      if (sources && !sources.has(this.entries[this.recEntry[r]].source)) continue;
      if (nc === maxC && !(candE[maxC - 1] < est)) continue;
      let p = nc < maxC ? nc++ : maxC - 1;
      while (p > 0 && candE[p - 1] < est) {
        candR[p] = candR[p - 1];
        candE[p] = candE[p - 1];
        p--;
      }
      candR[p] = r;
      candE[p] = est;
    }
    // what the entity features can add at most (adjust, secondaryEvidence): a lower alignment cannot reach minScore
    const maxGain =
      (country ? ADJ.countryAgree : 0) +
      (query.identifiers?.length ? ADJ.identifierMatch : 0) +
      (query.dateOfBirth ? ADJ.dobAgree : 0) +
      (query.nationality ? ADJ.nationalityAgree : 0);
    for (let c = 0; c < nc; c++) {
      const r = candR[c];
      const ei = this.recEntry[r];
      const e = this.entries[ei];
      const person = query.type ? query.type === 'individual' : e.type === 'individual';
      let s = alignScore(this.names, q, r, person);
      s -= penalty;
      if (s + maxGain + 1e-9 < minScore) continue;
      const notes: string[] = [];
      if (note) notes.push(note);
      const qLeft = lastQueryLeftovers();
      if (
        query.type &&
        query.type !== e.type &&
        (e.type === 'vessel' || e.type === 'aircraft') &&
        this.names.recStart[r + 1] - this.names.recStart[r] === 1 &&
        qLeft
      ) {
        // a one-word vessel or aircraft name (SUNRISE) inside a longer company or person name
        s *= NAME_FEATURES.singleTokenOtherType;
        notes.push(`one-word ${e.type} name inside a longer name`);
      }
      if (person && this.isCommonName(r, qLeft)) {
        // a name made only of very common names (Zhang Wei, Kim Chol): a namesake is likely, review at most
        if (s > NAME_FEATURES.commonNameCap && !query.dateOfBirth && !query.identifiers?.length) {
          s = NAME_FEATURES.commonNameCap;
          notes.push('common name: held below match without a date of birth or identifier');
        }
      }
      if (this.recWeak[r]) {
        s -= ADJ.weakAlias;
        notes.push('weak (low-quality) alias');
      }
      s = this.adjust(s, e, query, country, notes);
      if (s < minScore) continue;
      const alias = this.recAlias[r];
      keep({
        entry: ei,
        score: Math.max(0, Math.min(1, s)),
        matchedOn: alias < 0 ? 'name' : 'alias',
        matchedName: alias < 0 ? e.name : e.aliases[alias].name,
        detail: { ...lastAlignment(), notes },
      });
    }
  }

  /** At most three tokens, each short and frequent (NAME_FEATURES.commonNameMinRecords), all matched: Zhang Wei, Kim Chol. */
  private isCommonName(r: number, queryLeftovers: number): boolean {
    const toks = this.names.tokensOf(r);
    if (toks.length > NAME_FEATURES.commonNameMaxTokens || queryLeftovers) return false;
    for (const id of toks) {
      if (this.names.tokLen[id] > NAME_FEATURES.commonNameMaxLength || this.postRec[id].length < NAME_FEATURES.commonNameMinRecords) return false;
    }
    return true;
  }

  /** Entity type and country agreement. */
  private adjust(s: number, e: ListEntry, query: PartyQuery, country: string | undefined, notes: string[]): number {
    const et = e.type;
    if (query.type && (et === 'entity' || et === 'individual' || et === 'vessel' || et === 'aircraft') && et !== query.type) {
      const ind = (query.type === 'individual') !== (et === 'individual');
      s -= ind ? ADJ.typeIndividualMismatch : ADJ.typeOtherMismatch;
      notes.push(`type differs (${query.type} vs ${et})`);
    }
    if (country && e.countries.length) {
      if (e.countries.some((c) => countriesAgree(country, c))) {
        if (s >= ADJ.countryAgreeMinScore) s = Math.min(1, s + ADJ.countryAgree);
        notes.push(`country ${country} agrees`);
      } else {
        s -= ADJ.countryDisagree;
        notes.push(`country ${country} not among ${e.countries.slice(0, 4).join('/')}`);
      }
    }
    if (query.dateOfBirth || query.nationality || query.identifiers?.length) {
      s += secondaryEvidence(query, e, notes, this.dobCache);
    }
    return s;
  }

  // ------------------------------------------------------------------------------------------
  // output

  private toMatch(h: Hit): ScreeningMatch {
    const e = this.entries[h.entry];
    const m: ScreeningMatch = {
      source: e.source,
      entryId: e.entryId,
      name: e.name,
      matchedName: h.matchedName,
      matchedOn: h.matchedOn,
      score: Math.round(h.score * 1000) / 1000,
      type: e.type,
      countries: e.countries,
      programs: e.programs,
      addresses: e.addresses.map(addressLine).filter(Boolean),
      licenseRequirement: e.licenseRequirement || null,
      federalRegisterNotice: e.federalRegisterNotice || null,
      startDate: e.startDate || null,
      explanation: h.detail.kind === 'address' ? explainAddress(h.detail) : explainName(this.names, h.detail, h.matchedOn),
    };
    return m;
  }

  /** Entry by position (for tools). */
  entryAt(i: number): ListEntry {
    return this.entries[i];
  }

  /** Number of name records (primary names and distinct aliases). */
  get nameRecordCount(): number {
    return this.names.recordCount;
  }
}

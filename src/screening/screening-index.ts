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
import { ADDRESS_WEIGHTS, AddressToken, canonToken, tokenClass, looksLikeAddress, normaliseAddress, normaliseName, NormToken, TokenClass } from './normalise';
import { deletions1, fuzzyTokenSim, osaDistance, PairKind, phoneticKey, phoneticMatch, typoMaxDistance, typoSimilarity } from './similarity';
import {
  DEFAULT_MATCH_THRESHOLD,
  DEFAULT_REVIEW_THRESHOLD,
  MatchedOn,
  PartyQuery,
  ScreeningIndexOptions,
  ScreeningMatch,
  ScreeningResult,
  ScreenOptions,
} from './types';
import { wordLists } from './wordlists';
import { ENTITY_FEATURES, NAME_FEATURES, TOKEN_SIM } from './match-config';
import { PartialDate, secondaryEvidence } from './evidence';

const PAREN_FACTOR = NAME_FEATURES.parenFactor;
const CONFLICT_BOOST = NAME_FEATURES.genericConflictBoost;
const GENERIC_ONLY_FACTOR = NAME_FEATURES.genericOnlyFactor;
const ACRONYM_ONLY_FACTOR = NAME_FEATURES.acronymOnlyFactor;
const SIM_COMPOUND = TOKEN_SIM.compound;
const MAX_EXPANSIONS = 12;
const ADJ = ENTITY_FEATURES;
/** candidates of a person whose estimated score (token overlap through the postings) is below this are not scored in full */
const CANDIDATE_MIN_ESTIMATE_PERSON = 0.3;
/** countries treated as agreeing (Hong Kong and Macau are under China for the EAR) */
const COUNTRY_GROUPS: string[][] = [['CN', 'HK', 'MO']];

function countriesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  return COUNTRY_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

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

/** token roles in a name record: 0 none, 1 patronymic, 2 the name after bin / ibn (a father's name) */
const ROLE_CODE = { patronymic: 1, father: 2 } as const;
/** flag on a record token romanised from Chinese characters or Hangul (recOrig holds the characters) */
const CJK_FLAG = 4;

interface QToken {
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

interface PreparedQuery {
  tokens: QToken[];
  total: number;
  legal: string[];
}

interface Pair {
  qi: number[];
  cj: number[];
  sim: number;
  kind: PairKind;
}

interface NameDetail {
  kind: 'name';
  rec: number;
  q: PreparedQuery;
  pairs: Pair[];
  qUnmatched: number[];
  cUnmatched: number[];
  notes: string[];
}

interface AddressDetail {
  kind: 'address';
  matched: string[];
  missing: string[];
  notes: string[];
}

interface Hit {
  entry: number;
  score: number;
  matchedOn: MatchedOn;
  matchedName: string;
  detail: NameDetail | AddressDetail;
}

interface AddressRecord {
  entry: number;
  text: string;
  country?: string;
  toks: AddressToken[];
  total: number;
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

  // vocabulary
  private readonly vocab = new Map<string, number>();
  private tokStr: string[] = [];
  private tokCls: TokenClass[] = [];
  private tokKey: string[] = [];
  /** other written forms of a canonical token (industries -> industry), for typo checks */
  private tokSurf = new Map<number, string[]>();
  private tokW!: Float64Array;
  private postRec: Int32Array[] = [];
  private postW: Float32Array[] = [];
  private readonly delIndex = new Map<string, number | number[]>();
  private readonly phonIndex = new Map<string, number | number[]>();
  private maxIdf = 1;

  // name records
  private recEntry!: Int32Array;
  /** -1 = primary name, else alias index */
  private recAlias!: Int32Array;
  private recWeak!: Uint8Array;
  private recTok: Int32Array[] = [];
  private recParen: Uint8Array[] = [];
  private recRole: Uint8Array[] = [];
  private recTokW: Float32Array[] = [];
  private recOrig: string[][] = [];
  private recLegal: string[] = [];
  private recTotal!: Float64Array;

  // address-only entries
  private addrRecs: AddressRecord[] = [];
  private readonly addrPost = new Map<string, number[]>();
  /** normalised addresses of ordinary entries, computed on first use */
  private readonly entryAddrCache = new Map<number, AddressToken[][]>();

  /** the entries' parsed dates of birth, filled on first use */
  private readonly dobCache = new Map<ListEntry, PartialDate[]>();

  // per-query scratch
  private acc!: Float64Array;
  private touched!: Int32Array;
  private nTouched = 0;

  private constructor(entries: ListEntry[], options: ScreeningIndexOptions) {
    this.entries = entries;
    this.size = entries.length;
    this.matchThreshold = options.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
    this.reviewThreshold = options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
    this.maxCandidates = options.maxCandidates ?? 30;
  }

  static build(entries: ListEntry[], options: ScreeningIndexOptions = {}): ScreeningIndex {
    const t0 = performance.now();
    const idx = new ScreeningIndex(entries, options);
    idx.buildNames();
    idx.buildAddresses();
    idx.buildMs = performance.now() - t0;
    return idx;
  }

  // ------------------------------------------------------------------------------------------
  // build

  private intern(t: string, cls: TokenClass): number {
    let id = this.vocab.get(t);
    if (id === undefined) {
      id = this.tokStr.length;
      this.vocab.set(t, id);
      this.tokStr.push(t);
      this.tokCls.push(cls);
    }
    return id;
  }

  private buildNames(): void {
    const recEntry: number[] = [];
    const recAlias: number[] = [];
    const recWeak: number[] = [];
    const recParen: Uint8Array[] = [];
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
          const at = ids.indexOf(id);
          if (at >= 0) {
            if (!tk.paren) paren[at] = 0;
            continue;
          }
          ids.push(id);
          paren.push(tk.paren ? 1 : 0);
          role.push((tk.role ? ROLE_CODE[tk.role] : 0) | (tk.cjk ? CJK_FLAG : 0));
          orig.push(tk.orig);
          if (tk.orig !== tk.t && /^[a-z]{5,}$/.test(tk.orig)) {
            const sf = this.tokSurf.get(id);
            if (!sf) this.tokSurf.set(id, [tk.orig]);
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
        this.recTok.push(Int32Array.from(ids));
        recParen.push(Uint8Array.from(paren));
        this.recRole.push(Uint8Array.from(role));
        this.recOrig.push(orig);
        this.recLegal.push(nn.legal.join(' '));
      }
    });
    const nRec = recEntry.length;
    this.recParen = recParen;
    this.recEntry = Int32Array.from(recEntry);
    this.recAlias = Int32Array.from(recAlias);
    this.recWeak = Uint8Array.from(recWeak);

    // document frequencies and weights
    const nTok = this.tokStr.length;
    const df = new Int32Array(nTok);
    for (const toks of this.recTok) for (const id of toks) df[id]++;
    const wl = wordLists();
    const clsFactor = (c: TokenClass) => (c === 'generic' ? wl.genericFactor : c === 'place' ? wl.placeFactor : 1);
    this.maxIdf = Math.log(1 + (nRec + 1));
    this.tokW = new Float64Array(nTok);
    for (let id = 0; id < nTok; id++) this.tokW[id] = Math.log(1 + nRec / Math.max(1, df[id])) * clsFactor(this.tokCls[id]);

    // postings
    const counts = new Int32Array(nTok);
    for (let id = 0; id < nTok; id++) {
      this.postRec.push(new Int32Array(df[id]));
      this.postW.push(new Float32Array(df[id]));
    }
    this.recTotal = new Float64Array(nRec);
    for (let r = 0; r < nRec; r++) {
      const toks = this.recTok[r];
      const w = new Float32Array(toks.length);
      let total = 0;
      for (let k = 0; k < toks.length; k++) {
        const id = toks[k];
        w[k] = this.tokW[id] * (recParen[r][k] ? PAREN_FACTOR : 1);
        total += w[k];
        const c = counts[id]++;
        this.postRec[id][c] = r;
        this.postW[id][c] = w[k];
      }
      this.recTokW.push(w);
      this.recTotal[r] = total;
    }

    // typo and phonetic neighbourhoods
    for (let id = 0; id < nTok; id++) {
      const t = this.tokStr[id];
      const key = phoneticKey(t);
      this.tokKey.push(key);
      if (this.tokCls[id] === 'number') continue;
      if (t.length >= 4) for (const d of deletions1(t)) pushMulti(this.delIndex, d, id);
      for (const sf of this.tokSurf.get(id) ?? []) for (const d of deletions1(sf)) pushMulti(this.delIndex, d, id);
      if (t.length < 4) continue;
      if (key) pushMulti(this.phonIndex, key, id);
    }
    this.acc = new Float64Array(nRec);
    this.touched = new Int32Array(nRec);
  }

  private buildAddresses(): void {
    this.entries.forEach((e, ei) => {
      if (e.type !== 'address') return;
      const texts = e.addresses.length ? e.addresses : [{ text: e.name, country: e.countries[0] }];
      for (const a of texts) {
        if (!a.text) continue;
        const toks = dedupeAddr(normaliseAddress(a.text));
        if (!toks.length) continue;
        const rec: AddressRecord = {
          entry: ei,
          text: a.text,
          country: a.country ?? e.countries[0],
          toks,
          total: toks.reduce((s, t) => s + ADDRESS_WEIGHTS[t.cls], 0),
        };
        const ri = this.addrRecs.length;
        this.addrRecs.push(rec);
        for (const t of toks) {
          if (t.cls !== 'number' && t.cls !== 'word') continue;
          let list = this.addrPost.get(t.t);
          if (!list) this.addrPost.set(t.t, (list = []));
          list.push(ri);
        }
      }
    });
  }

  // ------------------------------------------------------------------------------------------
  // screen

  screen(query: PartyQuery, opts: ScreenOptions = {}): ScreeningResult {
    const matchT = opts.matchThreshold ?? this.matchThreshold;
    const reviewT = opts.reviewThreshold ?? this.reviewThreshold;
    const limit = opts.limit ?? 10;
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

    if (query.address?.trim()) this.screenAddress(query.address, country, sources, minScore, keep, undefined);
    if (query.name && looksLikeAddress(query.name)) {
      this.screenAddress(query.name, country, sources, minScore, keep, 'address given in the name field');
    }
    if (query.address?.trim()) this.addressBoost(query.address, best);

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
      if (matches.length < limit) matches.push(this.toMatch(h, country));
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
    const seen = new Set<string>();
    for (const tk of this.splitJoined(nn.tokens, nn.legal)) {
      if (seen.has(tk.t)) continue;
      seen.add(tk.t);
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
      q.w = this.queryWeight(q, tk) * (tk.paren ? PAREN_FACTOR : 1);
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
      if (!this.vocab.has(t) && !tk.cjk && t.length >= 6) this.expandTypos(t, phoneticKey(t), () => (typo = true));
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
    this.expandTypos(q.t, q.key, (id) => {
      if (w < 0 || this.tokW[id] < w) w = this.tokW[id];
    });
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
        if (seen.has(id) || n >= MAX_EXPANSIONS) return;
        seen.add(id);
        const c = this.tokStr[id];
        if (c === t) return;
        let sim = 0;
        for (const form of [c, ...(this.tokSurf.get(id) ?? [])]) {
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
        if (seen.has(id) || n >= MAX_EXPANSIONS || this.tokStr[id] === t) return;
        if (!phoneticMatch(t, this.tokStr[id], key, this.tokKey[id])) return;
        seen.add(id);
        n++;
        fn(id, 0.8);
      });
    }
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
    // candidate generation
    this.nTouched = 0;
    const qt = q.tokens;
    for (let i = 0; i < qt.length; i++) {
      const tk = qt[i];
      if (tk.id >= 0) this.addPostings(tk.id, 1, tk.w);
      this.expandTypos(tk.t, tk.key, (id, sim) => this.addPostings(id, sim, tk.w));
      if (i + 1 < qt.length) {
        const cid = this.vocab.get(tk.t + qt[i + 1].t);
        if (cid !== undefined) this.addPostings(cid, SIM_COMPOUND, tk.w + qt[i + 1].w);
      }
      if (tk.id < 0 && tk.t.length >= 6) {
        // two words written as one (ramimakhlouf = rami + makhlouf): both halves lead to the record
        for (let k = 3; k <= tk.t.length - 3; k++) {
          const a = this.vocab.get(tk.t.slice(0, k));
          if (a === undefined) continue;
          const b = this.vocab.get(tk.t.slice(k));
          if (b === undefined) continue;
          this.addPostings(a, SIM_COMPOUND, tk.w / 2);
          this.addPostings(b, SIM_COMPOUND, tk.w / 2);
          break;
        }
      }
    }
    // bounded candidate set by estimated score
    // a person's name with a middle name or patronymic more scores well above its plain token overlap
    const estMin = Math.max(0.3, minScore - 0.3);
    const estMinPerson = Math.min(CANDIDATE_MIN_ESTIMATE_PERSON, estMin);
    const cands: { r: number; est: number }[] = [];
    for (let k = 0; k < this.nTouched; k++) {
      const r = this.touched[k];
      const est = this.acc[r] / (q.total + this.recTotal[r]);
      this.acc[r] = 0;
      if (est >= estMin) cands.push({ r, est });
      else if (est >= estMinPerson && query.type !== 'entity' && (query.type === 'individual' || this.entries[this.recEntry[r]].type === 'individual')) {
        cands.push({ r, est });
      }
    }
    cands.sort((a, b) => b.est - a.est);
    let scored = 0;
    const seenEntry = new Set<number>();
    for (const c of cands) {
      if (scored >= this.maxCandidates) break;
      const ei = this.recEntry[c.r];
      const e = this.entries[ei];
      if (sources && !sources.has(e.source)) continue;
      scored++;
      const person = query.type ? query.type === 'individual' : e.type === 'individual';
      const detail = this.alignRecord(q, c.r, person);
      let s = detail.score;
      const notes: string[] = [];
      if (note) notes.push(note);
      s -= penalty;
      if (
        query.type &&
        query.type !== e.type &&
        (e.type === 'vessel' || e.type === 'aircraft') &&
        this.recTok[c.r].length === 1 &&
        detail.detail.qUnmatched.length
      ) {
        // a one-word vessel or aircraft name (SUNRISE) inside a longer company or person name
        s *= NAME_FEATURES.singleTokenOtherType;
        notes.push(`one-word ${e.type} name inside a longer name`);
      }
      if (person && this.isCommonName(c.r, detail.detail)) {
        // a name made only of very common names (Zhang Wei, Kim Chol): a namesake is likely, review at most
        if (s > NAME_FEATURES.commonNameCap && !query.dateOfBirth && !query.identifiers?.length) {
          s = NAME_FEATURES.commonNameCap;
          notes.push('common name: held below match without a date of birth or identifier');
        }
      }
      if (this.recWeak[c.r]) {
        s -= ADJ.weakAlias;
        notes.push('weak (low-quality) alias');
      }
      s = this.adjust(s, e, query, country, notes);
      if (s < minScore) continue;
      seenEntry.add(ei);
      const alias = this.recAlias[c.r];
      keep({
        entry: ei,
        score: Math.max(0, Math.min(1, s)),
        matchedOn: alias < 0 ? 'name' : 'alias',
        matchedName: alias < 0 ? e.name : e.aliases[alias].name,
        detail: { ...detail.detail, notes },
      });
    }
  }

  /** At most three tokens, each short and frequent (NAME_FEATURES.commonNameMinRecords), all matched: Zhang Wei, Kim Chol. */
  private isCommonName(r: number, d: Omit<NameDetail, 'notes'>): boolean {
    const toks = this.recTok[r];
    if (toks.length > 3 || d.qUnmatched.length) return false;
    for (let k = 0; k < toks.length; k++) {
      if (this.tokStr[toks[k]].length > 5 || this.postRec[toks[k]].length < NAME_FEATURES.commonNameMinRecords) return false;
    }
    return true;
  }

  /** Full one-to-one token alignment of the query with one name record. */
  private alignRecord(q: PreparedQuery, r: number, person = false): { score: number; detail: Omit<NameDetail, 'notes'> } {
    const qt = q.tokens;
    const ct = this.recTok[r];
    const cw = this.recTokW[r];
    const m = qt.length;
    const n = ct.length;
    const qm = new Uint8Array(m);
    const cm = new Uint8Array(n);
    const pairs: Pair[] = [];
    let num = 0;
    const roles = this.recRole[r];
    // both written in Chinese characters or Hangul: the characters must agree, not only their reading
    const sameScript = (i: number, j: number) => qt[i].cjk && (roles[j] & CJK_FLAG) !== 0;
    // exact (after canonicalisation)
    for (let i = 0; i < m; i++) {
      const id = qt[i].id;
      if (id < 0) continue;
      for (let j = 0; j < n; j++) {
        if (!cm[j] && ct[j] === id && !(sameScript(i, j) && qt[i].orig !== this.recOrig[r][j])) {
          qm[i] = cm[j] = 1;
          num += qt[i].w + cw[j];
          pairs.push({ qi: [i], cj: [j], sim: 1, kind: qt[i].orig === this.recOrig[r][j] ? 'exact' : 'variant' });
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
          if (!cm[j] && this.tokStr[ct[j]] === joined) {
            qm[i] = qm[i + 1] = cm[j] = 1;
            num += SIM_COMPOUND * (qt[i].w + qt[i + 1].w + cw[j]);
            pairs.push({ qi: [i, i + 1], cj: [j], sim: SIM_COMPOUND, kind: 'compound' });
            break;
          }
        }
      }
      for (let j = 0; j + 1 < n; j++) {
        if (cm[j] || cm[j + 1]) continue;
        const joined = this.tokStr[ct[j]] + this.tokStr[ct[j + 1]];
        for (let i = 0; i < m; i++) {
          if (!qm[i] && qt[i].t === joined) {
            qm[i] = cm[j] = cm[j + 1] = 1;
            num += SIM_COMPOUND * (qt[i].w + cw[j] + cw[j + 1]);
            pairs.push({ qi: [i], cj: [j, j + 1], sim: SIM_COMPOUND, kind: 'compound' });
            break;
          }
        }
      }
      // three words written as one, either way (Pricewater House Coopers / PricewaterhouseCoopers)
      for (let i = 0; i + 2 < m; i++) {
        if (qm[i] || qm[i + 1] || qm[i + 2]) continue;
        const joined = qt[i].t + qt[i + 1].t + qt[i + 2].t;
        for (let j = 0; j < n; j++) {
          if (!cm[j] && this.tokStr[ct[j]] === joined) {
            qm[i] = qm[i + 1] = qm[i + 2] = cm[j] = 1;
            num += SIM_COMPOUND * (qt[i].w + qt[i + 1].w + qt[i + 2].w + cw[j]);
            pairs.push({ qi: [i, i + 1, i + 2], cj: [j], sim: SIM_COMPOUND, kind: 'compound' });
            break;
          }
        }
      }
      for (let j = 0; j + 2 < n; j++) {
        if (cm[j] || cm[j + 1] || cm[j + 2]) continue;
        const joined = this.tokStr[ct[j]] + this.tokStr[ct[j + 1]] + this.tokStr[ct[j + 2]];
        for (let i = 0; i < m; i++) {
          if (!qm[i] && qt[i].t === joined) {
            qm[i] = cm[j] = cm[j + 1] = cm[j + 2] = 1;
            num += SIM_COMPOUND * (qt[i].w + cw[j] + cw[j + 1] + cw[j + 2]);
            pairs.push({ qi: [i], cj: [j, j + 1, j + 2], sim: SIM_COMPOUND, kind: 'compound' });
            break;
          }
        }
      }
      // the same letters split differently (Arefullaha Ref / Arefullah Aref)
      for (let i = 0; i + 1 < m; i++) {
        if (qm[i] || qm[i + 1]) continue;
        const joined = qt[i].t + qt[i + 1].t;
        for (let j = 0; j + 1 < n; j++) {
          if (!cm[j] && !cm[j + 1] && this.tokStr[ct[j]] + this.tokStr[ct[j + 1]] === joined) {
            qm[i] = qm[i + 1] = cm[j] = cm[j + 1] = 1;
            num += SIM_COMPOUND * (qt[i].w + qt[i + 1].w + cw[j] + cw[j + 1]);
            pairs.push({ qi: [i, i + 1], cj: [j, j + 1], sim: SIM_COMPOUND, kind: 'compound' });
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
          // Bitap (fuse.js) only between distinctive words: Nanjing is not Tianjin
          // nor between personal names: Abdurrahim is not Abdurrahman, Sancho is not Sanchez
          const fo = { noFuzzy: person || qt[i].cls !== 'core' || this.tokCls[ct[j]] !== 'core' };
          let f = fuzzyTokenSim(qt[i].t, this.tokStr[ct[j]], qt[i].id >= 0, qt[i].key, this.tokKey[ct[j]], fo);
          for (const sf of this.tokSurf.get(ct[j]) ?? []) {
            const g = fuzzyTokenSim(qt[i].t, sf, qt[i].id >= 0, undefined, undefined, fo);
            if (g && (!f || g.sim > f.sim)) f = g;
          }
          if (!f && person) {
            // a given name written as its initial (Hans J Friedrich / Hans Joachim Friedrich)
            const a = qt[i].t;
            const b = this.tokStr[ct[j]];
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
        if (!cm[j] || sameScript(i, j)) continue;
        const f = fuzzyTokenSim(qt[i].t, this.tokStr[ct[j]], qt[i].id >= 0, qt[i].key, this.tokKey[ct[j]]);
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
    let den = q.total + this.recTotal[r];
    const cp = this.recParen[r];
    const qLeft = qUnmatched.filter((i) => !q.tokens[i].paren);
    const cLeft = cUnmatched.filter((j) => !cp[j]);
    if (qLeft.length && cLeft.length) {
      // both names have words the other lacks: a substitution (X Technology vs X Trading) is a different firm
      for (const i of qLeft) if (qt[i].cls === 'generic' || qt[i].cls === 'place') den += qt[i].w * (CONFLICT_BOOST - 1);
      for (const j of cLeft) {
        const c = this.tokCls[ct[j]];
        if (c === 'generic' || c === 'place') den += cw[j] * (CONFLICT_BOOST - 1);
      }
    }
    if (person && (qLeft.length || cLeft.length)) {
      const coreLeft = (w: number, cls: TokenClass) => cls !== 'generic' && cls !== 'place' && w > 0;
      if (qLeft.length && cLeft.length) {
        // both sides have names the other lacks: a different person with some names in common
        for (const i of qLeft) if (qt[i].role !== 1 && coreLeft(qt[i].w, qt[i].cls)) den += qt[i].w * (NAME_FEATURES.personSubstitutionBoost - 1);
        for (const j of cLeft) if ((roles[j] & 3) !== 1 && coreLeft(cw[j], this.tokCls[ct[j]])) den += cw[j] * (NAME_FEATURES.personSubstitutionBoost - 1);
      } else if (pairs.length >= 2) {
        // one side has a middle name or patronymic more: it counts less
        const extra = (w: number, role: number) => w * (1 - (role === 1 ? NAME_FEATURES.personExtraPatronymic : NAME_FEATURES.personExtraName));
        for (const i of qLeft) den -= extra(qt[i].w, qt[i].role);
        for (const j of cLeft) den -= extra(cw[j], roles[j] & 3);
      }
    }
    let score = num / den;
    if (qLeft.length || cLeft.length) {
      const distinctive = pairs.some((p) => p.qi.some((i) => qt[i].cls === 'core' || qt[i].cls === 'number'));
      if (!distinctive) score *= GENERIC_ONLY_FACTOR;
    }
    if ((n === 1 && qLeft.length && this.tokStr[ct[0]].length <= 4) || (m === 1 && cLeft.length && qt[0].t.length <= 4)) {
      score *= ACRONYM_ONLY_FACTOR;
    }
    return { score, detail: { kind: 'name', rec: r, q, pairs, qUnmatched, cUnmatched } };
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
        if (s >= 0.7) s = Math.min(1, s + ADJ.countryAgree);
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

  private screenAddress(
    text: string,
    country: string | undefined,
    sources: Set<ListCode> | undefined,
    minScore: number,
    keep: (h: Hit) => void,
    note: string | undefined,
  ): void {
    if (!this.addrRecs.length) return;
    const qtoks = dedupeAddr(normaliseAddress(text));
    if (!qtoks.length) return;
    const cand = new Set<number>();
    const qset = new Map<string, AddressToken>();
    for (const t of qtoks) qset.set(t.t, t);
    for (const t of qtoks) {
      if (t.cls !== 'number' && t.cls !== 'word') continue;
      for (const ri of this.addrPost.get(t.t) ?? []) cand.add(ri);
    }
    // a joined or split word ("wanchai" / "wan chai") is also a way in
    for (let i = 0; i + 1 < qtoks.length; i++) {
      for (const ri of this.addrPost.get(qtoks[i].t + qtoks[i + 1].t) ?? []) cand.add(ri);
    }
    const qTotal = qtoks.reduce((s, t) => s + ADDRESS_WEIGHTS[t.cls], 0);
    for (const ri of cand) {
      const a = this.addrRecs[ri];
      const e = this.entries[a.entry];
      if (sources && !sources.has(e.source)) continue;
      const { score, matched, missing } = addressSimilarity(qtoks, qTotal, a);
      let s = score;
      const notes: string[] = [];
      if (note) notes.push(note);
      if (country && a.country) {
        if (countriesAgree(country, a.country)) notes.push(`country ${country} agrees`);
        else {
          s -= ADJ.addressCountryDisagree;
          notes.push(`country ${country} differs from ${a.country}`);
        }
      }
      if (s < minScore) continue;
      keep({
        entry: a.entry,
        score: Math.max(0, Math.min(1, s)),
        matchedOn: 'address',
        matchedName: a.text,
        detail: { kind: 'address', matched, missing, notes },
      });
    }
  }

  /** A name hit whose entry also lists the query's address gets a little more confidence. */
  private addressBoost(address: string, best: Map<string, Hit>): void {
    let qtoks: AddressToken[] | undefined;
    for (const h of best.values()) {
      if (h.detail.kind !== 'name' || h.score >= 1) continue;
      const e = this.entries[h.entry];
      if (!e.addresses.some((a) => a.text)) continue;
      qtoks ??= dedupeAddr(normaliseAddress(address));
      const qTotal = qtoks.reduce((s, t) => s + ADDRESS_WEIGHTS[t.cls], 0);
      let cached = this.entryAddrCache.get(h.entry);
      if (!cached) {
        cached = e.addresses.filter((a) => a.text).map((a) => dedupeAddr(normaliseAddress(a.text)));
        this.entryAddrCache.set(h.entry, cached);
      }
      let bestA = 0;
      for (const toks of cached) {
        const total = toks.reduce((s, t) => s + ADDRESS_WEIGHTS[t.cls], 0);
        bestA = Math.max(bestA, addressSimilarity(qtoks, qTotal, { toks, total } as AddressRecord).score);
      }
      if (bestA >= 0.85) {
        h.score = Math.min(1, h.score + ADJ.addressAgreeBoost);
        h.detail.notes.push('address agrees with a listed address');
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // output

  private toMatch(h: Hit, country: string | undefined): ScreeningMatch {
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
      explanation: this.explain(h, country),
    };
    return m;
  }

  private explain(h: Hit, _country: string | undefined): string {
    const d = h.detail;
    if (d.kind === 'address') {
      const parts = [`address matches ${d.matched.join(' ')}`];
      if (d.missing.length) parts.push(`not in query: ${d.missing.join(' ')}`);
      return [...parts, ...d.notes].join('; ');
    }
    const orig = this.recOrig[d.rec];
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
        p.kind === 'exact'
          ? ''
          : p.kind === 'variant'
            ? ' (same word)'
            : p.kind === 'swapped'
              ? " (father's name on the other side of bin/ibn)"
              : ` (${p.kind})`;
      return `${qs}${label[p.kind]}${cs}${kind}`;
    });
    const parts = [`${h.matchedOn === 'alias' ? 'alias' : 'name'} tokens ${toks.join(', ') || 'none'}`];
    if (d.qUnmatched.length) parts.push(`only in query: ${d.qUnmatched.map((i) => q[i].orig).join(' ')}`);
    if (d.cUnmatched.length) parts.push(`only in entry: ${d.cUnmatched.map((j) => orig[j]).join(' ')}`);
    const legal = [...new Set([...d.q.legal, ...this.recLegal[d.rec].split(' ').filter(Boolean)])];
    if (legal.length) parts.push(`legal form ${legal.join(' ')} ignored`);
    return [...parts, ...d.notes].join('; ');
  }

  /** Entry by position (for tools). */
  entryAt(i: number): ListEntry {
    return this.entries[i];
  }

  /** Number of name records (primary names and distinct aliases). */
  get nameRecordCount(): number {
    return this.recTok.length;
  }
}

function addressLine(a: { text: string; country?: string }): string {
  if (!a.text) return a.country ?? '';
  if (!a.country || new RegExp(`\\b${a.country}$`).test(a.text)) return a.text;
  return `${a.text}, ${a.country}`;
}

function dedupeAddr(toks: AddressToken[]): AddressToken[] {
  const seen = new Set<string>();
  return toks.filter((t) => (seen.has(t.t) ? false : (seen.add(t.t), true)));
}

/**
 * Address similarity: weighted coverage of the listed address's tokens by the query (numbers and
 * street/building words count, "road" or "Hong Kong" hardly), with a little precision.
 */
function addressSimilarity(
  qtoks: AddressToken[],
  qTotal: number,
  a: Pick<AddressRecord, 'toks' | 'total'>,
): { score: number; matched: string[]; missing: string[] } {
  const qUsed = new Uint8Array(qtoks.length);
  const qIndex = new Map<string, number>();
  qtoks.forEach((t, i) => qIndex.set(t.t, i));
  let cov = 0;
  let prec = 0;
  const matched: string[] = [];
  const missing: string[] = [];
  for (let j = 0; j < a.toks.length; j++) {
    const t = a.toks[j];
    const w = ADDRESS_WEIGHTS[t.cls];
    let i = qIndex.get(t.t);
    let sim = 1;
    if (i === undefined || qUsed[i]) {
      i = undefined;
      // compound: listed "wanchai" vs query "wan chai" handled by canon; generic join of two query tokens
      for (let k = 0; k + 1 < qtoks.length && i === undefined; k++) {
        if (!qUsed[k] && qtoks[k].t + qtoks[k + 1].t === t.t) {
          i = k;
          qUsed[k + 1] = 1;
          prec += ADDRESS_WEIGHTS[qtoks[k + 1].cls];
          sim = SIM_COMPOUND;
        }
      }
      if (i === undefined && t.cls === 'word' && t.t.length >= 5) {
        for (let k = 0; k < qtoks.length; k++) {
          if (qUsed[k] || qtoks[k].cls !== 'word' || qtoks[k].t.length < 5) continue;
          if (osaDistance(qtoks[k].t, t.t, 1) <= 1) {
            i = k;
            sim = 0.85;
            break;
          }
        }
      }
    }
    if (i === undefined) {
      missing.push(t.orig);
      continue;
    }
    qUsed[i] = 1;
    cov += w * sim;
    prec += ADDRESS_WEIGHTS[qtoks[i].cls];
    matched.push(t.orig);
  }
  const c = a.total ? cov / a.total : 0;
  const p = qTotal ? prec / qTotal : 0;
  return { score: 0.85 * c + 0.15 * p, matched, missing };
}

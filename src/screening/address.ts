/**
 * Address matching: address-only list entries (OFAC, BIS addresses) get their own token index; a query
 * address is scored against them by weighted coverage of the listed address's tokens; a name hit whose
 * entry also lists the query's address gets a little more confidence. Weights in params.ts ADDRESS.
 */
import { ListCode, ListEntry } from '../lists/list-entry';
import { ADDRESS_WEIGHTS, AddressToken, normaliseAddress } from './normalise';
import { ADDRESS, countriesAgree, ENTITY_FEATURES, TOKEN_SIM } from './params';
import { osaDistance } from './similarity';

export interface AddressDetail {
  kind: 'address';
  matched: string[];
  missing: string[];
  notes: string[];
}

export interface AddressRecord {
  entry: number;
  text: string;
  country?: string;
  toks: AddressToken[];
  total: number;
}

/** A hit on an address-only entry. */
export interface AddressHit {
  entry: number;
  score: number;
  matchedOn: 'address';
  matchedName: string;
  detail: AddressDetail;
}

/** What the address boost reads and changes on a hit. */
export interface NameHitView {
  entry: number;
  score: number;
  detail: { kind: string; notes: string[] };
}

export class AddressIndex {
  private readonly addrRecs: AddressRecord[] = [];
  private readonly addrPost = new Map<string, number[]>();
  /** normalised addresses of ordinary entries, computed on first use */
  private readonly entryAddrCache = new Map<number, AddressToken[][]>();

  constructor(private readonly entries: ListEntry[]) {
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

  screen(
    text: string,
    country: string | undefined,
    sources: Set<ListCode> | undefined,
    minScore: number,
    keep: (h: AddressHit) => void,
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
          s -= ENTITY_FEATURES.addressCountryDisagree;
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
  boost(address: string, nameHits: Iterable<NameHitView>): void {
    let qtoks: AddressToken[] | undefined;
    for (const h of nameHits) {
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
      if (bestA >= ADDRESS.agreeMinSimilarity) {
        h.score = Math.min(1, h.score + ENTITY_FEATURES.addressAgreeBoost);
        h.detail.notes.push('address agrees with a listed address');
      }
    }
  }
}

/** One line a person understands for an address hit. */
export function explainAddress(d: AddressDetail): string {
  const parts = [`address matches ${d.matched.join(' ')}`];
  if (d.missing.length) parts.push(`not in query: ${d.missing.join(' ')}`);
  return [...parts, ...d.notes].join('; ');
}

/** text ends with word, at the start or after a non-word character (as /\bword$/ for a word of letters) */
function endsWithWord(text: string, word: string): boolean {
  if (!text.endsWith(word)) return false;
  const i = text.length - word.length;
  return i === 0 || !/\w/.test(text[i - 1]);
}

export function addressLine(a: { text: string; country?: string }): string {
  if (!a.text) return a.country ?? '';
  if (!a.country || endsWithWord(a.text, a.country)) return a.text;
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
          sim = TOKEN_SIM.compound;
        }
      }
      if (i === undefined && t.cls === 'word' && t.t.length >= ADDRESS.fuzzyWordMinLength) {
        for (let k = 0; k < qtoks.length; k++) {
          if (qUsed[k] || qtoks[k].cls !== 'word' || qtoks[k].t.length < ADDRESS.fuzzyWordMinLength) continue;
          if (osaDistance(qtoks[k].t, t.t, 1) <= 1) {
            i = k;
            sim = ADDRESS.fuzzyWordSim;
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
  return { score: ADDRESS.coverageShare * c + (1 - ADDRESS.coverageShare) * p, matched, missing };
}

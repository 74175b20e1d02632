/**
 * The accelerator catalog (data/catalog/accelerators.json) and free-text model
 * resolution. Matching is token based and case-insensitive: "H-100", "h100 sxm5 80gb"
 * and "NVIDIA H100 80GB HBM3 SXM" all reduce to the tokens [h, 100, sxm …].
 * Confusable models never meet: tokens compare whole ("h 20" never matches
 * "h 200"), the longest alias wins ("rtx 4090 d" over "rtx 4090"), and a letter
 * glued to a model number ("4090D", "A100X") blocks the shorter alias, so an
 * unknown variant is reported as unknown instead of being guessed.
 */
import type { CatalogEntry, Resolution } from './types';

/** Words that say nothing about which part it is. */
const NOISE = new Set([
  'nvidia',
  'amd',
  'intel',
  'habana',
  'huawei',
  'google',
  'geforce',
  'tesla',
  'instinct',
  'the',
  'gpu',
  'gpus',
  'dell',
  'hpe',
  'lenovo',
  'supermicro',
  'card',
  'graphics',
  'accelerator',
  'tensor',
  'core',
  'datacenter',
  'data',
  'center',
  'centre',
  'module',
  'with',
]);
const MEMORY_UNITS = new Set(['gb', 'g', 'tb', 'gib']);
const MEMORY_TYPES = new Set(['hbm', 'gddr', 'ddr', 'lpddr']);

interface Token {
  t: string;
  /** true when this token was glued to the previous one in the text (no separator) */
  glued: boolean;
}

/** Lower-case tokens, split at separators and at letter/digit boundaries, noise removed. */
export function tokenize(text: string): Token[] {
  const raw: Token[] = [];
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const parts = word.match(/[a-z]+|[0-9]+/g) ?? [];
    parts.forEach((t, i) => raw.push({ t, glued: i > 0 }));
  }
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const { t } = raw[i];
    // "80GB", "141 GB": the number and its unit describe memory, not the model
    if (/^\d+$/.test(t) && i + 1 < raw.length && MEMORY_UNITS.has(raw[i + 1].t)) {
      i++;
      continue;
    }
    // "HBM3e", "GDDR6X": the memory type and its generation
    if (MEMORY_TYPES.has(t)) {
      while (i + 1 < raw.length && raw[i + 1].glued && (/^\d+$/.test(raw[i + 1].t) || /^(e|x|w)$/.test(raw[i + 1].t))) i++;
      continue;
    }
    if (NOISE.has(t)) continue;
    out.push(raw[i]);
  }
  return out;
}

export function normalisePartNumber(pn: string): string {
  return pn.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Where `alias` occurs as a contiguous run in `input`, the run's end index, or -1. */
function findRun(input: Token[], alias: string[]): number {
  outer: for (let s = 0; s + alias.length <= input.length; s++) {
    for (let k = 0; k < alias.length; k++) if (input[s + k].t !== alias[k]) continue outer;
    const end = s + alias.length;
    // a letter glued onto a trailing model number makes it a different part ("4090D", "A100X")
    const last = alias[alias.length - 1];
    if (end < input.length && input[end].glued && /^\d+$/.test(last) && /^[a-z]+$/.test(input[end].t)) continue;
    return end;
  }
  return -1;
}

interface AliasIndex {
  entry: CatalogEntry;
  tokens: string[];
  text: string;
  isDefault: boolean;
}

export class Catalog {
  private readonly byId = new Map<string, CatalogEntry>();
  private readonly byPart = new Map<string, CatalogEntry>();
  private readonly aliases: AliasIndex[] = [];

  constructor(readonly entries: readonly CatalogEntry[]) {
    for (const e of entries) {
      if (this.byId.has(e.id)) throw new Error(`catalog: duplicate id ${e.id}`);
      this.byId.set(e.id, e);
      for (const pn of e.partNumbers) this.byPart.set(normalisePartNumber(pn), e);
      const add = (text: string, isDefault: boolean) => {
        const tokens = tokenize(text).map((x) => x.t);
        if (tokens.length) this.aliases.push({ entry: e, tokens, text, isDefault });
      };
      add(e.model, false);
      e.aliases.forEach((a) => add(a, false));
      e.defaultAliases.forEach((a) => add(a, true));
    }
    for (const e of entries) {
      if (e.contains && !this.byId.has(e.contains)) throw new Error(`catalog: ${e.id} contains unknown ${e.contains}`);
      for (const v of e.variants ?? []) if (!this.byId.has(v)) throw new Error(`catalog: ${e.id} lists unknown variant ${v}`);
    }
  }

  find(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  /**
   * Resolve free text (and optionally a part number) to one catalog entry, or
   * undefined when nothing matches unambiguously. Never guesses between two
   * different parts: a tie between distinct entries returns undefined.
   */
  resolve(text: string, partNumber?: string): Resolution | undefined {
    if (partNumber) {
      const e = this.byPart.get(normalisePartNumber(partNumber));
      if (e) return { entry: e, confidence: 1, matchedOn: 'partNumber', matched: partNumber };
    }
    if (!text) return undefined;
    const exact = this.byId.get(text.trim().toLowerCase());
    if (exact) return { entry: exact, confidence: 1, matchedOn: 'id', matched: exact.id };
    // a part number typed into the model field
    const asPart = this.byPart.get(normalisePartNumber(text));
    if (asPart) return { entry: asPart, confidence: 1, matchedOn: 'partNumber', matched: text };

    const input = tokenize(text);
    let best: AliasIndex[] = [];
    let bestScore = -1;
    const hits: { a: AliasIndex; score: number }[] = [];
    for (const a of this.aliases) {
      if (findRun(input, a.tokens) < 0) continue;
      // longer aliases are more specific; an exact alias beats a family default of the same length
      const score = a.tokens.length * 2 + (a.isDefault ? 0 : 1);
      hits.push({ a, score });
      if (score > bestScore) {
        best = [a];
        bestScore = score;
      } else if (score === bestScore) best.push(a);
    }
    const server = this.serverNamedWithGpu(text, input, hits);
    if (server !== undefined) return server ?? undefined;
    const distinct = new Set(best.map((a) => a.entry.id));
    if (distinct.size !== 1) return undefined;
    const hit = best[0];
    // unmatched model-looking tokens lower the confidence a little (e.g. a typo'd suffix)
    const used = hit.tokens.length;
    const extra = input.length - used;
    const confidence = hit.isDefault ? 0.75 : Math.max(0.8, 1 - 0.03 * extra);
    return {
      entry: hit.entry,
      confidence: Math.round(confidence * 100) / 100,
      matchedOn: hit.isDefault ? 'defaultAlias' : 'alias',
      matched: hit.text,
      note: hit.isDefault
        ? `"${text}" does not name the variant; taken as ${hit.entry.model}, the more common one${hit.entry.notes ? ` (${hit.entry.notes})` : ''}`
        : undefined,
    };
  }

  /**
   * A server or system named together with the GPU it holds ("Supermicro SYS-821GE-TNHR (HGX H200 8-GPU)",
   * "Dell XE9680 with 8x H200"): the server decides the count, the GPU named decides the accelerator.
   * undefined = no server in the text (resolve as usual); null = a GPU the server cannot hold (unknown, fail closed).
   */
  private serverNamedWithGpu(text: string, input: Token[], hits: { a: AliasIndex; score: number }[]): Resolution | null | undefined {
    const isServer = (e: CatalogEntry) => !!e.contains && (e.kind === 'server' || e.kind === 'system');
    const servers = hits.filter((h) => isServer(h.a.entry)).sort((x, y) => y.score - x.score);
    if (!servers.length) return undefined;
    const top = servers.filter((h) => h.score === servers[0].score);
    if (new Set(top.map((h) => h.a.entry.id)).size !== 1) return undefined;
    const s = top[0].a;
    // the GPU named elsewhere in the text: a chip alias, or a board alias (its chip)
    const gpus = hits
      .filter((h) => !isServer(h.a.entry))
      .map((h) => ({ score: h.score, chip: h.a.entry.contains ? this.byId.get(h.a.entry.contains)! : h.a.entry }))
      .sort((x, y) => y.score - x.score);
    const topGpu = gpus.filter((g) => g.score === gpus[0]?.score);
    if (new Set(topGpu.map((g) => g.chip.id)).size > 1) return undefined;
    const gpu = topGpu[0]?.chip;
    const extra = input.length - s.tokens.length;
    const confidence = Math.round(Math.max(0.8, 1 - 0.03 * Math.max(0, extra - (gpu ? 3 : 0))) * 100) / 100;
    const plain: Resolution = { entry: s.entry, confidence, matchedOn: 'alias', matched: s.text };
    if (!gpu || gpu.id === s.entry.contains) return plain;
    if ((s.entry.variants ?? []).includes(gpu.id)) {
      return { ...plain, contained: gpu, note: `"${text}" names the GPU: ${s.entry.model} holding ${s.entry.acceleratorsPerUnit} x ${gpu.model}` };
    }
    // a sibling entry of the same server family that holds the GPU named ("XE9680" + "H200" -> XE9680 H200)
    const sibling = this.entries.find(
      (e) =>
        isServer(e) &&
        e.contains === gpu.id &&
        [e.model, ...e.aliases].some((al) => {
          const t = tokenize(al).map((x) => x.t);
          return s.tokens.every((tok, i) => t[i] === tok);
        }),
    );
    if (sibling) return { entry: sibling, confidence, matchedOn: 'alias', matched: s.text, note: `"${text}" names the GPU: taken as ${sibling.model}` };
    return null;
  }

  /** Case-insensitive filter over model, vendor, aliases, part numbers and id. */
  search(q?: string): CatalogEntry[] {
    if (!q || !q.trim()) return [...this.entries];
    const needle = q.trim().toLowerCase();
    const resolved = this.resolve(q);
    return this.entries.filter(
      (e) =>
        e.id === resolved?.entry.id || [e.id, e.model, e.vendor, ...(e.aliases ?? []), ...(e.partNumbers ?? [])].some((s) => s.toLowerCase().includes(needle)),
    );
  }
}

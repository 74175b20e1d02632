/**
 * A set of string keys -> (first account, count), for a million accounts with ~4 M keys: open addressing over
 * one typed array keyed by a 64-bit hash of the key (two independent 32-bit FNV-1a style hashes), so no string
 * is kept per key and the garbage collector has nothing to walk. Two different keys share a 64-bit hash with
 * a probability of about n^2 / 2^65 (4e-7 for 4 M keys): a false link between two accounts that rare is
 * accepted. The text of a key is kept only once it is seen a second time (the shared values, few).
 */
export class KeyTable {
  /** per slot 4 ints, one cache line per probe: hash 1, hash 2, first index + 1 (0 = empty), count */
  private slots: Int32Array;
  private mask: number;
  private used = 0;
  /** slot -> key text, for keys seen twice or more */
  private shared = new Map<number, string>();

  constructor(initialSlots = 1 << 16) {
    let n = 1;
    while (n < initialSlots) n <<= 1;
    this.slots = new Int32Array(n * 4);
    this.mask = n - 1;
  }

  get size(): number {
    return this.used;
  }

  /**
   * Records that `index` holds the key (seed, text); returns the first index that held it and the count
   * including this one, or first = -1 when the key is new. On its second sighting the key's text is kept as
   * `${prefix}\u0000${text}`.
   */
  add(seed: number, text: string, index: number, prefix: string): { first: number; count: number } {
    let a = (0x811c9dc5 ^ seed) | 0;
    let b = (0x01000193 + Math.imul(seed, 0x9e3779b1)) | 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    const s = this.slots;
    let slot = a & this.mask;
    for (;;) {
      const at = slot << 2;
      const f = s[at + 2];
      if (f === 0) break;
      if (s[at] === a && s[at + 1] === b) {
        const count = ++s[at + 3];
        if (count === 2) this.shared.set(slot, `${prefix}\u0000${text}`);
        return { first: f - 1, count };
      }
      slot = (slot + 1) & this.mask;
    }
    const at = slot << 2;
    s[at] = a;
    s[at + 1] = b;
    s[at + 2] = index + 1;
    s[at + 3] = 1;
    if (++this.used * 2 > this.mask) this.grow();
    return { first: -1, count: 1 };
  }

  /** (first index, count, text) of every key seen at least twice. */
  *sharedKeys(): Generator<{ first: number; count: number; text: string }> {
    for (const [slot, text] of this.shared) yield { first: this.slots[(slot << 2) + 2] - 1, count: this.slots[(slot << 2) + 3], text };
  }

  private grow(): void {
    const old = this.slots;
    const n = (this.mask + 1) * 2;
    const s = new Int32Array(n * 4);
    const mask = n - 1;
    const shared = new Map<number, string>();
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 2] === 0) continue;
      let t = old[from] & mask;
      while (s[(t << 2) + 2] !== 0) t = (t + 1) & mask;
      const to = t << 2;
      s[to] = old[from];
      s[to + 1] = old[from + 1];
      s[to + 2] = old[from + 2];
      s[to + 3] = old[from + 3];
      const text = this.shared.get(from >> 2);
      if (text !== undefined) shared.set(t, text);
    }
    this.slots = s;
    this.mask = mask;
    this.shared = shared;
  }
}

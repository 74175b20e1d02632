/**
 * A built ScreeningIndex written to bytes and read back, so that a short-lived process (`chipguard screen`) need
 * not rebuild the index of ~19k entries on every call. The encoding follows the index's own fields by their
 * kind, not by their names (typed arrays, arrays of typed arrays, of strings, string-keyed maps of ids, plain
 * data as JSON, anything else through v8.serialize), so it keeps working when the index's fields change.
 * Class instances among the fields get their prototype from a freshly built empty index.
 * Safety: the snapshot carries the answers of a few probe queries made on the built index; restoreIndex()
 * repeats them on the restored one and refuses the snapshot (throws) unless every answer is identical.
 */
import { deserialize, serialize } from 'v8';
import { ScreeningIndex } from './screening-index';
import type { PartyQuery } from './types';

type Node =
  | { k: 'undef' }
  | { k: 'json'; v: unknown }
  | { k: 'typed'; t: string; b: number }
  | { k: 'typedList'; t: string; b: number; offsets: number }
  | { k: 'strings'; b: number; count: number }
  | { k: 'stringLists'; b: number; offsets: number }
  | { k: 'idMap'; keys: number; keyOffsets: number; lens: number; ids: number }
  | { k: 'emptyMap' }
  | { k: 'emptySet' }
  | { k: 'jsonBlob'; b: number; map?: boolean }
  | { k: 'jsonList'; b: number; offsets: number }
  | { k: 'v8'; b: number }
  | { k: 'object'; plain: boolean; props: [string, Node][] };

interface Header {
  format: 1;
  root: Node;
  probes: { query: PartyQuery; answer: string }[];
}

const FORMAT = 1;
const SEP = '\u0000';
const TYPED: Record<string, new (b: ArrayBuffer) => ArrayLike<number> & ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

/** The index as bytes (call it right after build(): the per-query caches are empty then). */
export function snapshotIndex(index: ScreeningIndex): Buffer {
  const blobs: Buffer[] = [];
  const add = (b: Buffer | ArrayBufferView): number => {
    blobs.push(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return blobs.length - 1;
  };
  const root = encodeObject(index as unknown as Record<string, unknown>, add, false);
  const header: Header = { format: FORMAT, root, probes: probeQueries(index).map((query) => ({ query, answer: JSON.stringify(index.screen(query)) })) };
  const head = Buffer.from(JSON.stringify({ ...header, blobs: blobs.map((b) => b.length) }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  return Buffer.concat([len, head, ...blobs]);
}

/** The index back from snapshotIndex()'s bytes; throws when they do not restore an identical index. */
export function restoreIndex(data: Buffer): ScreeningIndex {
  const headLen = data.readUInt32LE(0);
  const header = JSON.parse(data.subarray(4, 4 + headLen).toString('utf8')) as Header & { blobs: number[] };
  if (header.format !== FORMAT) throw new Error(`index snapshot format ${header.format}, expected ${FORMAT}`);
  const starts: number[] = [];
  let at = 4 + headLen;
  for (const n of header.blobs) {
    starts.push(at);
    at += n;
  }
  if (at !== data.length) throw new Error('index snapshot is truncated');
  const blob = (i: number) => data.subarray(starts[i], starts[i] + header.blobs[i]);
  const template = ScreeningIndex.build([]);
  const index = decode(header.root, blob, template, Object.getPrototypeOf(template)) as ScreeningIndex;
  for (const p of header.probes) {
    if (JSON.stringify(index.screen(p.query)) !== p.answer) throw new Error('index snapshot does not answer as the built index did');
  }
  return index;
}

// ---------------------------------------------------------------------------------------------

function isPlain(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function typedName(v: unknown): string | undefined {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return undefined;
  const name = v.constructor.name;
  return name in TYPED ? name : undefined;
}

function isJsonSafe(v: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => x !== undefined && isJsonSafe(x, depth + 1));
  if (typeof v === 'object' && isPlain(v)) return Object.values(v).every((x) => x === undefined || isJsonSafe(x, depth + 1));
  return false;
}

const isInt32 = (n: unknown): n is number => typeof n === 'number' && (n | 0) === n && !Object.is(n, -0);

function encodeObject(obj: Record<string, unknown>, add: (b: Buffer | ArrayBufferView) => number, plain: boolean): Node {
  return { k: 'object', plain, props: Object.keys(obj).map((key) => [key, encode(obj[key], add)] as [string, Node]) };
}

function encode(v: unknown, add: (b: Buffer | ArrayBufferView) => number): Node {
  if (v === undefined) return { k: 'undef' };
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && isJsonSafe(v))) return { k: 'json', v };
  const t = typedName(v);
  if (t) return { k: 'typed', t, b: add(v as ArrayBufferView) };
  if (Array.isArray(v)) {
    const first = typedName(v[0]);
    if (v.length && first && v.every((x) => typedName(x) === first)) {
      const Ctor = TYPED[first] as unknown as { new (n: number): ArrayLike<number> & ArrayBufferView & { set(a: ArrayLike<number>, o: number): void } };
      const offsets = new Int32Array(v.length + 1);
      v.forEach((x, i) => (offsets[i + 1] = offsets[i] + (x as ArrayLike<number>).length));
      const all = new Ctor(offsets[v.length]);
      v.forEach((x, i) => all.set(x as ArrayLike<number>, offsets[i]));
      return { k: 'typedList', t: first, b: add(all), offsets: add(offsets) };
    }
    if (v.every((x) => typeof x === 'string' && !x.includes(SEP))) return { k: 'strings', b: add(Buffer.from(v.join(SEP), 'utf8')), count: v.length };
    if (v.length && v.every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string' && !s.includes(SEP)))) {
      const lists = v as string[][];
      const offsets = new Int32Array(lists.length + 1);
      lists.forEach((x, i) => (offsets[i + 1] = offsets[i] + x.length));
      return { k: 'stringLists', b: add(Buffer.from(lists.flat().join(SEP), 'utf8')), offsets: add(offsets) };
    }
    if (v.length >= LAZY_MIN && v.every((x) => x !== null && typeof x === 'object' && isJsonSafe(x))) {
      // one JSON text per element, parsed when the element is first read (a query reads a few dozen entries)
      const texts = v.map((x) => JSON.stringify(x));
      const offsets = new Int32Array(texts.length + 1);
      texts.forEach((x, i) => (offsets[i + 1] = offsets[i] + x.length));
      return { k: 'jsonList', b: add(Buffer.from(texts.join(''), 'utf8')), offsets: add(offsets) };
    }
    if (isJsonSafe(v)) return { k: 'jsonBlob', b: add(Buffer.from(JSON.stringify(v), 'utf8')) };
    return { k: 'v8', b: add(serialize(v)) };
  }
  if (v instanceof Map) {
    if (v.size === 0) return { k: 'emptyMap' };
    const entries = [...v.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([key, val]) => typeof key === 'string' && !key.includes(SEP) && (isInt32(val) || (Array.isArray(val) && val.every(isInt32))))) {
      const lens = new Int32Array(entries.length);
      const ids: number[] = [];
      entries.forEach(([, val], i) => {
        if (Array.isArray(val)) {
          lens[i] = val.length;
          for (const id of val) ids.push(id);
        } else {
          lens[i] = -1;
          ids.push(val as number);
        }
      });
      const keys = entries.map(([key]) => key as string);
      const keyOffsets = new Int32Array(keys.length + 1);
      keys.forEach((key, i) => (keyOffsets[i + 1] = keyOffsets[i] + key.length));
      return { k: 'idMap', keys: add(Buffer.from(keys.join(''), 'utf8')), keyOffsets: add(keyOffsets), lens: add(lens), ids: add(Int32Array.from(ids)) };
    }
    if (isJsonSafe(entries)) return { k: 'jsonBlob', b: add(Buffer.from(JSON.stringify(entries), 'utf8')), map: true };
    return { k: 'v8', b: add(serialize(v)) };
  }
  if (v instanceof Set && v.size === 0) return { k: 'emptySet' };
  if (typeof v === 'object' && !(v instanceof Set) && !(v instanceof Date) && !(v instanceof RegExp))
    return encodeObject(v as Record<string, unknown>, add, isPlain(v));
  if (typeof v === 'function') throw new Error('a function field cannot be snapshotted');
  return { k: 'v8', b: add(serialize(v)) };
}

function typedCopy(name: string, bytes: Buffer): ArrayLike<number> & ArrayBufferView {
  const Ctor = TYPED[name];
  if (!Ctor) throw new Error(`unknown typed array ${name}`);
  return new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

function splitStrings(bytes: Buffer, count: number): string[] {
  return count === 0 ? [] : bytes.toString('utf8').split(SEP);
}

function decode(n: Node, blob: (i: number) => Buffer, template: unknown, proto?: object): unknown {
  switch (n.k) {
    case 'undef':
      return undefined;
    case 'json':
      return n.v;
    case 'typed':
      return typedCopy(n.t, blob(n.b));
    case 'typedList': {
      const all = typedCopy(n.t, blob(n.b)) as ArrayLike<number> & ArrayBufferView & { subarray(a: number, b: number): unknown };
      const offsets = typedCopy('Int32Array', blob(n.offsets)) as Int32Array;
      return lazyArray(offsets.length - 1, (i) => all.subarray(offsets[i], offsets[i + 1]));
    }
    case 'jsonList': {
      const offsets = typedCopy('Int32Array', blob(n.offsets)) as Int32Array;
      const text = blob(n.b).toString('utf8');
      return lazyArray(offsets.length - 1, (i) => JSON.parse(text.slice(offsets[i], offsets[i + 1])) as unknown);
    }
    case 'strings':
      return splitStrings(blob(n.b), n.count);
    case 'stringLists': {
      const offsets = typedCopy('Int32Array', blob(n.offsets)) as Int32Array;
      const flat = splitStrings(blob(n.b), offsets[offsets.length - 1]);
      return lazyArray(offsets.length - 1, (i) => flat.slice(offsets[i], offsets[i + 1]));
    }
    case 'idMap':
      return new SortedIdMap(
        blob(n.keys).toString('utf8'),
        typedCopy('Int32Array', blob(n.keyOffsets)) as Int32Array,
        typedCopy('Int32Array', blob(n.lens)) as Int32Array,
        typedCopy('Int32Array', blob(n.ids)) as Int32Array,
      );
    case 'emptyMap':
      return new Map();
    case 'emptySet':
      return new Set();
    case 'jsonBlob': {
      const v = JSON.parse(blob(n.b).toString('utf8')) as unknown;
      return n.map ? new Map(v as [unknown, unknown][]) : v;
    }
    case 'v8':
      return deserialize(blob(n.b));
    case 'object': {
      let p: object | null = Object.prototype;
      if (proto) p = proto;
      else if (!n.plain) {
        if (!template || typeof template !== 'object' || isPlain(template)) throw new Error('index snapshot: a field is no longer an object of the same class');
        p = Object.getPrototypeOf(template);
      }
      const obj = Object.create(p) as Record<string, unknown>;
      const tmpl = (template ?? {}) as Record<string, unknown>;
      for (const [key, child] of n.props) obj[key] = decode(child, blob, tmpl[key]);
      return obj;
    }
  }
}

const LAZY_MIN = 1000;

/**
 * An array whose elements are made when first read (then kept): restoring ~40k small typed arrays or entries
 * up front would cost more than the rebuild saves. Reads, length and iteration behave as on the array.
 */
function lazyArray<T>(length: number, make: (i: number) => T): T[] {
  const target = new Array<T>(length);
  const made = new Uint8Array(length);
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'string') {
        const c = prop.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const i = Number(prop);
          if (i < length && !made[i]) {
            t[i] = make(i);
            made[i] = 1;
          }
          return t[i];
        }
      }
      return Reflect.get(t, prop, receiver);
    },
    has(t, prop) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) return Number(prop) < length;
      return Reflect.has(t, prop);
    },
    set(t, prop, value) {
      if (typeof prop === 'string' && /^\d+$/.test(prop) && Number(prop) < length) made[Number(prop)] = 1;
      return Reflect.set(t, prop, value);
    },
  });
}

/**
 * A Map<string, id | id[]> answered from sorted keys by binary search, without building the Map (the typo
 * index holds ~200k keys). get / has / size work in place; anything else builds the ordinary Map first.
 */
class SortedIdMap extends Map<string, number | number[]> {
  private built = false;
  private readonly starts: Int32Array;
  private readonly lists = new Map<number, number[]>();

  constructor(
    private readonly keyText: string,
    private readonly keyOffsets: Int32Array,
    private readonly lens: Int32Array,
    private readonly ids: Int32Array,
  ) {
    super();
    this.starts = new Int32Array(lens.length + 1);
    for (let i = 0; i < lens.length; i++) this.starts[i + 1] = this.starts[i] + (lens[i] < 0 ? 1 : lens[i]);
  }

  private find(key: string): number {
    let lo = 0;
    let hi = this.lens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.keyText.slice(this.keyOffsets[mid], this.keyOffsets[mid + 1]);
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private valueAt(i: number): number | number[] {
    if (this.lens[i] < 0) return this.ids[this.starts[i]];
    let list = this.lists.get(i);
    if (!list) this.lists.set(i, (list = Array.from(this.ids.subarray(this.starts[i], this.starts[i + 1]))));
    return list;
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    for (let i = 0; i < this.lens.length; i++) super.set(this.keyText.slice(this.keyOffsets[i], this.keyOffsets[i + 1]), this.valueAt(i));
  }

  override get(key: string): number | number[] | undefined {
    if (this.built) return super.get(key);
    const i = this.find(key);
    return i < 0 ? undefined : this.valueAt(i);
  }

  override has(key: string): boolean {
    return this.built ? super.has(key) : this.find(key) >= 0;
  }

  override get size(): number {
    return this.built ? super.size : this.lens.length;
  }

  override set(key: string, value: number | number[]): this {
    this.build();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.build();
    return super.delete(key);
  }

  override clear(): void {
    this.build();
    super.clear();
  }

  override forEach(fn: (value: number | number[], key: string, map: Map<string, number | number[]>) => void, thisArg?: unknown): void {
    this.build();
    super.forEach(fn, thisArg);
  }

  override entries(): MapIterator<[string, number | number[]]> {
    this.build();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.build();
    return super.keys();
  }

  override values(): MapIterator<number | number[]> {
    this.build();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, number | number[]]> {
    return this.entries();
  }
}

/** A few names from across the indexed entries (and one with a country), each answered by the built index. */
function probeQueries(index: ScreeningIndex): PartyQuery[] {
  const n = index.size;
  if (!n) return [{ name: 'probe' }];
  const at = [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1];
  return at.map((i, k) => {
    const e = index.entryAt(i);
    return k === 1 && e.countries[0] ? { name: e.name, country: e.countries[0] } : { name: e.name };
  });
}

/**
 * XML parsing shared by the XML list parsers: record by record, so memory holds one record (plus the output
 * entries), never an object tree of the whole file.
 *
 * XmlRecordScanner reads the text (the whole buffer, or a stream of chunks) and follows the element nesting
 * itself (comments, CDATA, processing instructions, quoted attribute values, self-closing tags and namespace
 * prefixes handled). Each record element (e.g. <sdnEntry> under <sdnList>) is cut out as text, checked with
 * fast-xml-parser's XMLValidator and parsed with its XMLParser, and handed to the list's reader. Everything
 * outside the records (the root element, header elements such as <publshInformation>) is kept as a small
 * "skeleton" document, parsed at the end for the header values.
 *
 * Errors are ListParseErrors: malformed XML with the line and column (and the record, e.g. "<sdnEntry> #221"),
 * a wrong root element as soon as the root tag is read, a truncated file (unclosed record or root element).
 */
import { StringDecoder } from 'string_decoder';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ListParseError } from '../list-entry';

export type XmlNode = Record<string, unknown>;

/** What a list parser gives the record reader. */
export interface XmlListReader<T> {
  /** accepted local names of the root element */
  rootNames: string[];
  /**
   * Record elements, as paths of local names below the root ("sdnEntry", "INDIVIDUALS/INDIVIDUAL").
   * Records do not nest; an element of the same name elsewhere is not a record.
   */
  records: string[];
  /** elements (paths as in `records`) that are only checked to be well-formed XML, not parsed nor passed on */
  validateOnly?: string[];
  /** local names of elements that are always arrays (in records and in the header) */
  arrays: string[];
  /** one record: its path (as in `records`), its parsed node, its 1-based ordinal among records of that path */
  record(path: string, node: XmlNode, ordinal: number): void;
  /** after the last record: `header` is the root element without the records (attributes, header elements) */
  finish(header: XmlNode): T;
}

function xmlParser(arrays: string[]): XMLParser {
  const set = new Set(arrays);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => set.has(name),
  });
}

const localName = (qname: string): string => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

/** A start tag outside the records: name, then attributes name="value" / name='value'. */
const START_TAG = /^<[^\s<>"'=/!?]+(?:\s+[^\s<>"'=/]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\/?>$/;
const NAME = /^[^\s<>"'=/!?]+$/;
const TAG_END = /["'>]/g;
const WS_ONLY = /^[\s]*$/;

interface OpenRecord {
  start: number;
  depth: number;
  path: string;
  tag: string;
  ordinal: number;
}

/**
 * Incremental scanner: feed() text chunks (any split, even inside a tag), then end(). Calls `onRecord` with the
 * text of each record element, in document order, synchronously from feed()/end().
 */
export class XmlRecordScanner {
  private buf = '';
  private pos = 0;
  /** line / column (1-based) of buf[0] */
  private baseLine = 1;
  private baseCol = 1;
  /** qualified names of the open elements */
  private readonly stack: string[] = [];
  /** record-path keys of the open elements outside records ('' for the root) */
  private readonly keys: string[] = [];
  private rec: OpenRecord | undefined;
  private lastRecord: { tag: string; ordinal: number } | undefined;
  private readonly ordinals = new Map<string, number>();
  private readonly skeleton: string[] = [];
  private root: string | undefined;
  private rootClosed = false;
  private sawText = false;

  constructor(
    private readonly what: string,
    private readonly rootNames: string[],
    private readonly recordPaths: ReadonlySet<string>,
    /** `at` gives the line and column of the record's start tag; valid only during the call */
    private readonly onRecord: (path: string, tag: string, text: string, ordinal: number, at: () => { line: number; col: number }) => void,
  ) {}

  feed(text: string): void {
    const cut = this.rec ? this.rec.start : this.pos;
    if (cut > 0) {
      this.advanceBase(cut);
      this.buf = this.buf.slice(cut) + text;
      this.pos -= cut;
      if (this.rec) this.rec.start -= cut;
    } else {
      this.buf += text;
    }
    this.scan(false);
  }

  /** Ends the input; returns the skeleton document (root element without the records). */
  end(text = ''): string {
    if (text) this.feed(text);
    this.scan(true);
    const eof = this.locate(this.buf.length);
    if (!this.root) {
      if (!this.sawText) throw new ListParseError(`${this.what}: empty file`, 'line 1');
      throw new ListParseError(`${this.what}: malformed XML: no root element`, `line ${eof.line}, column ${eof.col}`);
    }
    if (this.rec) {
      throw new ListParseError(
        `${this.what}: malformed XML: the file ends inside <${this.rec.tag}> #${this.rec.ordinal} (opened at line ${this.locate(this.rec.start).line}); truncated file`,
        `line ${eof.line}, column ${eof.col}`,
      );
    }
    if (!this.rootClosed) {
      const after = this.lastRecord ? ` after <${this.lastRecord.tag}> #${this.lastRecord.ordinal}` : '';
      throw new ListParseError(
        `${this.what}: malformed XML: the file ends${after} without closing ${this.stack
          .map((n) => `<${n}>`)
          .reverse()
          .join(', ')}; truncated file`,
        `line ${eof.line}, column ${eof.col}`,
      );
    }
    return this.skeleton.join('');
  }

  get rootName(): string | undefined {
    return this.root ? localName(this.root) : undefined;
  }

  /** line and column (1-based) of buf[p] */
  private locate(p: number): { line: number; col: number } {
    let line = this.baseLine;
    let last = -1;
    for (let i = this.buf.indexOf('\n'); i >= 0 && i < p; i = this.buf.indexOf('\n', i + 1)) {
      line++;
      last = i;
    }
    return { line, col: last >= 0 ? p - last : this.baseCol + p };
  }

  private advanceBase(cut: number): void {
    let last = -1;
    for (let i = this.buf.indexOf('\n'); i >= 0 && i < cut; i = this.buf.indexOf('\n', i + 1)) {
      this.baseLine++;
      last = i;
    }
    this.baseCol = last >= 0 ? cut - last : this.baseCol + cut;
  }

  private fail(message: string, at: number): never {
    const { line, col } = this.locate(at);
    const inRecord = this.rec
      ? `, in <${this.rec.tag}> #${this.rec.ordinal}`
      : this.lastRecord
        ? `, after <${this.lastRecord.tag}> #${this.lastRecord.ordinal}`
        : '';
    throw new ListParseError(`${this.what}: malformed XML: ${message}`, `line ${line}, column ${col}${inRecord}`);
  }

  private text(from: number, to: number): void {
    if (this.rec) return;
    const s = this.buf.slice(from, to);
    if (WS_ONLY.test(s)) return;
    this.sawText = true;
    if (!this.root || this.rootClosed) {
      const p = from + s.search(/\S/);
      this.fail(this.root ? 'text after the root element' : 'text before the root element (not an XML file?)', p);
    }
    this.keep(s);
  }

  /** Scans from this.pos; stops at the end of the buffer or at markup not complete yet (unless final). */
  private scan(final: boolean): void {
    const buf = this.buf;
    let pos = this.pos;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (pos < buf.length) this.text(pos, buf.length);
        pos = buf.length;
        break;
      }
      if (lt > pos) this.text(pos, lt);
      pos = lt;
      const next = this.markup(pos, final);
      if (next < 0) {
        if (final) this.fail('the file ends inside a tag, comment or CDATA section; truncated file', pos);
        break;
      }
      pos = next;
    }
    this.pos = pos;
  }

  /** Handles the markup starting at buf[p] === '<'; returns the position after it, -1 when incomplete. */
  private markup(p: number, final: boolean): number {
    const buf = this.buf;
    if (p + 1 >= buf.length) return -1;
    const c = buf.charCodeAt(p + 1);
    if (c === 0x21 /* ! */) {
      if (buf.startsWith('<!--', p)) {
        const e = buf.indexOf('-->', p + 4);
        return e < 0 ? -1 : e + 3;
      }
      if (buf.startsWith('<![CDATA[', p)) {
        const e = buf.indexOf(']]>', p + 9);
        if (e < 0) return -1;
        if (!this.root || this.rootClosed) this.fail('CDATA outside the root element', p);
        if (!this.rec) this.keep(buf.slice(p, e + 3));
        return e + 3;
      }
      if (buf.startsWith('<!DOCTYPE', p)) {
        if (this.root) this.fail('DOCTYPE after the root element', p);
        const open = buf.indexOf('[', p);
        const gt = buf.indexOf('>', p);
        if (gt < 0) return -1;
        if (open < 0 || open > gt) return gt + 1;
        const close = buf.indexOf(']', open);
        if (close < 0) return -1;
        const e = buf.indexOf('>', close);
        return e < 0 ? -1 : e + 1;
      }
      if (buf.length - p < 9 && !final) return -1;
      this.fail('invalid markup "<!"', p);
    }
    if (c === 0x3f /* ? */) {
      const e = buf.indexOf('?>', p + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (c === 0x2f /* / */) return this.endTag(p);
    return this.startTag(p);
  }

  private endTag(p: number): number {
    const buf = this.buf;
    const gt = buf.indexOf('>', p + 2);
    if (gt < 0) return -1;
    const name = buf.slice(p + 2, gt).trimEnd();
    if (!NAME.test(name)) this.fail(`invalid closing tag "${buf.slice(p, Math.min(gt + 1, p + 60))}"`, p);
    const open = this.stack[this.stack.length - 1];
    if (open === undefined) this.fail(`closing tag </${name}> without an opening tag`, p);
    if (open !== name) this.fail(`closing tag </${name}> does not match <${open}>`, p);
    const rec = this.rec;
    if (rec) {
      if (this.stack.length === rec.depth) {
        this.stack.pop();
        this.rec = undefined;
        this.emit(rec, buf.slice(rec.start, gt + 1));
      } else {
        this.stack.pop();
      }
      return gt + 1;
    }
    this.stack.pop();
    this.keys.pop();
    this.keep(`</${name}>`);
    if (!this.stack.length) this.rootClosed = true;
    return gt + 1;
  }

  private startTag(p: number): number {
    const buf = this.buf;
    // the end of the tag: the first '>' outside quoted attribute values
    let gt = -1;
    TAG_END.lastIndex = p + 1;
    for (;;) {
      const m = TAG_END.exec(buf);
      if (!m) return -1;
      if (m[0] === '>') {
        gt = m.index;
        break;
      }
      const q = buf.indexOf(m[0], m.index + 1);
      if (q < 0) return -1;
      TAG_END.lastIndex = q + 1;
    }
    let n = p + 1;
    while (n < gt) {
      const ch = buf.charCodeAt(n);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x2f /* / */ || ch === 0x3e) break;
      n++;
    }
    const name = buf.slice(p + 1, n);
    if (!NAME.test(name)) this.fail(`invalid tag "${buf.slice(p, Math.min(gt + 1, p + 60))}"`, p);
    const selfClosing = buf.charCodeAt(gt - 1) === 0x2f;
    if (this.rec) {
      if (!selfClosing) this.stack.push(name);
      return gt + 1;
    }
    const tagText = buf.slice(p, gt + 1);
    if (!this.root) {
      this.root = name;
      const local = localName(name);
      if (!this.rootNames.includes(local)) {
        throw new ListParseError(`${this.what}: wrong root element <${local}>, expected <${this.rootNames.join('> or <')}>`, `<${local}>`);
      }
      if (!START_TAG.test(tagText)) this.fail(`malformed tag ${tagText.slice(0, 80)}`, p);
      this.keep(tagText);
      this.sawText = true;
      if (selfClosing) this.rootClosed = true;
      else {
        this.stack.push(name);
        this.keys.push('');
      }
      return gt + 1;
    }
    if (this.rootClosed) this.fail(`a second root element <${name}>`, p);
    const parentKey = this.keys[this.keys.length - 1];
    const local = localName(name);
    const key = parentKey ? `${parentKey}/${local}` : local;
    if (this.recordPaths.has(key)) {
      const ordinal = (this.ordinals.get(key) ?? 0) + 1;
      this.ordinals.set(key, ordinal);
      const rec: OpenRecord = { start: p, depth: this.stack.length + 1, path: key, tag: local, ordinal };
      if (selfClosing) this.emit(rec, tagText);
      else {
        this.rec = rec;
        this.stack.push(name);
      }
      return gt + 1;
    }
    if (!START_TAG.test(tagText)) this.fail(`malformed tag ${tagText.slice(0, 80)}`, p);
    this.keep(tagText);
    if (!selfClosing) {
      this.stack.push(name);
      this.keys.push(key);
    }
    return gt + 1;
  }

  /**
   * Adds to the skeleton. Its pieces are substrings of the text chunks and would keep them alive: joined into one
   * fresh string every so often.
   */
  private keep(piece: string): void {
    this.skeleton.push(piece);
    if (this.skeleton.length >= 256) this.skeleton.splice(0, this.skeleton.length, this.skeleton.join(''));
  }

  private emit(rec: OpenRecord, text: string): void {
    this.lastRecord = { tag: rec.tag, ordinal: rec.ordinal };
    this.onRecord(rec.path, rec.tag, text, rec.ordinal, () => this.locate(rec.start));
  }
}

/** Reads a list file record by record: feed() chunks (Buffers, any split), then end(). */
export class XmlRecordReader<T> {
  private readonly decoder = new StringDecoder('utf8');
  private readonly scanner: XmlRecordScanner;
  private readonly parser: XMLParser;
  private first = true;
  private readonly skip: ReadonlySet<string>;

  constructor(
    private readonly what: string,
    private readonly reader: XmlListReader<T>,
  ) {
    this.parser = xmlParser(reader.arrays);
    this.skip = new Set(reader.validateOnly ?? []);
    this.scanner = new XmlRecordScanner(what, reader.rootNames, new Set([...reader.records, ...this.skip]), (path, tag, text, ordinal, at) =>
      this.record(path, tag, text, ordinal, at),
    );
  }

  feed(chunk: Buffer | string): void {
    let s = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.first && s) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      this.first = false;
    }
    if (s) this.scanner.feed(s);
  }

  end(): T {
    const rest = this.decoder.end();
    if (rest) this.feed(rest);
    const skeleton = this.scanner.end();
    const valid = XMLValidator.validate(skeleton);
    if (valid !== true) {
      throw new ListParseError(`${this.what}: malformed XML outside the records: ${valid.err.msg}`, `<${this.scanner.rootName}>`);
    }
    let doc: XmlNode;
    try {
      doc = this.parser.parse(skeleton) as XmlNode;
    } catch (e) {
      throw new ListParseError(`${this.what}: malformed XML outside the records: ${(e as Error).message}`, `<${this.scanner.rootName}>`);
    }
    const root = doc[this.scanner.rootName!];
    return this.reader.finish((root && typeof root === 'object' ? root : {}) as XmlNode);
  }

  private record(path: string, tag: string, text: string, ordinal: number, at: () => { line: number; col: number }): void {
    const where = `<${tag}> #${ordinal}`;
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
      const { err } = valid;
      const { line, col: column } = at();
      const l = line + err.line - 1;
      const c = err.line === 1 ? column + err.col - 1 : err.col;
      throw new ListParseError(`${this.what}: malformed XML: ${err.msg}`, `line ${l}, column ${c}, in ${where}`);
    }
    if (this.skip.has(path)) return;
    let doc: XmlNode;
    try {
      doc = this.parser.parse(text) as XmlNode;
    } catch (e) {
      throw new ListParseError(`${this.what}: malformed XML: ${(e as Error).message}`, where);
    }
    let node = doc[tag];
    if (Array.isArray(node)) node = node[0];
    this.reader.record(path, (node && typeof node === 'object' ? node : typeof node === 'string' && node ? { '#text': node } : {}) as XmlNode, ordinal);
  }
}

/** Slice size when a whole buffer is read: the scanner's working text stays this small (plus one record). */
const SYNC_CHUNK = 1 << 20;

/** Parses a list file held in memory, record by record. */
export function readXmlList<T>(data: Buffer, what: string, reader: XmlListReader<T>): T {
  const r = new XmlRecordReader(what, reader);
  for (let o = 0; o < data.length; o += SYNC_CHUNK) r.feed(data.subarray(o, o + SYNC_CHUNK));
  return r.end();
}

/** Parses a list file from a stream of chunks (fs.createReadStream, an HTTP body …), record by record. */
export async function readXmlListStream<T>(chunks: AsyncIterable<Buffer | string>, what: string, reader: XmlListReader<T>): Promise<T> {
  const r = new XmlRecordReader(what, reader);
  for await (const chunk of chunks) r.feed(chunk);
  return r.end();
}

/**
 * A deep copy with fresh strings. Values parsed out of a record are substrings that keep the whole text chunk
 * they were cut from alive; an entry kept after its record is detached first, so the chunks can be freed.
 * (JSON round trip: properties whose value is undefined are dropped, as they are when entries are stored.)
 */
export function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Child element(s) as an array (missing -> []). */
export function arr(node: unknown, key: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as XmlNode)[key];
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (x && typeof x === 'object' ? (x as XmlNode) : ({ '#text': x } as XmlNode)));
}

/** Text of a child element (or attribute "@_x"), '' when missing. */
export function txt(node: unknown, key: string): string {
  if (!node || typeof node !== 'object') return '';
  const v = (node as XmlNode)[key];
  return textOf(v);
}

/** Text of a node value (string, or element object with #text). */
export function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') return textOf((v as XmlNode)['#text']);
  return '';
}

/** Descend a path of child elements (first of each), undefined when missing. */
export function child(node: unknown, ...path: string[]): XmlNode | undefined {
  let cur: unknown = node;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as XmlNode)[p];
    if (Array.isArray(cur)) cur = cur[0];
  }
  return cur && typeof cur === 'object' ? (cur as XmlNode) : undefined;
}

/** XML parsing shared by the XML list parsers (fast-xml-parser, validated first so errors carry a line). */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ListParseError } from '../list-entry';
import { decodeText } from './util';

export type XmlNode = Record<string, unknown>;

export interface XmlOptions {
  /** local names of elements that are always arrays */
  arrays: string[];
}

/**
 * Parses XML (namespace prefixes removed, attributes as "@_name", text of mixed nodes as "#text",
 * values kept as strings). Throws ListParseError on malformed XML (with line) or a wrong root element.
 * Returns the root element's node.
 */
export function parseXml(data: Buffer, what: string, rootNames: string[], options: XmlOptions): { root: XmlNode; rootName: string } {
  const text = decodeText(data);
  if (!text.trim()) throw new ListParseError(`${what}: empty file`, 'line 1');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const err = valid.err;
    throw new ListParseError(`${what}: malformed XML: ${err.msg}`, `line ${err.line}, column ${err.col}`);
  }
  const arrays = new Set(options.arrays);
  const parser = new XMLParser({
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
    isArray: (name) => arrays.has(name),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (e) {
    throw new ListParseError(`${what}: malformed XML: ${(e as Error).message}`);
  }
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (!rootName || !rootNames.includes(rootName)) {
    throw new ListParseError(
      `${what}: wrong root element <${rootName ?? ''}>, expected <${rootNames.join('> or <')}>`,
      `<${rootName ?? ''}>`,
    );
  }
  const root = doc[rootName];
  return { root: (root && typeof root === 'object' ? root : {}) as XmlNode, rootName };
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

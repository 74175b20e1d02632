/**
 * The link graph over stored decisions. Plain TypeScript, in memory, updated incrementally; the Nest
 * service persists what it adds (network_* tables) and loads it back on start.
 *
 * Nodes are parties (one per normalised name and country). A link is a value two nodes share: an
 * identifier (API.md types), a normalised address, a payer name. Values are known only by their HMAC
 * (keyed per installation) and a masked hint; a link's strength is the sum of the damped weights of the
 * values it rests on (identifiers.ts: strong identifiers weigh more, ubiquitous values are damped).
 */
import { createHmac } from 'crypto';
import { LinkType, LinkValue, dampedWeight } from './identifiers';

export type NodeKind = 'party' | 'account';

/** One stored order (or cloud customer) a node took part in, kept for the window flags. */
export interface NodeOrder {
  decisionId: string;
  /** buyer | endUser | shipTo | billTo | intermediaries[n] | customer … */
  role: string;
  createdAt: string;
  /** controlled accelerators of the order */
  accelerators: number;
  /** power those accelerators draw, kW (data/networks/accelerator-power.json) */
  kw: number;
  /** HMAC of the site the goods go to (ship-to address, else the end user) */
  siteHash: string | null;
  /** power the order said the site has, kW */
  sitePowerKw: number | null;
  decision: string;
}

export interface GraphNode {
  id: string;
  kind: NodeKind;
  name: string;
  /** matched a restricted-party list in one of its decisions */
  listed: boolean;
  /** took part in a denied decision (as buyer, customer or a listed party) */
  denied: boolean;
  decisionIds: string[];
  orders: NodeOrder[];
  /** the decision kind the node was first seen in (transaction | cloud) */
  source: string;
}

export interface GraphValue {
  hash: string;
  type: LinkType;
  hint: string;
  members: Set<string>;
}

export interface HashedValue {
  hash: string;
  type: LinkType;
  hint: string;
}

export interface Neighbour {
  node: GraphNode;
  strength: number;
  via: { type: LinkType; hint: string; hash: string; df: number; weight: number }[];
}

const MIN_VALUE_WEIGHT = 0.04;

/** The most decision ids a node keeps (the network view shows the latest). */
const MAX_DECISION_IDS = 200;
/** Orders kept per node for the window flags (the newest). */
const MAX_ORDERS = 500;

export class Hasher {
  constructor(private readonly secret: Buffer) {}

  hash(type: string, value: string): string {
    return createHmac('sha256', this.secret).update(type).update('\u0000').update(value).digest('hex');
  }

  values(list: LinkValue[]): HashedValue[] {
    const seen = new Set<string>();
    const out: HashedValue[] = [];
    for (const v of list) {
      const hash = this.hash(v.type, v.value);
      if (seen.has(hash)) continue;
      seen.add(hash);
      out.push({ hash, type: v.type, hint: v.hint });
    }
    return out;
  }

  nodeId(kind: NodeKind, nameKey: string, country: string | undefined): string {
    return `n${this.hash(`node:${kind}`, `${nameKey}|${country ?? ''}`).slice(0, 24)}`;
  }
}

export class LinkGraph {
  readonly nodes = new Map<string, GraphNode>();
  readonly values = new Map<string, GraphValue>();
  /** node id -> hashes of its values */
  readonly nodeValues = new Map<string, Set<string>>();

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  upsertNode(id: string, kind: NodeKind, name: string, source: string): GraphNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, kind, name, listed: false, denied: false, decisionIds: [], orders: [], source };
      this.nodes.set(id, n);
    }
    return n;
  }

  addDecision(n: GraphNode, decisionId: string): void {
    if (n.decisionIds.includes(decisionId)) return;
    n.decisionIds.push(decisionId);
    if (n.decisionIds.length > MAX_DECISION_IDS) n.decisionIds.splice(0, n.decisionIds.length - MAX_DECISION_IDS);
  }

  addOrder(n: GraphNode, o: NodeOrder): void {
    if (n.orders.some((x) => x.decisionId === o.decisionId && x.role === o.role)) return;
    n.orders.push(o);
    if (n.orders.length > MAX_ORDERS) n.orders.splice(0, n.orders.length - MAX_ORDERS);
  }

  /** Adds the values to the node; returns those that are new for it. */
  link(nodeId: string, values: HashedValue[]): HashedValue[] {
    let mine = this.nodeValues.get(nodeId);
    if (!mine) this.nodeValues.set(nodeId, (mine = new Set()));
    const added: HashedValue[] = [];
    for (const v of values) {
      if (mine.has(v.hash)) continue;
      mine.add(v.hash);
      let gv = this.values.get(v.hash);
      if (!gv) this.values.set(v.hash, (gv = { hash: v.hash, type: v.type, hint: v.hint, members: new Set() }));
      gv.members.add(nodeId);
      added.push(v);
    }
    return added;
  }

  /**
   * Nodes sharing any of `values` with `self` (self excluded), with the strength of each link. The
   * document frequency counts `self` as a member even before it is stored (the decision being made).
   * Values shared by too many nodes (dampedWeight 0) are skipped without walking their members.
   */
  neighbours(selfId: string, values: HashedValue[]): Neighbour[] {
    const out = new Map<string, Neighbour>();
    for (const v of values) {
      const gv = this.values.get(v.hash);
      if (!gv) continue;
      const df = gv.members.size + (gv.members.has(selfId) ? 0 : 1);
      const weight = dampedWeight(gv.type, df);
      // a value this weak cannot make a link (20 of them would not reach a strong one): not worth walking its members
      if (weight < MIN_VALUE_WEIGHT) continue;
      for (const m of gv.members) {
        if (m === selfId) continue;
        let nb = out.get(m);
        if (!nb) {
          const node = this.nodes.get(m);
          if (!node) continue;
          out.set(m, (nb = { node, strength: 0, via: [] }));
        }
        nb.strength += weight;
        nb.via.push({ type: gv.type, hint: gv.hint, hash: gv.hash, df, weight });
      }
    }
    return [...out.values()].sort((a, b) => b.strength - a.strength);
  }

  /** The stored values of a node, as HashedValue. */
  valuesOf(nodeId: string): HashedValue[] {
    const out: HashedValue[] = [];
    for (const h of this.nodeValues.get(nodeId) ?? []) {
      const gv = this.values.get(h);
      if (gv) out.push({ hash: h, type: gv.type, hint: gv.hint });
    }
    return out;
  }

  /**
   * The network around `rootId`: breadth-first over links of at least `minStrength`, up to `maxDepth`
   * hops and `maxMembers` nodes.
   */
  network(
    rootId: string,
    opts: { minStrength: number; maxDepth: number; maxMembers: number },
  ): { members: GraphNode[]; links: { a: string; b: string; via: Neighbour['via'] }[] } {
    const root = this.nodes.get(rootId);
    if (!root) return { members: [], links: [] };
    const seen = new Map<string, number>([[rootId, 0]]);
    const queue = [rootId];
    const links: { a: string; b: string; via: Neighbour['via'] }[] = [];
    const linked = new Set<string>();
    while (queue.length) {
      const id = queue.shift()!;
      const depth = seen.get(id)!;
      for (const nb of this.neighbours(id, this.valuesOf(id))) {
        if (nb.strength < opts.minStrength) continue;
        const key = id < nb.node.id ? `${id}|${nb.node.id}` : `${nb.node.id}|${id}`;
        if (!seen.has(nb.node.id)) {
          if (depth >= opts.maxDepth || seen.size >= opts.maxMembers) continue;
          seen.set(nb.node.id, depth + 1);
          queue.push(nb.node.id);
        }
        if (!linked.has(key)) {
          linked.add(key);
          links.push({ a: id, b: nb.node.id, via: nb.via });
        }
      }
    }
    return { members: [...seen.keys()].map((id) => this.nodes.get(id)!), links };
  }
}

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
  /** read since it was last passed by the eviction (second chance) */
  used?: boolean;
}

/**
 * One hashed value as the graph keeps it: how many nodes hold it (df) and, while that is few enough to make
 * a link at all (MEMBER_CAP), which. A value held by more than MEMBER_CAP nodes weighs below MIN_VALUE_WEIGHT
 * whatever its type, so its members are never walked and not kept (null).
 */
export interface GraphValue {
  hash: string;
  type: LinkType;
  hint: string;
  df: number;
  members: string[] | null;
  used?: boolean;
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
/** the most members a value can have and still weigh MIN_VALUE_WEIGHT (1.0 * DF_FULL / df >= 0.04) */
export const MEMBER_CAP = 125;

/** The most decision ids a node keeps (the network view shows the latest). */
const MAX_DECISION_IDS = 200;
/** Orders kept per node for the window flags (the newest). */
const MAX_ORDERS = 500;

/** Recently computed HMACs kept (a returning buyer, the end user who is the buyer): bounded, cleared when full. */
const HASH_CACHE = 20_000;

export class Hasher {
  private readonly recent = new Map<string, string>();

  constructor(private readonly secret: Buffer) {}

  hash(type: string, value: string): string {
    const key = `${type}\u0000${value}`;
    let h = this.recent.get(key);
    if (h === undefined) {
      h = createHmac('sha256', this.secret).update(key).digest('hex');
      if (this.recent.size >= HASH_CACHE) this.recent.clear();
      this.recent.set(key, h);
    }
    return h;
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

export interface GraphLimits {
  /** most values kept in memory (least recently used evicted first) */
  maxValues: number;
  /** most nodes kept in memory */
  maxNodes: number;
}

/**
 * The link graph's working set: a bounded cache of values and nodes, least recently used evicted first.
 * While nothing was ever evicted and the store held no more than fits (`complete`), a value that is not
 * here is held by nobody; otherwise the owner loads what is missing from the store (the database) first.
 */
export class LinkGraph {
  readonly nodes = new Map<string, GraphNode>();
  readonly values = new Map<string, GraphValue>();
  complete = true;
  evictions = 0;

  constructor(readonly limits: GraphLimits = { maxValues: 200_000, maxNodes: 50_000 }) {}

  /** A node; marked as used (a read costs one property write: the eviction gives used entries a second chance). */
  node(id: string): GraphNode | undefined {
    const n = this.nodes.get(id);
    if (n) n.used = true;
    return n;
  }

  value(hash: string): GraphValue | undefined {
    const v = this.values.get(hash);
    if (v) v.used = true;
    return v;
  }

  /** Value hashes that must be loaded from the store before the graph can answer for them. */
  missingValues(hashes: Iterable<string>): string[] {
    if (this.complete) return [];
    const out: string[] = [];
    for (const h of hashes) if (!this.values.has(h)) out.push(h);
    return out;
  }

  missingNodes(ids: Iterable<string>): string[] {
    if (this.complete) return [];
    const out: string[] = [];
    for (const id of ids) if (!this.nodes.has(id)) out.push(id);
    return out;
  }

  /** A value as loaded from the store (members: up to MEMBER_CAP + 1 of them, df: their number or more). */
  putValue(v: GraphValue): void {
    if (v.members && v.members.length > MEMBER_CAP) v.members = null;
    this.values.delete(v.hash);
    this.values.set(v.hash, v);
    this.evict();
  }

  putNode(n: GraphNode): void {
    this.nodes.delete(n.id);
    this.nodes.set(n.id, n);
    this.evict();
  }

  /** Second-chance (clock) eviction in insertion order: an entry read since it was last passed goes to the back once. */
  private evict(): void {
    this.evictFrom(this.values, this.limits.maxValues);
    this.evictFrom(this.nodes, this.limits.maxNodes);
  }

  private evictFrom<T extends { used?: boolean }>(map: Map<string, T>, max: number): void {
    let passes = 0;
    while (map.size > max) {
      const [key, entry] = map.entries().next().value as [string, T];
      map.delete(key);
      if (entry.used && passes++ < max) {
        entry.used = false;
        map.set(key, entry);
        continue;
      }
      this.complete = false;
      this.evictions++;
    }
  }

  upsertNode(id: string, kind: NodeKind, name: string, source: string): GraphNode {
    let n = this.node(id);
    if (!n) {
      n = { id, kind, name, listed: false, denied: false, decisionIds: [], orders: [], source };
      this.putNode(n);
    }
    return n;
  }

  addDecision(n: GraphNode, decisionId: string): void {
    if (n.decisionIds.includes(decisionId)) return;
    n.decisionIds.push(decisionId);
    if (n.decisionIds.length > MAX_DECISION_IDS) n.decisionIds.splice(0, n.decisionIds.length - MAX_DECISION_IDS);
  }

  addOrder(n: GraphNode, o: NodeOrder): void {
    for (let i = n.orders.length - 1; i >= 0 && n.orders[i].createdAt >= o.createdAt; i--)
      if (n.orders[i].decisionId === o.decisionId && n.orders[i].role === o.role) return;
    // kept oldest first (the window flags binary-search them); decisions made together may arrive out of order
    let at = n.orders.length;
    while (at > 0 && n.orders[at - 1].createdAt > o.createdAt) at--;
    if (at === n.orders.length) n.orders.push(o);
    else n.orders.splice(at, 0, o);
    if (n.orders.length > MAX_ORDERS) n.orders.splice(0, n.orders.length - MAX_ORDERS);
  }

  /**
   * Adds the values to the node; returns those that may be new for it (to store). A value the cache does
   * not hold (evicted meanwhile) is returned for the store without changing the cache.
   */
  link(nodeId: string, values: HashedValue[]): HashedValue[] {
    const added: HashedValue[] = [];
    for (const v of values) {
      let gv = this.values.get(v.hash);
      if (!gv && this.complete) {
        gv = { hash: v.hash, type: v.type, hint: v.hint, df: 0, members: [] };
        this.putValue(gv);
      }
      if (!gv) {
        added.push(v);
        continue;
      }
      if (gv.members) {
        if (gv.members.includes(nodeId)) continue;
        gv.members.push(nodeId);
        if (gv.members.length > MEMBER_CAP) gv.members = null;
      }
      gv.df++;
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
      const gv = this.value(v.hash);
      if (!gv || !gv.members) continue;
      const df = gv.df + (gv.members.includes(selfId) ? 0 : 1);
      const weight = dampedWeight(gv.type, df);
      // a value this weak cannot make a link (20 of them would not reach a strong one): not worth walking its members
      if (weight < MIN_VALUE_WEIGHT) continue;
      for (const m of gv.members) {
        if (m === selfId) continue;
        let nb = out.get(m);
        if (!nb) {
          const node = this.node(m);
          if (!node) continue;
          out.set(m, (nb = { node, strength: 0, via: [] }));
        }
        nb.strength += weight;
        nb.via.push({ type: gv.type, hint: gv.hint, hash: gv.hash, df, weight });
      }
    }
    return [...out.values()].sort((a, b) => b.strength - a.strength);
  }
}

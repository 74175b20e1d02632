/**
 * The link graph over stored decisions. Plain TypeScript, in memory, updated incrementally; the Nest
 * service persists what it adds (network_* tables) and loads it back on start.
 *
 * Nodes are parties (one per normalised name and country). A link is a value two nodes share: an
 * identifier (API.md types), a normalised address, a payer name. Values are known only by their HMAC
 * (keyed per installation) and a masked hint; a link's strength is the sum of the damped weights of the
 * values it rests on (identifiers.ts: strong identifiers weigh more, ubiquitous values are damped).
 */
import { createHmac, createSecretKey, KeyObject } from 'crypto';
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
  /** the secret as a key object once (createHmac with a Buffer imports the key on every call) */
  private readonly key: KeyObject;

  constructor(secret: Buffer) {
    this.key = createSecretKey(secret);
  }

  hash(type: string, value: string): string {
    const key = `${type}\u0000${value}`;
    let h = this.recent.get(key);
    if (h === undefined) {
      h = createHmac('sha256', this.key).update(key).digest('hex');
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

const NO_ORDERS: readonly NodeOrder[] = [];

/** Inserts an order into a list kept oldest first (after those made at the same time); returns its index. */
function insertSorted(list: NodeOrder[], o: NodeOrder, last = false): number {
  let at = list.length;
  if (!last) while (at > 0 && list[at - 1].createdAt > o.createdAt) at--;
  if (at === list.length) list.push(o);
  else list.splice(at, 0, o);
  return at;
}

/** Removes an order dropped from a node's orders from its site's list (the oldest there, so usually the first). */
function dropSiteOrder(sites: Map<string, NodeOrder[]>, o: NodeOrder): void {
  const list = sites.get(o.siteHash!);
  if (!list) return;
  const at = list[0] === o ? 0 : list.indexOf(o);
  if (at === 0) list.shift();
  else if (at > 0) list.splice(at, 1);
  if (!list.length) sites.delete(o.siteHash!);
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
  /** per node, its orders by site (ordersAtSite); dropped with the node when it is evicted */
  private readonly sitesOf = new WeakMap<GraphNode, Map<string, NodeOrder[]>>();
  /** per node, an upper bound of its decision ids (addDecision) */
  private readonly newestDecisionOf = new WeakMap<GraphNode, string>();

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
    const ids = n.decisionIds;
    // a party in several roles of one decision (buyer, end user, bill-to) adds it several times in a row
    if (ids[ids.length - 1] === decisionId) return;
    // decision ids grow with time (ULIDs): one above every id the node had is new without a look through them
    const newest = this.newestDecisionOf.get(n);
    if (newest === undefined || decisionId <= newest) {
      if (ids.includes(decisionId)) return;
      if (newest === undefined) {
        let max = decisionId;
        for (const id of ids) if (id > max) max = id;
        this.newestDecisionOf.set(n, max);
      }
    } else this.newestDecisionOf.set(n, decisionId);
    ids.push(decisionId);
    if (ids.length === MAX_DECISION_IDS + 1) ids.shift();
    else if (ids.length > MAX_DECISION_IDS) ids.splice(0, ids.length - MAX_DECISION_IDS);
  }

  addOrder(n: GraphNode, o: NodeOrder): void {
    const orders = n.orders;
    for (let i = orders.length - 1; i >= 0 && orders[i].createdAt >= o.createdAt; i--)
      if (orders[i].decisionId === o.decisionId && orders[i].role === o.role) return;
    // kept oldest first (the window flags binary-search them); decisions made together may arrive out of order
    const at = insertSorted(orders, o);
    const sites = this.sitesOf.get(n);
    if (sites && o.siteHash !== null) {
      const list = sites.get(o.siteHash);
      if (list) insertSorted(list, o, at === orders.length - 1);
      else sites.set(o.siteHash, [o]);
    }
    while (orders.length > MAX_ORDERS) {
      const dropped = orders.shift()!;
      if (sites && dropped.siteHash !== null) dropSiteOrder(sites, dropped);
    }
  }

  /**
   * The node's orders (the newest MAX_ORDERS, as in `orders`) that went to one site, oldest first: an index
   * by site hash built on the first read and kept up to date by addOrder(), so a window over one site reads
   * that site's orders only (a forwarder in every order has hundreds of sites).
   */
  ordersAtSite(n: GraphNode, siteHash: string): readonly NodeOrder[] {
    let sites = this.sitesOf.get(n);
    if (!sites) {
      sites = new Map();
      for (const o of n.orders) {
        if (o.siteHash === null) continue;
        const list = sites.get(o.siteHash);
        if (list) list.push(o);
        else sites.set(o.siteHash, [o]);
      }
      this.sitesOf.set(n, sites);
    }
    return sites.get(siteHash) ?? NO_ORDERS;
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
   * Nodes sharing any of `values` with `self` (self excluded) with a link of at least `minStrength`, strongest
   * first, with the strength of each link. The document frequency counts `self` as a member even before it is
   * stored (the decision being made). Values shared by too many nodes (dampedWeight 0) are skipped without
   * walking their members. The strengths are summed first and only links that reach `minStrength` are built
   * (the flags read strong links only: most decisions have none).
   */
  neighbours(selfId: string, values: HashedValue[], minStrength = 0): Neighbour[] {
    const kept: GraphValue[] = [];
    const weights: number[] = [];
    const dfs: number[] = [];
    let most = 0;
    for (const v of values) {
      const gv = this.value(v.hash);
      if (!gv || !gv.members) continue;
      const df = gv.df + (gv.members.includes(selfId) ? 0 : 1);
      const weight = dampedWeight(gv.type, df);
      // a value this weak cannot make a link (20 of them would not reach a strong one): not worth walking its members
      if (weight < MIN_VALUE_WEIGHT) continue;
      kept.push(gv);
      weights.push(weight);
      dfs.push(df);
      most += weight;
    }
    // no node can share more than all of these values
    if (!kept.length || most < minStrength) return [];
    const out = new Map<string, Neighbour>();
    if (minStrength > 0) {
      const strength = new Map<string, number>();
      for (let i = 0; i < kept.length; i++) for (const m of kept[i].members!) if (m !== selfId) strength.set(m, (strength.get(m) ?? 0) + weights[i]);
      for (const [m, total] of strength) {
        if (total < minStrength) continue;
        const node = this.node(m);
        if (node) out.set(m, { node, strength: 0, via: [] });
      }
      if (!out.size) return [];
    }
    for (let i = 0; i < kept.length; i++) {
      const gv = kept[i];
      const weight = weights[i];
      for (const m of gv.members!) {
        if (m === selfId) continue;
        let nb = out.get(m);
        if (!nb) {
          if (minStrength > 0) continue;
          const node = this.node(m);
          if (!node) continue;
          out.set(m, (nb = { node, strength: 0, via: [] }));
        }
        nb.strength += weight;
        nb.via.push({ type: gv.type, hint: gv.hint, hash: gv.hash, df: dfs[i], weight });
      }
    }
    if (out.size === 0) return [];
    const list = [...out.values()];
    return list.length > 1 ? list.sort((a, b) => b.strength - a.strength) : list;
  }
}

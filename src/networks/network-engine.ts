/**
 * The networks domain in one object: the link graph, the hasher, the power table; assessing a decision
 * before it is stored, ingesting it after, and the network view. Plain TypeScript: the Nest service
 * persists the deltas ingest() returns and feeds back the stored rows on start (load()).
 */
import type { Reason } from '../common/reason';
import { buyerKey } from '../risk/keys';
import { DecisionFacts, DecisionOutcome, decisionFacts, PowerTable } from './decision-facts';
import { evaluateNetworkFlags, NetworkParams } from './flags';
import { STRONG_LINK } from './identifiers';
import { GraphLimits, GraphNode, GraphValue, HashedValue, Hasher, LinkGraph, Neighbour, NodeOrder } from './link-graph';
import { COUNTRY_CODES } from '../common/countries';

/** Where the graph's values and nodes live beyond the in-memory working set (the database). */
export interface GraphStore {
  /** the values found, each with up to MEMBER_CAP + 1 members and df = their number */
  values(hashes: string[]): Promise<GraphValue[]>;
  /** the nodes found, each with its newest orders */
  nodes(ids: string[]): Promise<GraphNode[]>;
  /** the values a node holds */
  valuesOfNode(nodeId: string): Promise<HashedValue[]>;
}

export interface GraphDelta {
  nodes: GraphNode[];
  members: { valueHash: string; nodeId: string; type: string; hint: string }[];
  orders: (NodeOrder & { nodeId: string })[];
}

export interface NetworkView {
  id: string;
  members: { id: string; kind: string; name: string; decisionIds: string[]; listed: boolean; denied: boolean }[];
  links: { a: string; b: string; via: { type: string; value: string }; weight: number }[];
  score: number;
  reasons: Reason[];
}

export class NetworkEngine {
  readonly graph: LinkGraph;

  constructor(
    readonly hasher: Hasher,
    readonly power: PowerTable,
    readonly params: Partial<NetworkParams> = {},
    readonly store?: GraphStore,
    limits?: GraphLimits,
  ) {
    this.graph = new LinkGraph(limits);
  }

  /** Loads what the graph needs to answer for these values and nodes (nothing while the cache is complete). */
  async prefetch(hashes: Iterable<string>, nodeIds: Iterable<string> = []): Promise<void> {
    if (this.graph.complete || !this.store) return;
    const wanted = [...new Set(hashes)];
    const missing = this.graph.missingValues(wanted);
    if (missing.length) {
      const found = new Map((await this.store.values(missing)).map((v) => [v.hash, v]));
      for (const h of missing) {
        if (this.graph.values.has(h)) continue; // loaded meanwhile by another decision
        this.graph.putValue(found.get(h) ?? { hash: h, type: 'asn', hint: '', df: 0, members: [] });
      }
    }
    const ids = new Set(nodeIds);
    for (const h of wanted) for (const m of this.graph.values.get(h)?.members ?? []) ids.add(m);
    const missingNodes = this.graph.missingNodes(ids);
    if (missingNodes.length) for (const n of await this.store.nodes(missingNodes)) if (!this.graph.nodes.has(n.id)) this.graph.putNode(n);
  }

  /** prefetch() for the parties of one decision. */
  prefetchFacts(facts: DecisionFacts): Promise<void> {
    if (this.graph.complete || !this.store) return Promise.resolve();
    return this.prefetch(
      facts.parties.flatMap((p) => p.values.map((v) => v.hash)),
      facts.parties.map((p) => p.nodeId),
    );
  }

  facts(kind: string, request: unknown, outcome: DecisionOutcome): DecisionFacts {
    return decisionFacts(kind, request, outcome, this.hasher, this.power);
  }

  /** The network reasons for a decision about to be stored. */
  assess(facts: DecisionFacts, now: Date): Reason[] {
    return evaluateNetworkFlags({ facts, graph: this.graph, now, params: this.params });
  }

  /** Adds a stored decision to the graph; returns what is new, for the store. */
  ingest(facts: DecisionFacts, decisionId: string, createdAt: string, decision: string): GraphDelta {
    const delta: GraphDelta = { nodes: [], members: [], orders: [] };
    for (const p of facts.parties) {
      const node = this.graph.upsertNode(p.nodeId, p.kind, p.name, facts.kind);
      this.graph.addDecision(node, decisionId);
      if (p.listed) node.listed = true;
      if (decision === 'deny' && (p.role === facts.principalRole || p.listed)) node.denied = true;
      for (const v of this.graph.link(p.nodeId, p.values)) delta.members.push({ valueHash: v.hash, nodeId: p.nodeId, type: v.type, hint: v.hint });
      const order: NodeOrder = {
        decisionId,
        role: p.role,
        createdAt,
        accelerators: facts.accelerators,
        kw: facts.kw,
        siteHash: facts.siteHash,
        sitePowerKw: facts.sitePowerKw,
        decision,
      };
      this.graph.addOrder(node, order);
      delta.orders.push({ ...order, nodeId: p.nodeId });
      delta.nodes.push(node);
    }
    return delta;
  }

  /** Stored rows back into memory (start-up, while everything fits). */
  loadNode(row: { id: string; kind: string; name: string; source: string; listed: boolean; denied: boolean }): void {
    const n = this.graph.upsertNode(row.id, row.kind === 'account' ? 'account' : 'party', row.name, row.source);
    n.listed = !!row.listed;
    n.denied = !!row.denied;
  }

  loadMember(row: { valueHash: string; nodeId: string; type: string; hint: string }): void {
    this.graph.link(row.nodeId, [{ hash: row.valueHash, type: row.type as never, hint: row.hint }]);
  }

  loadOrder(row: NodeOrder & { nodeId: string }): void {
    const n = this.graph.node(row.nodeId);
    if (n) {
      const order = orderOf(row);
      this.graph.addOrder(n, order);
      this.graph.addDecision(n, order.decisionId);
    }
  }

  /** The ids a party with this name has in any country (or none): node ids are derived from name and country. */
  nodeIdsForName(name: string): string[] {
    const key = buyerKey(name);
    if (!key) return [];
    return [undefined, ...COUNTRY_CODES].map((c) => this.hasher.nodeId('party', key, c));
  }

  /** Nodes whose normalised name is the one asked for (any country), best known first. */
  async findByName(name: string): Promise<GraphNode[]> {
    const ids = this.nodeIdsForName(name);
    await this.prefetch([], ids);
    const out: GraphNode[] = [];
    for (const id of ids) {
      const n = this.graph.node(id);
      if (n) out.push(n);
    }
    return out.sort((a, b) => b.decisionIds.length - a.decisionIds.length);
  }

  private async valuesOf(nodeId: string): Promise<HashedValue[]> {
    if (this.store) return this.store.valuesOfNode(nodeId);
    const out: HashedValue[] = [];
    for (const v of this.graph.values.values()) if (v.members?.includes(nodeId)) out.push({ hash: v.hash, type: v.type, hint: v.hint });
    return out;
  }

  /**
   * The network around `rootId`: breadth-first over links of at least `minStrength`, up to `maxDepth`
   * hops and `maxMembers` nodes.
   */
  async network(
    rootId: string,
    opts: { minStrength: number; maxDepth: number; maxMembers: number },
  ): Promise<{ members: GraphNode[]; links: { a: string; b: string; via: Neighbour['via'] }[] }> {
    await this.prefetch([], [rootId]);
    if (!this.graph.node(rootId)) return { members: [], links: [] };
    const seen = new Map<string, number>([[rootId, 0]]);
    const found = new Map<string, GraphNode>();
    const queue = [rootId];
    const links: { a: string; b: string; via: Neighbour['via'] }[] = [];
    const linked = new Set<string>();
    while (queue.length) {
      const id = queue.shift()!;
      const depth = seen.get(id)!;
      const values = await this.valuesOf(id);
      await this.prefetch(
        values.map((v) => v.hash),
        [id],
      );
      const self = this.graph.node(id);
      if (self) found.set(id, self);
      for (const nb of this.graph.neighbours(id, values, opts.minStrength)) {
        const key = id < nb.node.id ? `${id}|${nb.node.id}` : `${nb.node.id}|${id}`;
        if (!seen.has(nb.node.id)) {
          if (depth >= opts.maxDepth || seen.size >= opts.maxMembers) continue;
          seen.set(nb.node.id, depth + 1);
          found.set(nb.node.id, nb.node);
          queue.push(nb.node.id);
        }
        if (!linked.has(key)) {
          linked.add(key);
          links.push({ a: id, b: nb.node.id, via: nb.via });
        }
      }
    }
    return { members: [...seen.keys()].map((id) => found.get(id)).filter((n): n is GraphNode => !!n), links };
  }

  /** The network around a node: members within two strong hops, one link per shared value. */
  async view(nodeId: string, opts = { maxDepth: 2, maxMembers: 200 }): Promise<NetworkView | undefined> {
    const net = await this.network(nodeId, { minStrength: STRONG_LINK, maxDepth: opts.maxDepth, maxMembers: opts.maxMembers });
    const root = net.members.find((m) => m.id === nodeId);
    if (!root) return undefined;
    const links: NetworkView['links'] = [];
    for (const l of net.links)
      for (const v of l.via) links.push({ a: l.a, b: l.b, via: { type: v.type, value: v.hint }, weight: Math.round(v.weight * 100) / 100 });
    const restricted = net.members.filter((m) => m.id !== nodeId && (m.listed || m.denied));
    const reasons: Reason[] = restricted.slice(0, 10).map((m) => ({
      code: 'LINKED_TO_RESTRICTED',
      severity: 'review' as const,
      message: `'${root.name}' is linked to '${m.name}', ${m.listed ? 'a party that matched a restricted-party list' : 'a party of a denied decision'}`,
      citation:
        'Supp. No. 3 to 15 CFR Part 732 (BIS "Know Your Customer" guidance and red flags); 15 CFR 744.11; BIS Guidance to Financial Institutions, Oct 9 2024',
      subject: 'network',
      evidence: { member: m.id, listed: m.listed, denied: m.denied, decisionIds: m.decisionIds.slice(-5) },
    }));
    const anyListed = net.members.some((m) => m.listed);
    const anyDenied = net.members.some((m) => m.denied);
    // the score summarises: a listed member 90, a denied one 70, else 5 per other member (at most 50)
    const score = anyListed ? 90 : anyDenied ? 70 : Math.min(50, 5 * (net.members.length - 1));
    return {
      id: `net_${nodeId}`,
      members: net.members.map((m) => ({ id: m.id, kind: m.kind, name: m.name, decisionIds: m.decisionIds.slice(-50), listed: m.listed, denied: m.denied })),
      links,
      score,
      reasons,
    };
  }
}

/** A stored order row as a NodeOrder (numbers from the driver may come as strings). */
export function orderOf(row: NodeOrder & { nodeId?: string }): NodeOrder {
  return {
    decisionId: row.decisionId,
    role: row.role,
    createdAt: row.createdAt,
    accelerators: Number(row.accelerators),
    kw: Number(row.kw),
    siteHash: row.siteHash,
    sitePowerKw: row.sitePowerKw === null || row.sitePowerKw === undefined ? null : Number(row.sitePowerKw),
    decision: row.decision,
  };
}

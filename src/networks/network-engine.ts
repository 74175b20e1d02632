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
import { GraphNode, Hasher, LinkGraph, NodeOrder } from './link-graph';

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
  readonly graph = new LinkGraph();

  constructor(
    readonly hasher: Hasher,
    readonly power: PowerTable,
    readonly params: Partial<NetworkParams> = {},
  ) {}

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

  /** Stored rows back into memory (start-up). */
  loadNode(row: { id: string; kind: string; name: string; source: string; listed: boolean; denied: boolean; decisionIds: string }): void {
    const n = this.graph.upsertNode(row.id, row.kind === 'account' ? 'account' : 'party', row.name, row.source);
    n.listed = !!row.listed;
    n.denied = !!row.denied;
    n.decisionIds = JSON.parse(row.decisionIds) as string[];
  }

  loadMember(row: { valueHash: string; nodeId: string; type: string; hint: string }): void {
    this.graph.link(row.nodeId, [{ hash: row.valueHash, type: row.type as never, hint: row.hint }]);
  }

  loadOrder(row: NodeOrder & { nodeId: string }): void {
    const n = this.graph.node(row.nodeId);
    if (n) {
      const { nodeId: _nodeId, ...order } = row;
      this.graph.addOrder(n, {
        ...order,
        accelerators: Number(order.accelerators),
        kw: Number(order.kw),
        sitePowerKw: order.sitePowerKw === null ? null : Number(order.sitePowerKw),
      });
    }
  }

  /** Nodes whose normalised name is the one asked for (any country), best known first. */
  findByName(name: string): GraphNode[] {
    const key = buyerKey(name);
    if (!key) return [];
    const out: GraphNode[] = [];
    for (const n of this.graph.nodes.values()) if (buyerKey(n.name) === key) out.push(n);
    return out.sort((a, b) => b.decisionIds.length - a.decisionIds.length);
  }

  /** The network around a node: members within two strong hops, one link per shared value. */
  view(nodeId: string, opts = { maxDepth: 2, maxMembers: 200 }): NetworkView | undefined {
    const root = this.graph.node(nodeId);
    if (!root) return undefined;
    const net = this.graph.network(nodeId, { minStrength: STRONG_LINK, maxDepth: opts.maxDepth, maxMembers: opts.maxMembers });
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

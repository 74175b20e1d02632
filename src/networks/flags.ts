/**
 * Network red flags: what an order or a cloud customer reveals through the parties it is linked to.
 * The shared check shape (src/decision/check.ts: id, severity, weight, source, reads, dates; hits with
 * subject, message, evidence), reading the link graph instead of the order alone. Plain TypeScript.
 */
import { outcomeOf, Reason, sortReasons, dedupeReasons } from '../common/reason';
import { RISK_PARAMS } from '../risk/params';
import { Check, checkInForce } from '../decision/check';
import type { RedFlagHit } from '../risk/types';
import { STRONG_LINK } from './identifiers';
import type { DecisionFacts, DecisionParty } from './decision-facts';
import type { LinkGraph, Neighbour, NodeOrder } from './link-graph';

export const NETWORK_PARAMS = {
  /** a link at least this strong to a listed party is a deny (two strong identifiers, e.g. bank account + registration no.) */
  denyLinkStrength: 1.8,
  /** SPLIT_ACROSS_LINKED_BUYERS: window and level (RISK_PARAMS' large order, 64 accelerators) */
  splitWindowDays: 30,
  largeOrderAccelerators: RISK_PARAMS.largeOrderAccelerators,
  /** CUMULATIVE_CAPACITY: orders to one site within this many days add up */
  capacityWindowDays: 365,
  /** ACCOUNT_FARM: cloud customers strongly linked to at least this many others (itself included) */
  farmMinAccounts: 5,
};
export type NetworkParams = typeof NETWORK_PARAMS;

export interface NetworkContext {
  facts: DecisionFacts;
  graph: LinkGraph;
  now: Date;
  params?: Partial<NetworkParams>;
}

/** A network red flag: the shared check shape (src/decision/check.ts), detecting over the link graph. */
export type NetworkFlag = Check<[NetworkContext, NetworkParams], RedFlagHit[]>;

const KYC = 'Supp. No. 3 to 15 CFR Part 732 (BIS "Know Your Customer" guidance and red flags)';

/** The strong links of a party (every flag reads only those), computed once per evaluation (several flags read them). */
const neighbourMemo = new WeakMap<NetworkContext, Map<DecisionParty, Neighbour[]>>();
function neighboursOf(ctx: NetworkContext, p: DecisionParty): Neighbour[] {
  let memo = neighbourMemo.get(ctx);
  if (!memo) neighbourMemo.set(ctx, (memo = new Map()));
  let nb = memo.get(p);
  if (!nb) memo.set(p, (nb = ctx.graph.neighbours(p.nodeId, p.values, STRONG_LINK)));
  return nb;
}

/** Index of the first of a node's orders (kept oldest first) created at or after `since` (binary search). */
function windowStart(orders: readonly NodeOrder[], since: string): number {
  let lo = 0;
  let hi = orders.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (orders[mid].createdAt < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of a node's orders within [since, now) it placed as the buyer, and their accelerators (plain loop: this runs for every decision). */
function buyerOrders(orders: readonly NodeOrder[], since: string, now: string): { orders: number; accelerators: number } {
  let count = 0;
  let accelerators = 0;
  for (let i = windowStart(orders, since); i < orders.length && orders[i].createdAt < now; i++)
    if (orders[i].role === 'buyer') {
      count++;
      accelerators += orders[i].accelerators;
    }
  return { orders: count, accelerators };
}

const viaText = (nb: Neighbour) => [...new Set(nb.via.filter((v) => v.weight > 0).map((v) => `${v.type.replace(/_/g, ' ')} ${v.hint}`))].join(', ');
const viaEvidence = (nb: Neighbour) => nb.via.map((v) => ({ type: v.type, value: v.hint, sharedBy: v.df, weight: Math.round(v.weight * 100) / 100 }));

export const linkedToRestricted: NetworkFlag = {
  id: 'LINKED_TO_RESTRICTED',
  name: 'linkedToRestricted',
  severity: 'review',
  weight: 0.6,
  source: `${KYC}; 15 CFR 744.11 (Entity List); BIS Guidance to Financial Institutions on Best Practices for Compliance with the EAR, Oct 9 2024 (parties sharing an address or details with an Entity List party); FinCEN-BIS Joint Notice FIN-2023-NTC2, Nov 6 2023`,
  reads: ['every party: identifiers, address, website', 'payment.payerName', '(link graph: listed parties, denied decisions)'],
  detect: (ctx, p) => {
    const out: RedFlagHit[] = [];
    for (const party of ctx.facts.parties) {
      if (party.listed) continue; // its own match is already a reason
      for (const nb of neighboursOf(ctx, party)) {
        if (nb.strength < STRONG_LINK) break; // sorted strongest first
        if (!nb.node.listed && !nb.node.denied) continue;
        const what = nb.node.listed ? 'a party that matched a restricted-party list' : 'a party of a denied decision';
        const deny = nb.node.listed && nb.strength >= p.denyLinkStrength;
        out.push({
          subject: party.role,
          message: `'${party.name}' shares ${viaText(nb)} with '${nb.node.name}', ${what} (link strength ${nb.strength.toFixed(2)})`,
          severity: deny ? 'deny' : 'review',
          weight: deny ? 0.9 : 0.6,
          evidence: {
            linkedParty: nb.node.name,
            linkedNode: nb.node.id,
            listed: nb.node.listed,
            denied: nb.node.denied,
            decisionIds: nb.node.decisionIds.slice(-5),
            strength: Math.round(nb.strength * 100) / 100,
            strongLink: STRONG_LINK,
            denyLinkStrength: p.denyLinkStrength,
            via: viaEvidence(nb),
          },
        });
        break; // one reason per party: its strongest restricted link
      }
    }
    return out;
  },
};

export const splitAcrossLinkedBuyers: NetworkFlag = {
  id: 'SPLIT_ACROSS_LINKED_BUYERS',
  name: 'splitAcrossLinkedBuyers',
  severity: 'review',
  weight: 0.45,
  source: `${KYC}; BIS Industry Guidance to Prevent Diversion of Advanced Computing Integrated Circuits, May 13 2025 (first-time buyers of large volumes; orders structured below thresholds)`,
  reads: ['buyer identifiers, address, payer', 'items (controlled accelerators)', '(link graph: orders of linked buyers)'],
  detect: (ctx, p) => {
    const f = ctx.facts;
    const buyer = f.parties.find((x) => x.role === f.principalRole);
    if (!buyer || f.kind !== 'transaction' || f.accelerators <= 0 || f.accelerators >= p.largeOrderAccelerators) return [];
    const since = new Date(ctx.now.getTime() - p.splitWindowDays * 86_400_000).toISOString();
    const now = ctx.now.toISOString();
    const linked: { name: string; orders: number; accelerators: number; via: string }[] = [];
    let total = f.accelerators;
    const own = ctx.graph.node(buyer.nodeId);
    if (own) total += buyerOrders(own.orders, since, now).accelerators;
    for (const nb of neighboursOf(ctx, buyer)) {
      if (nb.strength < STRONG_LINK) break;
      const recent = buyerOrders(nb.node.orders, since, now);
      if (!recent.orders) continue;
      total += recent.accelerators;
      linked.push({ name: nb.node.name, orders: recent.orders, accelerators: recent.accelerators, via: viaText(nb) });
    }
    if (!linked.length || total < p.largeOrderAccelerators) return [];
    return [
      {
        subject: 'buyer',
        message: `'${buyer.name}' and ${linked.length} linked buyer${linked.length > 1 ? 's' : ''} (${linked.map((l) => `'${l.name}' via ${l.via}`).join('; ')}) ordered ${total} controlled accelerators in ${p.splitWindowDays} days, past the large-order level of ${p.largeOrderAccelerators}, each order below it (this one: ${f.accelerators})`,
        evidence: { accelerators: f.accelerators, total, level: p.largeOrderAccelerators, windowDays: p.splitWindowDays, linkedBuyers: linked },
      },
    ];
  },
};

export const cumulativeCapacity: NetworkFlag = {
  id: 'CUMULATIVE_CAPACITY',
  name: 'cumulativeCapacity',
  severity: 'review',
  weight: 0.4,
  source: `BIS Industry Guidance to Prevent Diversion of Advanced Computing Integrated Circuits, May 13 2025 (a data centre unable to confirm its infrastructure capacity); ${KYC}; power per accelerator: data/networks/accelerator-power.json (vendor system datasheets)`,
  reads: ['shipTo.address (else endUser)', 'attributes.sitePowerMw', 'items', '(link graph: earlier orders to the site)'],
  detect: (ctx, p) => {
    const f = ctx.facts;
    if (!f.siteHash || f.kw <= 0) return [];
    const since = new Date(ctx.now.getTime() - p.capacityWindowDays * 86_400_000).toISOString();
    const now = ctx.now.toISOString();
    const prior = new Map<string, { kw: number; accelerators: number; createdAt: string; sitePowerKw: number | null }>();
    for (const party of f.parties) {
      const node = ctx.graph.node(party.nodeId);
      if (!node) continue;
      // the party's orders to this site only (an index by site: a forwarder in every order has hundreds)
      const orders = ctx.graph.ordersAtSite(node, f.siteHash);
      for (let i = windowStart(orders, since); i < orders.length && orders[i].createdAt < now; i++) {
        const o = orders[i];
        prior.set(o.decisionId, { kw: o.kw, accelerators: o.accelerators, createdAt: o.createdAt, sitePowerKw: o.sitePowerKw });
      }
    }
    if (!prior.size) return [];
    const stated =
      f.sitePowerKw ?? [...prior.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).find((o) => o.sitePowerKw !== null)?.sitePowerKw ?? null;
    if (stated === null) return [];
    const priorKw = [...prior.values()].reduce((t, o) => t + o.kw, 0);
    const priorAcc = [...prior.values()].reduce((t, o) => t + o.accelerators, 0);
    const total = priorKw + f.kw;
    if (total <= stated) return [];
    return [
      {
        subject: 'shipTo',
        message: `With this order ${priorAcc + f.accelerators} controlled accelerators (about ${Math.round(total)} kW) go to one site within ${p.capacityWindowDays} days (${prior.size} earlier order${prior.size > 1 ? 's' : ''}), beyond its stated power of ${Math.round(stated)} kW`,
        evidence: {
          earlierOrders: prior.size,
          earlierAccelerators: priorAcc,
          earlierKw: Math.round(priorKw),
          orderKw: Math.round(f.kw),
          totalKw: Math.round(total),
          statedKw: stated,
          windowDays: p.capacityWindowDays,
          decisionIds: [...prior.keys()].slice(-10),
        },
      },
    ];
  },
};

export const accountFarm: NetworkFlag = {
  id: 'ACCOUNT_FARM',
  name: 'accountFarm',
  severity: 'review',
  weight: 0.5,
  source:
    'Executive Order 13984 and BIS proposed rule on IaaS customer identification programs, 89 FR 5698 (Jan 29 2024); BIS Industry Guidance to Prevent Diversion of Advanced Computing Integrated Circuits, May 13 2025 (IaaS access for restricted end users)',
  reads: ['customer identifiers (payment fingerprint, device id, bank account, e-mail)', '(link graph: other cloud customers)'],
  detect: (ctx, p) => {
    const f = ctx.facts;
    if (f.kind !== 'cloud') return [];
    const customer = f.parties.find((x) => x.role === 'customer');
    if (!customer) return [];
    const linked = neighboursOf(ctx, customer).filter((nb) => nb.strength >= STRONG_LINK && nb.node.source === 'cloud');
    if (linked.length + 1 < p.farmMinAccounts) return [];
    const shared = new Map<string, number>();
    for (const nb of linked) for (const v of nb.via) shared.set(`${v.type} ${v.hint}`, (shared.get(`${v.type} ${v.hint}`) ?? 0) + 1);
    return [
      {
        subject: 'customer',
        message: `'${customer.name}' is one of ${linked.length + 1} cloud customers sharing ${[...shared.keys()].slice(0, 3).join(', ')}: an account farm`,
        evidence: {
          accounts: linked.length + 1,
          minAccounts: p.farmMinAccounts,
          linked: linked.slice(0, 20).map((nb) => nb.node.name),
          shared: Object.fromEntries(shared),
        },
      },
    ];
  },
};

export const NETWORK_FLAGS: NetworkFlag[] = [linkedToRestricted, splitAcrossLinkedBuyers, cumulativeCapacity, accountFarm];

/** Runs the network flags; a detector that throws is a review reason (fail closed), never a silent allow. */
export function evaluateNetworkFlags(ctx: NetworkContext, flags: NetworkFlag[] = NETWORK_FLAGS): Reason[] {
  const params = { ...NETWORK_PARAMS, ...ctx.params };
  const reasons: Reason[] = [];
  const date = ctx.now.toISOString().slice(0, 10);
  for (const flag of flags) {
    if (!checkInForce(flag, date)) continue;
    let hits: RedFlagHit[];
    try {
      hits = flag.detect(ctx, params);
    } catch (err) {
      reasons.push({
        code: 'RISK_CHECK_FAILED',
        severity: 'review',
        subject: 'order',
        citation: '15 CFR Part 732, Supplement No. 3: a red flag that cannot be checked is not resolved (hold for review)',
        message: `Network check '${flag.name}' (${flag.id}) could not run; hold for review`,
        evidence: { detector: flag.name, error: err instanceof Error ? err.message : String(err) },
      });
      continue;
    }
    for (const h of hits) {
      reasons.push({
        code: flag.id,
        severity: h.severity ?? flag.severity,
        message: h.message,
        citation: flag.source,
        subject: h.subject,
        evidence: { ...h.evidence, detector: flag.name, weight: h.weight ?? flag.weight },
      });
    }
  }
  return reasons;
}

/**
 * The decision with the network reasons merged in: reasons re-sorted, the outcome the most severe, the
 * riskScore raised as riskScore() does (noisy OR with each new flag's weight, review / deny floors).
 */
export function withNetworkReasons<B extends { decision: string; reasons: Reason[]; riskScore: number }>(body: B, extra: Reason[]): B {
  if (!extra.length) return body;
  const reasons = sortReasons(dedupeReasons([...body.reasons, ...extra]));
  let keep = 1 - body.riskScore / 100;
  const weights = new Map<string, number>();
  for (const r of extra) weights.set(r.code, Math.max(weights.get(r.code) ?? 0, Number(r.evidence.weight) || 0));
  for (const w of weights.values()) keep *= 1 - Math.min(1, w);
  let score = Math.round(100 * (1 - keep));
  if (extra.some((r) => r.severity === 'review')) score = Math.max(score, RISK_PARAMS.score.reviewFloor);
  if (extra.some((r) => r.severity === 'deny')) score = Math.max(score, RISK_PARAMS.score.denyFloor);
  return { ...body, reasons, decision: outcomeOf(reasons), riskScore: Math.max(body.riskScore, Math.min(100, score)) };
}

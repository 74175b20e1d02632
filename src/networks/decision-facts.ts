/**
 * What one decision (an order or a cloud customer) contributes to the link graph: its parties with their
 * hashed link values, and the order facts the window flags read. Plain TypeScript.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Party } from '../common/order';
import { buyerKey } from '../risk/keys';
import { addressValues, LinkValue, normaliseIdentifier, payerValue } from './identifiers';
import { HashedValue, Hasher, NodeKind } from './link-graph';

export interface DecisionParty {
  role: string;
  name: string;
  country?: string;
  nodeId: string;
  kind: NodeKind;
  values: HashedValue[];
  /** its screening in this decision was a match */
  listed: boolean;
}

export interface DecisionFacts {
  kind: string;
  parties: DecisionParty[];
  /** the party that places the order or holds the account: buyer | customer */
  principalRole: string;
  /** controlled accelerators */
  accelerators: number;
  kw: number;
  siteHash: string | null;
  sitePowerKw: number | null;
}

/** The parts of a decision response the graph reads. */
export interface DecisionOutcome {
  decision: string;
  items: { controlled?: boolean; acceleratorCount?: number; resolvedModel?: string | null; model?: string }[];
  parties: { subject: string; status: string }[];
}

export interface PowerTable {
  defaultKw: number;
  generations: { pattern: RegExp; kw: number; source: string }[];
}

export function loadPowerTable(dataDir: string): PowerTable {
  const raw = JSON.parse(readFileSync(join(dataDir, 'networks', 'accelerator-power.json'), 'utf8')) as {
    default: { kw: number };
    generations: { pattern: string; kw: number; source: string }[];
  };
  return {
    defaultKw: raw.default.kw,
    generations: raw.generations.map((g) => ({ pattern: new RegExp(g.pattern, 'i'), kw: g.kw, source: g.source })),
  };
}

export function kwPerAccelerator(model: string | null | undefined, table: PowerTable): number {
  if (model) for (const g of table.generations) if (g.pattern.test(model)) return g.kw;
  return table.defaultKw;
}

function partyValues(p: Party, extra: LinkValue[] = [], weakAddress = false): LinkValue[] {
  const out: LinkValue[] = [];
  for (const id of p.identifiers ?? []) out.push(...normaliseIdentifier(id.type, id.value));
  if (p.website) out.push(...normaliseIdentifier('website_domain', p.website));
  const addr = addressValues(p.address, p.country);
  out.push(...(weakAddress ? addr.filter((v) => v.type === 'building') : addr));
  out.push(...extra);
  return out;
}

const DATA_CENTRE_SITES = ['data_center', 'colocation'];

export function decisionFacts(kind: string, request: unknown, outcome: DecisionOutcome, hasher: Hasher, power: PowerTable): DecisionFacts {
  const listedSubjects = new Set(outcome.parties.filter((p) => p.status === 'match').map((p) => p.subject));
  const parties: DecisionParty[] = [];
  const add = (role: string, p: Party | undefined, values: LinkValue[]) => {
    if (!p?.name) return;
    const nameKey = buyerKey(p.name);
    if (!nameKey) return;
    parties.push({
      role,
      name: p.name,
      country: p.country,
      kind: 'party',
      nodeId: hasher.nodeId('party', nameKey, p.country),
      values: hasher.values(values),
      listed: listedSubjects.has(role),
    });
  };
  let principalRole = 'buyer';
  let siteHash: string | null = null;
  let sitePowerKw: number | null = null;
  if (kind === 'cloud') {
    const c = request as {
      customer: Party;
      beneficialOwners?: Party[];
      resellerFor?: Party;
      payment?: { payerName?: string };
      dataCenterId?: string;
    };
    principalRole = 'customer';
    add('customer', c.customer, partyValues(c.customer, payerValue(c.payment?.payerName)));
    (c.beneficialOwners ?? []).forEach((o, i) => add(`beneficialOwners[${i}]`, o, partyValues(o)));
    if (c.resellerFor) add('resellerFor', c.resellerFor, partyValues(c.resellerFor));
  } else {
    const o = request as {
      buyer: Party;
      endUser?: Party;
      shipTo?: Party;
      billTo?: Party;
      intermediaries?: Party[];
      payment?: { payerName?: string };
      attributes?: { siteType?: unknown; sitePowerMw?: unknown };
    };
    const dcSite = typeof o.attributes?.siteType === 'string' && DATA_CENTRE_SITES.includes(o.attributes.siteType);
    add('buyer', o.buyer, partyValues(o.buyer, payerValue(o.payment?.payerName)));
    if (o.endUser) add('endUser', o.endUser, partyValues(o.endUser));
    // a data centre or colocation site houses many unrelated customers: its address is a weak link only
    if (o.shipTo) add('shipTo', o.shipTo, partyValues(o.shipTo, [], dcSite));
    if (o.billTo) add('billTo', o.billTo, partyValues(o.billTo));
    (o.intermediaries ?? []).forEach((p, i) => add(`intermediaries[${i}]`, p, partyValues(p)));
    const site = addressValues(o.shipTo?.address, o.shipTo?.country)[0];
    if (site) siteHash = hasher.hash(site.type, site.value);
    else {
      const endUser = parties.find((p) => p.role === 'endUser');
      siteHash = endUser ? hasher.hash('site', endUser.nodeId) : null;
    }
    const mw = o.attributes?.sitePowerMw;
    sitePowerKw = typeof mw === 'number' && Number.isFinite(mw) && mw >= 0 ? mw * 1000 : null;
  }
  let accelerators = 0;
  let kw = 0;
  for (const it of outcome.items) {
    if (!it.controlled) continue;
    const n = Math.max(0, it.acceleratorCount ?? 0);
    accelerators += n;
    kw += n * kwPerAccelerator(it.resolvedModel ?? it.model, power);
  }
  return { kind, parties, principalRole, accelerators, kw, siteHash, sitePowerKw };
}

/**
 * The decision core: rules + screening + risk -> allow / review / deny, every reason coded and cited.
 * Plain TypeScript; the Nest services feed it the rule book, a screening function and the order history.
 * Cloud customer vetting (src/cloud) reuses the building blocks exported here.
 */
import { Order, Party, orderParties } from '../common/order';
import { Outcome, Reason, dedupeReasons, outcomeOf, sortReasons } from '../common/reason';
import { ListCode } from '../lists/list-entry';
import { evaluateRedFlags, OrderHistory } from '../risk';
import type { AffiliatesAfterSuspension, ItemClassification, RuleBook } from '../rules';
import type { PartyQuery, ScreeningMatch, ScreeningResult } from '../screening';
import { LIST_CONSEQUENCES } from './list-consequences';
import { MAJORITY_OWNER_PERCENT, ownerListMatch } from './owners';

export type ScreenFn = (query: PartyQuery) => ScreeningResult;

/** The state of the loaded lists a decision was made on. */
export interface ListState {
  sample: boolean;
  stale: { code: string; asOf: string; ageDays: number }[];
  maxAgeDays: number;
  versionDates: Record<string, string>;
  versionIds: Record<string, number>;
}

export interface PartyScreening {
  subject: string;
  name: string;
  status: ScreeningResult['status'];
  matches: ScreeningMatch[];
}

export interface ItemResult {
  index: number;
  model: string;
  resolvedModel: string | null;
  eccn: string;
  tpp: number | null;
  performanceDensity: number | null;
  datacenter: boolean | null;
  basis: string;
  acceleratorCount: number;
  /** caught by the advanced-computing rules (or unknown, failing closed) */
  controlled: boolean;
  licenseRequired: boolean;
  licenseExceptions: string[];
  reviewPolicy?: string;
}

export interface DecisionBody {
  decision: Outcome;
  reasons: Reason[];
  items: ItemResult[];
  parties: PartyScreening[];
  riskScore: number;
  rulesVersion: string;
  listVersions: Record<string, string>;
  listVersionIds: Record<string, number>;
}

export interface DecisionInputs {
  order: Order;
  rules: RuleBook;
  screen: ScreenFn;
  lists: ListState;
  history: OrderHistory;
  now: Date;
  /** screening score at or above which a result is a match (SCREEN_MATCH_THRESHOLD) */
  matchThreshold: number;
  /** AFFILIATES_RULE_AFTER_SUSPENSION (default in_force) */
  affiliatesAfterSuspension?: AffiliatesAfterSuspension;
}

/** Reasons that follow from the lists themselves (fail closed on a sample or stale list). */
export function listStateReasons(lists: ListState): Reason[] {
  const out: Reason[] = [];
  if (lists.sample) {
    out.push({
      code: 'LISTS_SAMPLE_ONLY',
      severity: 'review',
      message: 'Only the bundled sample of restricted-party lists is loaded; screening is incomplete until the official lists are imported',
      citation: '15 CFR 744 (screening obligations); Supp. No. 3 to Part 732 (know your customer)',
      subject: 'order',
      evidence: { versions: lists.versionDates },
    });
  }
  if (lists.stale.length > 0) {
    out.push({
      code: 'LISTS_STALE',
      severity: 'review',
      message: `Restricted-party lists older than ${lists.maxAgeDays} days: ${lists.stale.map((s) => `${s.code} (${s.asOf})`).join(', ')}`,
      citation: '15 CFR 744 (screening against current lists); LIST_MAX_AGE_DAYS',
      subject: 'order',
      evidence: { stale: lists.stale, maxAgeDays: lists.maxAgeDays },
    });
  }
  return out;
}

/** Which parties (and names tied to them) are screened, under which subject. */
export function screeningTargets(order: Order): { subject: string; query: PartyQuery }[] {
  const targets: { subject: string; query: PartyQuery }[] = [];
  for (const { subject, party } of orderParties(order)) {
    targets.push({ subject, query: partyQuery(party) });
    if (party.ultimateParentName) {
      targets.push({ subject: `${subject}.ultimateParent`, query: { name: party.ultimateParentName, type: 'entity', country: party.ultimateParentCountry } });
    }
  }
  if (order.payment?.payerName) {
    targets.push({ subject: 'payment', query: { name: order.payment.payerName, country: order.payment.originCountry } });
  }
  return targets;
}

export function partyQuery(party: Party): PartyQuery {
  return {
    name: party.name,
    type: party.type,
    country: party.country,
    address: party.address,
    dateOfBirth: party.dateOfBirth,
    nationality: party.nationality,
    identifiers: party.identifiers,
  };
}

/** Screen each target; a match is a reason with the list's consequence, a possible match is review. */
export function screenTargets(
  targets: { subject: string; query: PartyQuery }[],
  screen: ScreenFn,
  matchThreshold: number,
): { parties: PartyScreening[]; reasons: Reason[] } {
  const parties: PartyScreening[] = [];
  const reasons: Reason[] = [];
  // the buyer is often also end user, bill-to and payer: screen each distinct query once
  const results = new Map<string, ScreeningResult>();
  for (const { subject, query } of targets) {
    const key = `${query.name}\u0000${query.type ?? ''}\u0000${query.country ?? ''}\u0000${query.address ?? ''}`;
    let result = results.get(key);
    if (!result) results.set(key, (result = screen(query)));
    parties.push({ subject, name: query.name, status: result.status, matches: result.matches });
    for (const m of result.matches) {
      const consequence = LIST_CONSEQUENCES[m.source as ListCode] ?? LIST_CONSEQUENCES.OFAC_NONSDN;
      const isMatch = m.score >= matchThreshold;
      const on = m.matchedOn === 'address' ? `address matches ${m.source} address-only entry` : `matches ${m.source} entry`;
      const listing = listingOf(m);
      reasons.push({
        code: isMatch ? 'PARTY_LIST_MATCH' : 'PARTY_POSSIBLE_MATCH',
        severity: isMatch ? consequence.severity : 'review',
        message: `${subjectLabel(subject)} "${query.name}" ${isMatch ? '' : 'possibly '}${on} '${m.name}' (score ${m.score.toFixed(2)}${listing.message}): ${consequence.meaning}`,
        citation: consequence.citation + listing.citation,
        subject,
        evidence: {
          source: m.source,
          entryId: m.entryId,
          entryName: m.name,
          matchedName: m.matchedName,
          matchedOn: m.matchedOn,
          score: m.score,
          explanation: m.explanation,
          ...(m.licenseRequirement ? { licenseRequirement: m.licenseRequirement } : {}),
          ...(m.federalRegisterNotice ? { federalRegisterNotice: m.federalRegisterNotice } : {}),
          ...(m.startDate ? { startDate: m.startDate } : {}),
        },
      });
    }
  }
  return { parties, reasons };
}

/** The listing's own Federal Register notice and start date, as the list gives them (CSL columns), for message and citation. */
function listingOf(m: { federalRegisterNotice?: string | null; startDate?: string | null }): { message: string; citation: string } {
  const fr = m.federalRegisterNotice;
  const from = m.startDate;
  if (!fr && !from) return { message: '', citation: '' };
  return {
    message: `; listed${fr ? ` by ${fr}` : ''}${from ? ` from ${from}` : ''}`,
    citation: fr ? `; listed by ${fr}${from ? ` (in force from ${from})` : ''}` : '',
  };
}

export function subjectLabel(subject: string): string {
  const labels: Record<string, string> = {
    buyer: 'Buyer',
    endUser: 'End user',
    shipTo: 'Ship-to party',
    billTo: 'Bill-to party',
    payment: 'Payer',
    customer: 'Customer',
  };
  if (labels[subject]) return labels[subject];
  const m = /^intermediaries\[(\d+)\]$/.exec(subject);
  if (m) return `Intermediary ${Number(m[1]) + 1}`;
  const o = /^beneficialOwners\[(\d+)\]$/.exec(subject);
  if (o) return `Beneficial owner ${Number(o[1]) + 1}`;
  if (subject.endsWith('.ultimateParent')) return `${subjectLabel(subject.slice(0, -'.ultimateParent'.length))}'s ultimate parent`;
  return subject;
}

/** Where the goods go: ship-to and end-user countries (the buyer's when neither is given). */
export function destinationsOf(order: Order): { subject: string; country: string }[] {
  const out: { subject: string; country: string }[] = [];
  if (order.shipTo?.country) out.push({ subject: 'shipTo', country: order.shipTo.country });
  if (order.endUser?.country) out.push({ subject: 'endUser', country: order.endUser.country });
  if (out.length === 0 && order.buyer.country) out.push({ subject: 'buyer', country: order.buyer.country });
  return out;
}

/**
 * Headquarters and ultimate parents of the parties the HQ rule looks at: the end user and the ultimate
 * consignee (ship-to); the buyer stands in for the end user when none is named. A reseller or forwarder
 * in the chain is not the entity the items are "for" (15 CFR 744.23(a)(3); 742.6(a)(6)(iii)(A)); its
 * headquarters still feed the red flags and the screening.
 */
export function headquartersOf(order: Order): { subject: string; country: string; kind: 'headquarters' | 'ultimateParent' }[] {
  const recipients: { subject: string; party: Party }[] = [];
  if (order.endUser) recipients.push({ subject: 'endUser', party: order.endUser });
  else recipients.push({ subject: 'buyer', party: order.buyer });
  if (order.shipTo) recipients.push({ subject: 'shipTo', party: order.shipTo });
  const out: { subject: string; country: string; kind: 'headquarters' | 'ultimateParent' }[] = [];
  for (const { subject, party } of recipients) {
    if (party.headquartersCountry) out.push({ subject, country: party.headquartersCountry, kind: 'headquarters' });
    if (party.ultimateParentCountry) out.push({ subject, country: party.ultimateParentCountry, kind: 'ultimateParent' });
  }
  // a majority owner of the buyer controls it: where the buyer is the entity the items are for, the owner's
  // headquarters count as an ultimate parent's (744.23(a)(3); 744.23(d)(2) "not majority-owned")
  const same = (a?: string, b?: string) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
  const owned = !order.endUser ? 'buyer' : same(order.endUser.name, order.buyer.name) ? 'endUser' : undefined;
  if (owned) {
    for (const o of order.beneficialOwners ?? []) {
      const country = o.ultimateParentCountry ?? o.headquartersCountry ?? o.country;
      if (country && o.ownershipPercent !== undefined && o.ownershipPercent >= MAJORITY_OWNER_PERCENT)
        out.push({ subject: owned, country, kind: 'ultimateParent' });
    }
  }
  return out;
}

/** Classify every item and determine its licence requirement for this order's destinations and parties. */
export function classifyAndLicense(order: Order, rules: RuleBook): { items: ItemResult[]; classifications: ItemClassification[]; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const items: ItemResult[] = [];
  const classifications: ItemClassification[] = [];
  const destinations = destinationsOf(order);
  if (destinations.length === 0) {
    reasons.push({
      code: 'DESTINATION_UNKNOWN',
      severity: 'review',
      message: 'No ship-to, end-user or buyer country given: the licence requirement cannot be determined',
      citation: '15 CFR 758.1 (destination on export documents); 15 CFR 742.6(a)(6)',
      subject: 'order',
      evidence: {},
    });
  }
  const headquarters = headquartersOf(order);
  const parties = orderParties(order).map(({ subject, party }) => ({ subject, name: party.name, country: party.country, kind: party.kind }));
  order.items.forEach((item, index) => {
    const c = rules.classifyItem(item, { date: order.date, index });
    classifications.push(c);
    reasons.push(...c.reasons);
    const licence = rules.determineLicence(c, {
      date: order.date,
      exportFrom: order.exportFrom,
      destinations,
      headquarters,
      licenses: order.licenses ?? [],
      endUse: order.endUse,
      parties,
    });
    reasons.push(...licence.reasons);
    items.push({
      index,
      model: item.model,
      resolvedModel: c.resolvedModel ?? null,
      eccn: c.eccn,
      tpp: c.tpp ?? null,
      performanceDensity: c.performanceDensity ?? null,
      datacenter: c.datacenter ?? null,
      basis: c.basis,
      acceleratorCount: item.quantity * (c.acceleratorsPerUnit || 1),
      controlled: isControlled(c),
      licenseRequired: licence.licenseRequired,
      licenseExceptions: licence.licenseExceptions,
      ...(licence.reviewPolicy ? { reviewPolicy: licence.reviewPolicy } : {}),
    });
  });
  return { items, classifications, reasons };
}

/** The whole decision for one order. Deterministic for the same inputs (replayable). */
export function decideOrder(input: DecisionInputs): DecisionBody {
  const { order, rules, lists } = input;
  const reasons: Reason[] = [...listStateReasons(lists)];

  const classified = classifyAndLicense(order, rules);
  reasons.push(...classified.reasons);

  const screened = screenTargets(screeningTargets(order), input.screen, input.matchThreshold);
  reasons.push(...screened.reasons);
  const owners = screenOwners(order, input, rules);
  reasons.push(...owners.reasons);

  const risk = evaluateRedFlags({
    order,
    items: classified.items.map((it, i) => ({
      index: it.index,
      eccn: it.eccn,
      controlled: it.controlled,
      acceleratorCount: it.acceleratorCount,
      tpp: it.tpp ?? undefined,
      kind: classified.classifications[i].kind,
      resolvedModel: it.resolvedModel ?? undefined,
      unitValueUsd: order.items[i].unitValueUsd,
    })),
    countries: rules,
    history: input.history,
    now: input.now,
  });
  reasons.push(...risk.reasons);

  return assembleDecision(reasons, {
    items: classified.items,
    parties: [...screened.parties, ...owners.parties],
    riskScore: () => risk.riskScore,
    rulesVersion: rules.ruleSetFor(order.date).id,
    lists,
  });
}

/**
 * Screens the buyer's declared owners (every one of them). An owner is not a party to the export: a confirmed
 * match is a legal stop only for a majority owner on a blocking list (OFAC 50 % rule) or, while the affiliates
 * rule applies (dated rule data; AFFILIATES_RULE_AFTER_SUSPENSION after Nov 9 2026), on the Entity List / MEU.
 */
export function screenOwners(
  order: Order,
  input: Pick<DecisionInputs, 'screen' | 'matchThreshold' | 'affiliatesAfterSuspension'>,
  rules: RuleBook,
): { parties: PartyScreening[]; reasons: Reason[] } {
  const owners = order.beneficialOwners ?? [];
  if (!owners.length) return { parties: [], reasons: [] };
  const targets = owners.map((o, i) => ({ subject: `beneficialOwners[${i}]`, query: partyQuery(o) }));
  const screened = screenTargets(targets, input.screen, input.matchThreshold);
  const affiliates = rules.affiliatesRule(order.date, input.affiliatesAfterSuspension ?? 'in_force');
  const reasons = screened.reasons.map((r) => {
    if (r.code !== 'PARTY_LIST_MATCH' || r.severity !== 'deny') return r;
    const i = Number(/\[(\d+)\]/.exec(r.subject)![1]);
    return ownerListMatch(r, owners[i].ownershipPercent, {
      owned: 'the buyer',
      affiliates,
      minorityCitation: 'Supp. No. 3 to Part 732 (know your customer: ownership of the buyer)',
    });
  });
  return { parties: screened.parties, reasons };
}

/**
 * The decision from its reasons: each said once, most severe first; the outcome is the most severe
 * (DESIGN.md). Shared by transactions and cloud, so both speak the same shape.
 */
export function assembleDecision<I>(
  reasons: Reason[],
  parts: {
    items: I[];
    parties: PartyScreening[];
    riskScore: (sorted: Reason[]) => number;
    rulesVersion: string;
    lists: Pick<ListState, 'versionDates' | 'versionIds'>;
  },
): Omit<DecisionBody, 'items'> & { items: I[] } {
  const sorted = sortReasons(dedupeReasons(reasons));
  return {
    decision: outcomeOf(sorted),
    reasons: sorted,
    items: parts.items,
    parties: parts.parties,
    riskScore: parts.riskScore(sorted),
    rulesVersion: parts.rulesVersion,
    listVersions: parts.lists.versionDates,
    listVersionIds: parts.lists.versionIds,
  };
}

/** An item the advanced-computing rules catch (3A090/4A090 and their .z twins), or an unknown one (fail closed). */
export function isControlled(c: ItemClassification): boolean {
  return c.unknown || /^(3A090|4A090)|\.z$/i.test(c.eccn);
}

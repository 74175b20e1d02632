/**
 * The decision for one order: rules + screening + risk -> allow / review / deny, every reason coded and cited.
 * Plain TypeScript on the decision kernel (src/decision); the Nest service feeds it the rule book, a screening
 * function and the order history.
 */
import { Order, Party, orderParties } from '../common/order';
import type { Reason } from '../common/reason';
import {
  assembleDecision,
  DecisionBody,
  isControlled,
  ItemResult,
  ListState,
  listStateReasons,
  MAJORITY_OWNER_PERCENT,
  ownerListMatch,
  partyQuery,
  PartyScreening,
  ScreenFn,
  screeningTargets,
  screenTargets,
} from '../decision';
import { evaluateRedFlags, OrderHistory } from '../risk';
import type { AffiliatesAfterSuspension, ItemClassification, RuleBook } from '../rules';

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
    const license = rules.determineLicense(c, {
      date: order.date,
      exportFrom: order.exportFrom,
      destinations,
      headquarters,
      licenses: order.licenses ?? [],
      endUse: order.endUse,
      parties,
    });
    reasons.push(...license.reasons);
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
      licenseRequired: license.licenseRequired,
      licenseExceptions: license.licenseExceptions,
      ...(license.reviewPolicy ? { reviewPolicy: license.reviewPolicy } : {}),
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

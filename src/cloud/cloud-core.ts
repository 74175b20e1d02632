/**
 * Cloud (IaaS) customer vetting: who really uses the accelerators, from where, for what.
 *
 * Plain TypeScript, no Nest: `decideCustomer(input, deps)` runs small named checks, each returning
 * coded and cited Reasons, and folds them into the same DecisionBody a transaction produces
 * (src/decision, the kernel), plus the aggregate compute of the requested capacity.
 *
 * Legal frame (docs/export-rules.md §5, §3.6; red-flags.md "Cloud / IaaS"):
 * - providing remote capacity is generally not an export [U: no verbatim BIS text], so there is no
 *   destination licence check here; what is caught is the HQ rule following the customer,
 *   the May 13 2025 policy statement on training for D:5/Macau-headquartered parties (§744.6 / §744.23),
 *   restricted-party lists, licence / VEU conditions on the hardware (no unauthorised remote access)
 *   and the diversion red flags (fronts, resellers, VPNs, payments);
 * - the Jan 2024 IaaS KYC / CIP proposal (89 FR 5698) was never finalised: best practice, not law [U].
 *
 * Deterministic for the same input and deps (replayable): the date decides the rules in force.
 */
import type { Item, OrderAttributes, Party } from '../common/order';
import { Reason, Severity } from '../common/reason';
import { RISK_PARAMS, riskScore } from '../risk';
import { COMPUTE_RELATED, UNRELATED_ACTIVITY } from '../risk/params';
import { aggregateCompute, H100_TPP } from '../rules';
import type { AffiliatesRuleStatus, ItemClassification } from '../rules';
import type { PartyQuery } from '../screening/types';
import {
  assembleDecision,
  DecisionBody,
  isControlled,
  ItemResult,
  ListState,
  listStateReasons,
  PartyScreening,
  ScreenFn,
  screenTargets,
  subjectLabel,
  ownerListMatch,
} from '../decision';

// ---------------------------------------------------------------- input

export const INTENDED_USES = ['training', 'inference', 'hpc', 'other'] as const;
export type IntendedUse = (typeof INTENDED_USES)[number];

export interface BeneficialOwner extends Party {
  /** 0..100; unknown = screened anyway (fail closed) */
  ownershipPercent?: number;
}

export interface AcceleratorRequest {
  model: string;
  partNumber?: string;
  quantity: number;
  /** for servers / boards when the catalog does not know them */
  acceleratorsPerUnit?: number;
}

/** A validated request (countries upper case). API.md `POST /v1/cloud/customers/screen`. */
export interface CloudCustomerInput {
  reference?: string;
  /** YYYY-MM-DD: the rules, country groups and licence conditions in force that day */
  date: string;
  customer: Party;
  beneficialOwners?: BeneficialOwner[];
  dataCenterCountry: string;
  /** the provider's id of the data centre (matches data/cloud/datacenter-conditions.json) */
  dataCenterId?: string;
  accessCountries?: string[];
  /** logins seen through VPN / Tor / anonymising proxies */
  anonymiserAccess?: boolean;
  accelerators: AcceleratorRequest[];
  intendedUse?: IntendedUse;
  /** estimated operations of the largest planned training run */
  trainingComputeFlop?: number;
  resellerFor?: Party;
  resellerDisclosesCustomers?: boolean;
  payment?: { payerName?: string; originCountry?: string; method?: string };
  attributes?: OrderAttributes;
}

// ---------------------------------------------------------------- deps

/** What the checks need from the rules module (the service adapts the RuleBook to this). */
export interface CloudRules {
  countryGroups(country: string, date: string): string[];
  /** D:1 / D:4 / D:5 minus A:5 / A:6, plus Macau (China and Hong Kong included) */
  isRestrictedForAdvancedComputing(country: string, date: string): boolean;
  isEmbargoed(country: string, date: string): boolean;
  classifyItem(item: Item, ctx: { date: string; index: number }): ItemClassification;
  /** Macau or D:5 (the HQ rule of the rule set in force) */
  isRestrictedHeadquarters(country: string, date: string): boolean;
  /** id of the rule set in force */
  rulesVersion(date: string): string;
  /** TPP of one H100-equivalent (the catalog's H100 SXM5) */
  h100Tpp?(): number;
  /** the affiliates (50 %) rule on a date (RuleBook.affiliatesRule with AFFILIATES_RULE_AFTER_SUSPENSION); absent = not applied */
  affiliatesRule?(date: string): AffiliatesRuleStatus | null;
}

/** One authorisation under which a data centre holds its hardware (data/cloud/datacenter-conditions.json). */
export interface DataCenterCondition {
  id: string;
  example?: boolean;
  dataCenterCountry: string;
  /** null / absent = every data centre of that country */
  dataCenterId?: string | null;
  authorisation: string;
  reference: string;
  forbids: CustomerCategory[];
  severity: Severity;
  from: string | null;
  to: string | null;
  citation: string;
  note?: string;
}

export const CUSTOMER_CATEGORIES = [
  'restricted_hq',
  'restricted_access',
  'd5_access',
  'anonymised_access',
  'undisclosed_end_customers',
  'listed_party',
] as const;
export type CustomerCategory = (typeof CUSTOMER_CATEGORIES)[number];

export interface CloudDeps {
  rules: CloudRules;
  screen: ScreenFn;
  lists: ListState;
  /** SCREEN_MATCH_THRESHOLD */
  matchThreshold: number;
  /** OWNER_SCREEN_PERCENT (default 25): owners at or above are screened */
  ownerScreenPercent: number;
  /** CLOUD_TRAINING_FLOP_THRESHOLD (default 1e26) */
  trainingFlopThreshold: number;
  conditions: DataCenterCondition[];
  params?: Partial<CloudParams>;
}

// ---------------------------------------------------------------- params

/** Tunable numbers of the cloud checks. None is a regulatory threshold unless it says so. */
export const CLOUD_PARAMS = {
  /** an owner at or above this share is a majority owner ("ultimate parent" for the HQ rule; OFAC / affiliates 50 % rules) */
  majorityOwnerPercent: 50,
  /**
   * Upper bound on one training run when no estimate is given: the cluster at dense FP16 peak for this many days.
   * Dense FP16 ops/s of a chip = TPP / 16 (TPP = TOPS x bit length, export-rules.md §1.3). [suggestion]
   */
  trainingWindowDays: 90,
  /** rental price used to turn capacity into an annual spend, USD per H100-equivalent hour [suggestion: 2025–26 market range $1.5–3] */
  usdPerH100eHour: 2.0,
  /** annual spend above this multiple of the customer's annual revenue is a capacity mismatch ("revenue tiny vs order") */
  maxSpendToRevenue: 1.0,
  /** a business registered in an unrelated activity renting at least this many H100-equivalents (RISK_PARAMS.largeOrderAccelerators) */
  unrelatedActivityH100e: 64,
  /** an individual renting more than this many H100-equivalents (one 8-GPU server) */
  individualMaxH100e: 8,
  /** a company incorporated less than this many months ago … */
  newCompanyMonths: 12,
  /** … renting at least this many H100-equivalents ("reservations of large clusters by new customers", §5.3) */
  newCompanyLargeClusterH100e: 512,
  /** parties whose kind means they resell capacity to others */
  resellerKinds: ['reseller', 'cloud_provider'] as string[],
  /** kinds for which the May 31 2026 bona fide data-centre-operator note is relevant */
  operatorKinds: ['data_center_operator', 'cloud_provider'] as string[],
  /** riskScore: contribution of each reason code (noisy-OR), see cloudRiskScore() */
  weights: {
    PARTY_LIST_MATCH: 0.7,
    PARTY_POSSIBLE_MATCH: 0.3,
    CLOUD_HQ_RESTRICTED: 0.5,
    CLOUD_LARGE_TRAINING: 0.6,
    CLOUD_ACCESS_RESTRICTED: 0.4,
    CLOUD_ANONYMISER_ACCESS: 0.35,
    CLOUD_RESELLER_UNDISCLOSED: 0.35,
    CLOUD_LICENSE_CONDITION: 0.5,
    CLOUD_CAPACITY_MISMATCH: 0.3,
    CLOUD_PAYMENT_RESTRICTED: 0.3,
    CLOUD_OWNERS_UNDISCLOSED: 0.3,
    CLOUD_DATACENTER_RESTRICTED: 0.3,
    LISTS_SAMPLE_ONLY: 0,
    LISTS_STALE: 0,
  } as Record<string, number>,
  /** weight of a review / info reason whose code is not in `weights` */
  defaultReviewWeight: 0.2,
  defaultInfoWeight: 0.02,
  /** same floors and caps as the transaction risk score */
  score: RISK_PARAMS.score,
};
export type CloudParams = typeof CLOUD_PARAMS;

// ---------------------------------------------------------------- citations

export const CITES = {
  hqRule: '15 CFR 744.23(a)(3); 15 CFR 742.6(a)(6)(iii)(A); BIS guidance of May 31 2026 (HQ rule enforced worldwide)',
  may2025: 'BIS policy statement of May 13 2025 on training AI models for D:5/Macau-headquartered parties (IaaS); 15 CFR 744.6; 15 CFR 744.23',
  may2026:
    'BIS, Guidance Regarding Enforcement of License Requirements for Advanced Computing Items for Entities Headquartered in Country Group D:5 and Macau (May 31 2026)',
  iaasKyc: '89 FR 5698 (Jan 29 2024), proposed IaaS Customer Identification Program, 15 CFR part 7 (proposed rule, not final: best practice)',
  eo14110: 'EO 14110 §4.2(b) interim threshold 10^26 operations (EO revoked Jan 20 2025; non-binding benchmark)',
  diversion2025: 'BIS guidance on diversion of advanced computing ICs (May 13 2025): IaaS access from restricted jurisdictions',
  kyc: 'Supp. No. 3 to Part 732 (BIS "Know Your Customer" guidance and red flags)',
  fincen: 'FinCEN/BIS joint notice FIN-2023-GLOBALEXPORT; FIN-2022-Alert003 (payment red flags)',
  embargo: '15 CFR Part 746 (embargoed destinations); OFAC sanctions programs, 31 CFR Chapter V (services to embargoed countries)',
  gp9: '15 CFR 736.2(b)(9) (General Prohibition Nine: terms and conditions of licences and VEU authorisations)',
};

// ---------------------------------------------------------------- result

export interface AcceleratorCompute {
  index: number;
  model: string;
  resolvedModel: string | null;
  quantity: number;
  acceleratorsPerUnit: number;
  acceleratorCount: number;
  /** TPP of one accelerator */
  tpp: number | null;
  /** tpp x acceleratorCount */
  totalTpp: number | null;
  eccn: string;
}

export interface CloudCompute {
  totalTpp: number;
  h100Equivalents: number;
  h100Tpp: number;
  acceleratorCount: number;
  /** dense FP16-equivalent peak of the whole cluster, operations per second (TPP / 16 per chip) */
  peakOpsPerSecond: number;
  /** the cluster at peak for trainingWindowDays: an upper bound on one run when no estimate is given */
  windowOps: number;
  windowDays: number;
  trainingComputeFlop: number | null;
  trainingFlopThreshold: number;
  /** accelerators whose TPP is unknown are not in the totals */
  unknownTpp: number[];
  accelerators: AcceleratorCompute[];
}

export interface CloudDecisionBody extends DecisionBody {
  compute: CloudCompute;
}

/** Facts several checks read, computed once. */
export interface CloudFacts {
  input: CloudCustomerInput;
  deps: CloudDeps;
  params: CloudParams;
  date: string;
  compute: CloudCompute;
  /** every access country (top level and attributes.accessCountries), upper case, unique */
  accessCountries: string[];
  restrictedHq: RestrictedHq[];
  listMatchSubjects: string[];
  resellsWithoutNames: boolean;
}

export interface RestrictedHq {
  subject: string;
  /** the party's (or its named ultimate parent's) name, when known */
  name?: string;
  country: string;
  kind: 'headquarters' | 'ultimateParent' | 'majorityOwner' | 'location';
  embargoed: boolean;
}

// ---------------------------------------------------------------- helpers

function inPeriod(date: string, from: string | null | undefined, to: string | null | undefined): boolean {
  return (!from || date >= from) && (!to || date < to);
}

export function formatOps(n: number): string {
  if (!Number.isFinite(n) || n === 0) return String(n);
  return n.toExponential(2).replace('e+', 'e');
}

export function monthsBetween(fromIso: string, toIso: string): number {
  const a = new Date(fromIso + 'T00:00:00Z');
  const b = new Date(toIso + 'T00:00:00Z');
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) - (b.getUTCDate() < a.getUTCDate() ? 1 : 0);
}

export function ownerSubject(i: number): string {
  return `beneficialOwners[${i}]`;
}

function isD5OrMacau(country: string, date: string, rules: CloudRules): boolean {
  return country === 'MO' || rules.countryGroups(country, date).includes('D:5');
}

// ---------------------------------------------------------------- compute

export function computeCapacity(
  input: CloudCustomerInput,
  deps: CloudDeps,
  params: CloudParams,
): { compute: CloudCompute; items: ItemResult[]; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const items: ItemResult[] = [];
  const accelerators: AcceleratorCompute[] = [];
  const unknownTpp: number[] = [];
  const classified: { classification: ItemClassification; quantity: number }[] = [];
  input.accelerators.forEach((a, index) => {
    const subject = `accelerators[${index}]`;
    const c = deps.rules.classifyItem(
      { model: a.model, partNumber: a.partNumber, quantity: a.quantity, acceleratorsPerUnit: a.acceleratorsPerUnit },
      { date: input.date, index },
    );
    // the classification's own reasons (GP10 for Ascend parts, unknown part, assumed default …) concern this line
    for (const r of c.reasons) reasons.push({ ...r, subject: r.subject.replace(/^items\[/, 'accelerators[') });
    const perUnit = c.acceleratorsPerUnit || a.acceleratorsPerUnit || 1;
    const count = a.quantity * perUnit;
    const tpp = !c.unknown && typeof c.tpp === 'number' && Number.isFinite(c.tpp) ? c.tpp : null;
    classified.push({ classification: { ...c, acceleratorsPerUnit: perUnit }, quantity: a.quantity });
    if (tpp === null) {
      unknownTpp.push(index);
      reasons.push({
        code: 'CLOUD_ACCELERATOR_UNKNOWN',
        severity: 'review',
        message: `${subjectLabel(subject)} "${a.model}" could not be resolved to a known accelerator: its compute is not counted, so the capacity checks are incomplete`,
        citation: `${CITES.kyc}; 15 CFR 732.3 (classification responsibility)`,
        subject,
        evidence: { model: a.model, quantity: a.quantity, eccn: c.eccn, basis: c.basis },
      });
    }
    accelerators.push({
      index,
      model: a.model,
      resolvedModel: c.resolvedModel ?? null,
      quantity: a.quantity,
      acceleratorsPerUnit: perUnit,
      acceleratorCount: count,
      tpp,
      totalTpp: tpp === null ? null : tpp * count,
      eccn: c.eccn,
    });
    items.push({
      index,
      model: a.model,
      resolvedModel: c.resolvedModel ?? null,
      eccn: c.eccn,
      tpp,
      performanceDensity: c.performanceDensity ?? null,
      datacenter: c.datacenter ?? null,
      basis: c.basis,
      acceleratorCount: count,
      controlled: isControlled(c),
      // remote access to capacity is not an export (export-rules.md §5.1): no destination licence is determined here
      licenseRequired: false,
      licenseExceptions: [],
    });
  });
  const h100Tpp = deps.rules.h100Tpp?.() ?? H100_TPP;
  const total = aggregateCompute(classified, h100Tpp);
  const peakOpsPerSecond = (total.totalTpp / 16) * 1e12;
  const windowOps = peakOpsPerSecond * params.trainingWindowDays * 86400;
  return {
    compute: {
      totalTpp: total.totalTpp,
      h100Equivalents: total.h100Equivalents,
      h100Tpp,
      acceleratorCount: total.accelerators,
      peakOpsPerSecond,
      windowOps,
      windowDays: params.trainingWindowDays,
      trainingComputeFlop: input.trainingComputeFlop ?? null,
      trainingFlopThreshold: deps.trainingFlopThreshold,
      unknownTpp,
      accelerators,
    },
    items,
    reasons,
  };
}

// ---------------------------------------------------------------- screening

/**
 * Screens the customer (and its named ultimate parent), every beneficial owner at or above the
 * configured share (owners with an unknown share too), the resold-to party and the payer.
 * An owner is not a party to the service: a confirmed match on a blocking or export list is a legal
 * stop only for a majority owner (OFAC 50 % rule; EL/MEU affiliates rule while in force), else review.
 */
export function checkScreening(input: CloudCustomerInput, deps: CloudDeps, _params: CloudParams): { parties: PartyScreening[]; reasons: Reason[] } {
  const targets: { subject: string; query: PartyQuery }[] = [];
  const q = (p: Party): PartyQuery => ({ name: p.name, type: p.type, country: p.country, address: p.address });
  const ownerShare: Record<string, number | undefined> = {};
  targets.push({ subject: 'customer', query: q(input.customer) });
  if (input.customer.ultimateParentName) {
    targets.push({
      subject: 'customer.ultimateParent',
      query: { name: input.customer.ultimateParentName, type: 'entity', country: input.customer.ultimateParentCountry },
    });
    ownerShare['customer.ultimateParent'] = 100;
  }
  const skipped: { subject: string; name: string; ownershipPercent: number }[] = [];
  (input.beneficialOwners ?? []).forEach((o, i) => {
    const subject = ownerSubject(i);
    if (o.ownershipPercent !== undefined && o.ownershipPercent < deps.ownerScreenPercent) {
      skipped.push({ subject, name: o.name, ownershipPercent: o.ownershipPercent });
      return;
    }
    targets.push({ subject, query: q(o) });
    ownerShare[subject] = o.ownershipPercent;
  });
  if (input.resellerFor) {
    targets.push({ subject: 'resellerFor', query: q(input.resellerFor) });
    if (input.resellerFor.ultimateParentName) {
      targets.push({
        subject: 'resellerFor.ultimateParent',
        query: { name: input.resellerFor.ultimateParentName, type: 'entity', country: input.resellerFor.ultimateParentCountry },
      });
    }
  }
  if (input.payment?.payerName) targets.push({ subject: 'payment', query: { name: input.payment.payerName, country: input.payment.originCountry } });

  const screened = screenTargets(targets, deps.screen, deps.matchThreshold);
  const reasons = screened.reasons.map((r) => {
    // nicer subject labels than the transaction core knows
    let out: Reason = { ...r, message: relabel(r.message, r.subject) };
    if (r.subject in ownerShare && r.code === 'PARTY_LIST_MATCH' && r.severity === 'deny') out = ownerMatch(out, ownerShare[r.subject], input.date, deps);
    return out;
  });
  if (skipped.length > 0) {
    reasons.push({
      code: 'CLOUD_OWNERS_NOT_SCREENED',
      severity: 'info',
      message: `${skipped.length} beneficial owner(s) below ${deps.ownerScreenPercent} % were not screened: ${skipped.map((s) => `${s.name} (${s.ownershipPercent} %)`).join(', ')}`,
      citation: `${CITES.iaasKyc}; OWNER_SCREEN_PERCENT`,
      subject: 'customer',
      evidence: { ownerScreenPercent: deps.ownerScreenPercent, owners: skipped },
    });
  }
  return { parties: screened.parties, reasons };
}

function relabel(message: string, subject: string): string {
  const from = subjectLabel(subject);
  const to = subjectLabel(subject);
  return from !== to && message.startsWith(from) ? to + message.slice(from.length) : message;
}

/** Severity of a confirmed list match on an owner, by share and date (src/transactions/owners.ts). */
function ownerMatch(r: Reason, share: number | undefined, date: string, deps: CloudDeps): Reason {
  return ownerListMatch(r, share, { owned: 'the customer', affiliates: deps.rules.affiliatesRule?.(date) ?? null, minorityCitation: CITES.iaasKyc });
}

// ---------------------------------------------------------------- checks

/** The parties whose headquarters decide the HQ rule: customer (HQ, ultimate parent), majority owners, resold-to party. */
export function restrictedHeadquarters(input: CloudCustomerInput, deps: CloudDeps, params: CloudParams): RestrictedHq[] {
  const out: RestrictedHq[] = [];
  const { rules } = deps;
  const add = (subject: string, name: string | undefined, country: string | undefined, kind: RestrictedHq['kind']) => {
    if (!country) return;
    if (rules.isRestrictedHeadquarters(country, input.date) || rules.isEmbargoed(country, input.date)) {
      out.push({ subject, name, country, kind, embargoed: rules.isEmbargoed(country, input.date) });
    }
  };
  const c = input.customer;
  // no headquarters stated: the place of business stands in for it (fail closed)
  add('customer', c.name, c.headquartersCountry ?? c.country, c.headquartersCountry ? 'headquarters' : 'location');
  add('customer', c.ultimateParentName, c.ultimateParentCountry, 'ultimateParent');
  (input.beneficialOwners ?? []).forEach((o, i) => {
    if (o.ownershipPercent === undefined || o.ownershipPercent < params.majorityOwnerPercent) return;
    add(ownerSubject(i), o.name, o.headquartersCountry ?? o.country, 'majorityOwner');
    add(ownerSubject(i), o.ultimateParentName, o.ultimateParentCountry, 'ultimateParent');
  });
  const r = input.resellerFor;
  if (r) {
    add('resellerFor', r.name, r.headquartersCountry ?? r.country, r.headquartersCountry ? 'headquarters' : 'location');
    add('resellerFor', r.ultimateParentName, r.ultimateParentCountry, 'ultimateParent');
  }
  return out;
}

/** CLOUD_HQ_RESTRICTED: customer, ultimate parent, majority owner or resold-to party headquartered in D:5 / Macau. */
export function checkHeadquarters(f: CloudFacts): Reason[] {
  const clause: Record<RestrictedHq['kind'], string> = {
    headquarters: 'is headquartered in',
    ultimateParent: 'has its ultimate parent headquartered in',
    majorityOwner: 'is a majority owner headquartered in',
    location: 'states no headquarters and is located in',
  };
  const out: Reason[] = [];
  const training = f.input.intendedUse === 'training';
  const subjects = [...new Set(f.restrictedHq.map((h) => h.subject))];
  for (const subject of subjects) {
    const found = f.restrictedHq.filter((h) => h.subject === subject);
    const embargoed = found.some((h) => h.embargoed);
    const party = subject === 'customer' ? f.input.customer : subject === 'resellerFor' ? f.input.resellerFor : undefined;
    const operator = !!party?.kind && f.params.operatorKinds.includes(party.kind);
    const groupsOf = (c: string) => f.deps.rules.countryGroups(c, f.date);
    const said = found.map((h) => {
      const groups = groupsOf(h.country);
      const named = h.kind === 'ultimateParent' && h.name ? ` ("${h.name}")` : '';
      return `${clause[h.kind].replace(' headquartered in', `${named} headquartered in`)} ${h.country}${groups.length ? ` (${groups.join(', ')})` : ''}`;
    });
    const parts = [`${subjectLabel(subject)}${party ? '' : ` "${found[0].name}"`} ${said.join(' and ')}`];
    if (embargoed) {
      parts.push('an embargoed destination: services to parties there are prohibited');
    } else {
      parts.push(
        "the HQ rule follows the party wherever it runs: advanced-computing hardware may not be supplied to it without a licence (presumption of denial), and the hardware's licence or VEU conditions usually forbid its access",
      );
      if (training) parts.push('training AI models for such a party is the IaaS use BIS warned against on May 13 2025');
      if (operator)
        parts.push(
          'note: the May 31 2026 guidance lets bona fide data-centre operators continue use, storage, disposal or servicing of advanced-computing items already held "until further notice"; it does not authorise new capacity or training for D:5/Macau-headquartered parties',
        );
    }
    out.push({
      code: 'CLOUD_HQ_RESTRICTED',
      severity: embargoed ? 'deny' : 'review',
      message: parts.join('; '),
      citation: embargoed ? `${CITES.embargo}; ${CITES.hqRule}` : `${CITES.hqRule}; ${CITES.may2025}${operator ? `; ${CITES.may2026}` : ''}`,
      subject,
      evidence: {
        country: found[0].country,
        kind: found[0].kind,
        findings: found.map((h) => ({ kind: h.kind, country: h.country, name: h.name ?? null, groups: groupsOf(h.country), embargoed: h.embargoed })),
        embargoed,
        intendedUse: f.input.intendedUse ?? null,
        ...(operator
          ? {
              bonaFideOperatorNote:
                'May 31 2026 BIS guidance: bona fide data-centre operators may continue use, storage, disposal or servicing of items already held, until further notice',
            }
          : {}),
      },
    });
  }
  return out;
}

/**
 * CLOUD_LARGE_TRAINING: a training run above the threshold (default 1e26 operations).
 * For a D:5/Macau-headquartered user: deny above the threshold, review when no estimate is given but the
 * cluster could exceed it in the training window. For others: info (the IaaS KYC proposal would have
 * required a report; never finalised).
 */
export function checkLargeTraining(f: CloudFacts): Reason[] {
  const { input, compute } = f;
  if (input.intendedUse !== 'training' && !(input.trainingComputeFlop && input.trainingComputeFlop > 0)) return [];
  const threshold = f.deps.trainingFlopThreshold;
  const restricted = f.restrictedHq.length > 0;
  const stated = input.trainingComputeFlop;
  const evidence = {
    trainingComputeFlop: stated ?? null,
    thresholdFlop: threshold,
    clusterPeakOpsPerSecond: compute.peakOpsPerSecond,
    clusterWindowOps: compute.windowOps,
    windowDays: compute.windowDays,
    h100Equivalents: compute.h100Equivalents,
    restrictedHeadquarters: f.restrictedHq.map((h) => ({ subject: h.subject, country: h.country, kind: h.kind })),
  };
  const citation = `${CITES.may2025}; ${CITES.iaasKyc}; threshold: ${CITES.eo14110} (CLOUD_TRAINING_FLOP_THRESHOLD)`;
  if (stated !== undefined && stated > threshold) {
    return [
      {
        code: 'CLOUD_LARGE_TRAINING',
        severity: restricted ? 'deny' : 'info',
        message: restricted
          ? `Training run of ${formatOps(stated)} operations (above ${formatOps(threshold)}) for a party headquartered or controlled in ${[...new Set(f.restrictedHq.map((h) => h.country))].join('/')}: large-model training for D:5/Macau-headquartered parties must not go ahead without a licence`
          : `Training run of ${formatOps(stated)} operations, above ${formatOps(threshold)}: the proposed IaaS KYC rule would have required a report on foreign customers training large models (best practice, not a legal requirement)`,
        citation,
        subject: 'customer',
        evidence,
      },
    ];
  }
  if (restricted && stated === undefined && compute.windowOps > threshold) {
    return [
      {
        code: 'CLOUD_LARGE_TRAINING',
        severity: 'review',
        message: `No training-compute estimate for a D:5/Macau-headquartered party, and the requested cluster could reach ${formatOps(compute.windowOps)} operations in ${compute.windowDays} days (threshold ${formatOps(threshold)}): obtain the estimate before access`,
        citation,
        subject: 'customer',
        evidence,
      },
    ];
  }
  return [];
}

/** CLOUD_ACCESS_RESTRICTED: logins from restricted (D:1/D:4/D:5, Macau) or embargoed countries; the user located there counts too. */
export function checkAccess(f: CloudFacts): Reason[] {
  const { input, deps, date } = f;
  const out: Reason[] = [];
  const home = new Set([input.customer.country, input.customer.headquartersCountry, input.dataCenterCountry].filter(Boolean) as string[]);
  const restricted = f.accessCountries.filter((c) => deps.rules.isRestrictedForAdvancedComputing(c, date) || deps.rules.isEmbargoed(c, date));
  if (restricted.length > 0) {
    const embargoed = restricted.filter((c) => deps.rules.isEmbargoed(c, date));
    const mismatched = restricted.filter((c) => !home.has(c));
    out.push({
      code: 'CLOUD_ACCESS_RESTRICTED',
      severity: embargoed.length ? 'deny' : 'review',
      message: `Logins / API calls come from ${restricted.join(', ')}${embargoed.length ? ` (embargoed: ${embargoed.join(', ')})` : ''}, destination(s) restricted for advanced computing${mismatched.length ? `; ${mismatched.join(', ')} ${mismatched.length > 1 ? 'are' : 'is'} neither the customer's country, its headquarters nor the data centre's` : ''}: the capacity may be used by or for parties there`,
      citation: embargoed.length ? `${CITES.embargo}; ${CITES.diversion2025}` : `${CITES.diversion2025}; ${CITES.may2025}; ${CITES.iaasKyc}`,
      subject: 'access',
      evidence: {
        accessCountries: f.accessCountries,
        restricted,
        embargoed,
        notHomeCountries: mismatched,
        groups: Object.fromEntries(restricted.map((c) => [c, deps.rules.countryGroups(c, date)])),
      },
    });
  } else {
    const foreign = f.accessCountries.filter((c) => !home.has(c));
    if (foreign.length > 0) {
      out.push({
        code: 'CLOUD_ACCESS_MISMATCH',
        severity: 'info',
        message: `Logins / API calls also come from ${foreign.join(', ')}, where the customer states no presence (not a restricted destination)`,
        citation: CITES.iaasKyc,
        subject: 'access',
        evidence: { accessCountries: f.accessCountries, notHomeCountries: foreign },
      });
    }
  }
  // the users themselves located in a restricted destination (their HQ may be elsewhere)
  const located: { subject: string; country: string }[] = [];
  if (input.customer.country) located.push({ subject: 'customer', country: input.customer.country });
  if (input.resellerFor?.country) located.push({ subject: 'resellerFor', country: input.resellerFor.country });
  for (const l of located) {
    if (restricted.includes(l.country)) continue; // already said
    const emb = deps.rules.isEmbargoed(l.country, date);
    if (!emb && !deps.rules.isRestrictedForAdvancedComputing(l.country, date)) continue;
    out.push({
      code: 'CLOUD_ACCESS_RESTRICTED',
      severity: emb ? 'deny' : 'review',
      message: `${subjectLabel(l.subject)} is located in ${l.country}, a destination ${emb ? 'under embargo' : 'restricted for advanced computing'}: its staff will use the capacity from there`,
      citation: emb ? CITES.embargo : `${CITES.diversion2025}; ${CITES.iaasKyc}`,
      subject: l.subject,
      evidence: { country: l.country, groups: deps.rules.countryGroups(l.country, date), embargoed: emb },
    });
  }
  return out;
}

/** CLOUD_ANONYMISER_ACCESS: VPN / Tor / proxies hide where the capacity is used from. */
export function checkAnonymiser(f: CloudFacts): Reason[] {
  if (f.input.anonymiserAccess !== true) return [];
  return [
    {
      code: 'CLOUD_ANONYMISER_ACCESS',
      severity: 'review',
      message: 'Access goes through VPNs, Tor or anonymising proxies: where the capacity is used from, and by whom, cannot be verified',
      citation: `${CITES.iaasKyc} (IP addresses used for access); ${CITES.diversion2025}`,
      subject: 'access',
      evidence: { anonymiserAccess: true, accessCountries: f.accessCountries },
    },
  ];
}

/** CLOUD_RESELLER_UNDISCLOSED: a reseller that will not (or does not) name its end customers. */
export function checkReseller(f: CloudFacts): Reason[] {
  if (!f.resellsWithoutNames) return [];
  const explicit = f.input.resellerDisclosesCustomers === false;
  return [
    {
      code: 'CLOUD_RESELLER_UNDISCLOSED',
      severity: 'review',
      message: explicit
        ? 'The customer resells the capacity and will not name its end customers: the real users cannot be screened'
        : `The customer is a ${f.input.customer.kind} that resells capacity but names no end customer: the real users cannot be screened`,
      citation: `${CITES.iaasKyc} (foreign resellers must run equivalent KYC); ${CITES.diversion2025}`,
      subject: 'customer',
      evidence: {
        resellerDisclosesCustomers: f.input.resellerDisclosesCustomers ?? null,
        kind: f.input.customer.kind ?? null,
        resellerFor: f.input.resellerFor?.name ?? null,
      },
    },
  ];
}

/** The categories of this customer that licence / VEU conditions may forbid. */
export function customerCategories(f: CloudFacts): CustomerCategory[] {
  const { deps, date } = f;
  const cats = new Set<CustomerCategory>();
  if (f.restrictedHq.length > 0) cats.add('restricted_hq');
  const located = [f.input.customer.country, f.input.resellerFor?.country].filter(Boolean) as string[];
  const places = [...f.accessCountries, ...located];
  if (places.some((c) => deps.rules.isRestrictedForAdvancedComputing(c, date) || deps.rules.isEmbargoed(c, date))) cats.add('restricted_access');
  if (places.some((c) => isD5OrMacau(c, date, deps.rules))) cats.add('d5_access');
  if (f.input.anonymiserAccess === true) cats.add('anonymised_access');
  if (f.resellsWithoutNames) cats.add('undisclosed_end_customers');
  if (f.listMatchSubjects.length > 0) cats.add('listed_party');
  return [...cats];
}

/** The conditions that apply to the requested data centre on the decision date. */
export function conditionsFor(input: CloudCustomerInput, conditions: DataCenterCondition[]): DataCenterCondition[] {
  const id = input.dataCenterId?.toLowerCase();
  return conditions.filter(
    (c) =>
      c.dataCenterCountry.toUpperCase() === input.dataCenterCountry &&
      (!c.dataCenterId || (id !== undefined && c.dataCenterId.toLowerCase() === id)) &&
      inPeriod(input.date, c.from, c.to),
  );
}

/** CLOUD_LICENSE_CONDITION: the hardware is held under a licence / VEU whose conditions forbid this customer's access. */
export function checkLicenseConditions(f: CloudFacts): Reason[] {
  const rows = conditionsFor(f.input, f.deps.conditions);
  if (rows.length === 0) return [];
  const cats = customerCategories(f);
  const out: Reason[] = [];
  for (const row of rows) {
    const hit = row.forbids.filter((c) => cats.includes(c));
    const evidence = {
      conditionId: row.id,
      authorisation: row.authorisation,
      reference: row.reference,
      dataCenterCountry: row.dataCenterCountry,
      dataCenterId: row.dataCenterId ?? null,
      forbids: row.forbids,
      customerCategories: cats,
      ...(row.example ? { example: true } : {}),
      ...(row.note ? { note: row.note } : {}),
    };
    if (hit.length > 0) {
      out.push({
        code: 'CLOUD_LICENSE_CONDITION',
        severity: row.severity,
        message: `The hardware in this data centre is held under ${row.authorisation} ${row.id}, whose conditions forbid access by ${hit.map((h) => h.replace(/_/g, ' ')).join(', ')} customers: giving this customer access would breach them`,
        citation: row.citation.includes('736.2(b)(9)') ? row.citation : `${row.citation}; ${CITES.gp9}`,
        subject: 'dataCenter',
        evidence: { ...evidence, violated: hit },
      });
    } else {
      out.push({
        code: 'CLOUD_LICENSE_CONDITIONS_MET',
        severity: 'info',
        message: `The hardware is held under ${row.authorisation} ${row.id}; none of its access conditions (${row.forbids.join(', ')}) is triggered by this customer — keep access logs`,
        citation: row.citation,
        subject: 'dataCenter',
        evidence,
      });
    }
  }
  return out;
}

/** CLOUD_DATACENTER_RESTRICTED: the capacity itself runs in a restricted or embargoed destination. */
export function checkDataCenter(f: CloudFacts): Reason[] {
  const c = f.input.dataCenterCountry;
  const emb = f.deps.rules.isEmbargoed(c, f.date);
  if (!emb && !f.deps.rules.isRestrictedForAdvancedComputing(c, f.date)) return [];
  return [
    {
      code: 'CLOUD_DATACENTER_RESTRICTED',
      severity: emb ? 'deny' : 'review',
      message: `The capacity runs in ${c}, ${emb ? 'an embargoed destination' : 'a destination restricted for advanced computing'}: the hardware there needed an export licence and its conditions apply to every customer`,
      citation: emb ? CITES.embargo : '15 CFR 742.6(a)(6)(iii); 88 FR 73458 (destination scope); licence conditions per the authorisation',
      subject: 'dataCenter',
      evidence: { dataCenterCountry: c, groups: f.deps.rules.countryGroups(c, f.date), embargoed: emb },
    },
  ];
}

/** CLOUD_CAPACITY_MISMATCH: capacity far beyond the customer's stated business. */
export function checkCapacity(f: CloudFacts): Reason[] {
  const { input, compute, params } = f;
  const attrs = input.attributes ?? {};
  const h100e = compute.h100Equivalents;
  const annualSpendUsd = Math.round(h100e * params.usdPerH100eHour * 24 * 365);
  const found: { why: string; evidence: Record<string, unknown> }[] = [];
  if (typeof attrs.annualRevenueUsd === 'number' && annualSpendUsd > attrs.annualRevenueUsd * params.maxSpendToRevenue) {
    found.push({
      why: `an estimated $${annualSpendUsd.toLocaleString('en-US')} a year of capacity (${h100e} H100-equivalents at $${params.usdPerH100eHour}/h) against an annual revenue of $${attrs.annualRevenueUsd.toLocaleString('en-US')}`,
      evidence: {
        annualSpendUsd,
        annualRevenueUsd: attrs.annualRevenueUsd,
        usdPerH100eHour: params.usdPerH100eHour,
        maxSpendToRevenue: params.maxSpendToRevenue,
      },
    });
  }
  const activity = typeof attrs.registeredActivity === 'string' ? attrs.registeredActivity : undefined;
  if (activity && UNRELATED_ACTIVITY.test(activity) && !COMPUTE_RELATED.test(activity) && h100e >= params.unrelatedActivityH100e) {
    found.push({
      why: `a business registered as "${activity}" renting ${h100e} H100-equivalents`,
      evidence: { registeredActivity: activity, minH100e: params.unrelatedActivityH100e },
    });
  }
  const c = input.customer;
  if ((c.type === 'individual' || c.kind === 'individual') && h100e > params.individualMaxH100e) {
    found.push({ why: `an individual renting ${h100e} H100-equivalents`, evidence: { individualMaxH100e: params.individualMaxH100e } });
  }
  if (c.incorporatedOn && monthsBetween(c.incorporatedOn, input.date) < params.newCompanyMonths && h100e >= params.newCompanyLargeClusterH100e) {
    found.push({
      why: `a company incorporated on ${c.incorporatedOn} reserving ${h100e} H100-equivalents`,
      evidence: { incorporatedOn: c.incorporatedOn, newCompanyMonths: params.newCompanyMonths, minH100e: params.newCompanyLargeClusterH100e },
    });
  }
  if (found.length === 0) return [];
  return [
    {
      code: 'CLOUD_CAPACITY_MISMATCH',
      severity: 'review',
      message: `Capacity far beyond the customer's stated business: ${found.map((x) => x.why).join('; ')}`,
      citation: `${CITES.kyc} (orders out of proportion to the customer); ${CITES.fincen}`,
      subject: 'customer',
      evidence: Object.assign({ h100Equivalents: h100e, totalTpp: compute.totalTpp }, ...found.map((x) => x.evidence)),
    },
  ];
}

/** CLOUD_PAYMENT_RESTRICTED: payment from a restricted (review) or embargoed (deny) country. */
export function checkPayment(f: CloudFacts): Reason[] {
  const origin = f.input.payment?.originCountry;
  if (!origin) return [];
  const emb = f.deps.rules.isEmbargoed(origin, f.date);
  if (!emb && !f.deps.rules.isRestrictedForAdvancedComputing(origin, f.date)) return [];
  const { country, headquartersCountry } = f.input.customer;
  const home = [country, headquartersCountry].filter(Boolean);
  const where = country && headquartersCountry && country !== headquartersCountry ? `in ${country}, headquartered in ${headquartersCountry}` : `in ${home[0]}`;
  return [
    {
      code: 'CLOUD_PAYMENT_RESTRICTED',
      severity: emb ? 'deny' : 'review',
      message: `Payment originates in ${origin}, ${emb ? 'an embargoed destination' : 'a destination restricted for advanced computing'}${home.length && !home.includes(origin) ? ` (the customer is ${where})` : ''}: the capacity may be paid for by, and used for, a party there`,
      citation: emb ? `${CITES.embargo}; ${CITES.fincen}` : `${CITES.fincen}; ${CITES.iaasKyc} (means and source of payment)`,
      subject: 'payment',
      evidence: { originCountry: origin, groups: f.deps.rules.countryGroups(origin, f.date), embargoed: emb },
    },
  ];
}

/** CLOUD_OWNERS_UNDISCLOSED: beneficial owners refused (review) or not given for a company (info). */
export function checkOwners(f: CloudFacts): Reason[] {
  const attrs = f.input.attributes ?? {};
  const owners = f.input.beneficialOwners ?? [];
  if (attrs.ownersDisclosed === false) {
    return [
      {
        code: 'CLOUD_OWNERS_UNDISCLOSED',
        severity: 'review',
        message: 'The customer did not disclose its beneficial owners on request: who controls the account cannot be screened',
        citation: `${CITES.iaasKyc} (beneficial owners of foreign legal persons); ${CITES.kyc}`,
        subject: 'customer',
        evidence: { ownersDisclosed: false, ownersGiven: owners.length },
      },
    ];
  }
  const isCompany = f.input.customer.type !== 'individual' && f.input.customer.kind !== 'individual';
  if (isCompany && owners.length === 0 && attrs.ownersDisclosed !== true) {
    return [
      {
        code: 'CLOUD_OWNERS_NOT_PROVIDED',
        severity: 'info',
        message: 'No beneficial owners were given for the customer; only the customer and its stated parent were screened',
        citation: CITES.iaasKyc,
        subject: 'customer',
        evidence: {},
      },
    ];
  }
  return [];
}

// ---------------------------------------------------------------- score and decision

/**
 * riskScore 0..100 with the risk module's riskScore(): noisy-OR of per-code weights over the reasons
 * (score = 100 x (1 - Π(1 - w)), one weight per code), then the transaction score's floors: any deny reason -> at least 90,
 * any review reason -> at least 25, info only -> at most 20. Fail-closed list states weigh nothing.
 */
export function cloudRiskScore(reasons: Reason[], params: CloudParams = CLOUD_PARAMS): number {
  const hits = reasons
    .map((r) => {
      const w = params.weights[r.code] ?? (r.severity === 'info' ? params.defaultInfoWeight : params.defaultReviewWeight);
      return { id: r.code, severity: r.severity, weight: r.severity === 'info' ? Math.min(w, params.defaultInfoWeight) : w };
    })
    // a fail-closed list state (weight 0) is not a red flag: it decides the outcome, not the score
    .filter((h) => h.weight > 0 || h.severity === 'deny');
  return riskScore(hits, params.score);
}

function unique(xs: (string | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => !!x).map((x) => x.toUpperCase()))];
}

/** The facts the checks share, computed once from the input, the compute totals and the screening reasons. */
export function buildFacts(input: CloudCustomerInput, deps: CloudDeps, params: CloudParams, compute: CloudCompute, screeningReasons: Reason[]): CloudFacts {
  const attrAccess = Array.isArray(input.attributes?.accessCountries) ? (input.attributes!.accessCountries as string[]) : [];
  return {
    input,
    deps,
    params,
    date: input.date,
    compute,
    accessCountries: unique([...(input.accessCountries ?? []), ...attrAccess]),
    restrictedHq: restrictedHeadquarters(input, deps, params),
    // confirmed matches on the users themselves, or on owners where the match is a legal stop (majority)
    listMatchSubjects: [
      ...new Set(
        screeningReasons
          .filter((r) => r.code === 'PARTY_LIST_MATCH' && (r.severity === 'deny' || !r.subject.startsWith('beneficialOwners')))
          .map((r) => r.subject),
      ),
    ],
    resellsWithoutNames:
      input.resellerDisclosesCustomers === false ||
      (!!input.customer.kind && params.resellerKinds.includes(input.customer.kind) && input.resellerDisclosesCustomers !== true && !input.resellerFor),
  };
}

/** The whole cloud-customer decision. Deterministic for the same input and deps (replayable). */
export function decideCustomer(input: CloudCustomerInput, deps: CloudDeps): CloudDecisionBody {
  const params: CloudParams = deps.params ? { ...CLOUD_PARAMS, ...deps.params } : CLOUD_PARAMS;
  const reasons: Reason[] = [...listStateReasons(deps.lists)];

  const capacity = computeCapacity(input, deps, params);
  reasons.push(...capacity.reasons);

  const screened = checkScreening(input, deps, params);
  reasons.push(...screened.reasons);

  const facts = buildFacts(input, deps, params, capacity.compute, screened.reasons);

  for (const check of CLOUD_CHECKS) reasons.push(...check.run(facts));

  return {
    ...assembleDecision(reasons, {
      items: capacity.items,
      parties: screened.parties,
      riskScore: (sorted) => cloudRiskScore(sorted, params),
      rulesVersion: deps.rules.rulesVersion(input.date),
      lists: deps.lists,
    }),
    compute: capacity.compute,
  };
}

/** The named checks, in the order their reasons are listed (severity sorts them afterwards). */
export const CLOUD_CHECKS: { name: string; codes: string[]; run: (f: CloudFacts) => Reason[] }[] = [
  { name: 'headquarters', codes: ['CLOUD_HQ_RESTRICTED'], run: checkHeadquarters },
  { name: 'largeTraining', codes: ['CLOUD_LARGE_TRAINING'], run: checkLargeTraining },
  { name: 'access', codes: ['CLOUD_ACCESS_RESTRICTED', 'CLOUD_ACCESS_MISMATCH'], run: checkAccess },
  { name: 'anonymiser', codes: ['CLOUD_ANONYMISER_ACCESS'], run: checkAnonymiser },
  { name: 'reseller', codes: ['CLOUD_RESELLER_UNDISCLOSED'], run: checkReseller },
  { name: 'licenseConditions', codes: ['CLOUD_LICENSE_CONDITION', 'CLOUD_LICENSE_CONDITIONS_MET'], run: checkLicenseConditions },
  { name: 'dataCenter', codes: ['CLOUD_DATACENTER_RESTRICTED'], run: checkDataCenter },
  { name: 'capacity', codes: ['CLOUD_CAPACITY_MISMATCH'], run: checkCapacity },
  { name: 'payment', codes: ['CLOUD_PAYMENT_RESTRICTED'], run: checkPayment },
  { name: 'owners', codes: ['CLOUD_OWNERS_UNDISCLOSED', 'CLOUD_OWNERS_NOT_PROVIDED'], run: checkOwners },
];

/**
 * The cloud checks. Each is one catalogue row (CLOUD_CHECKS: reason code, default severity, riskScore weight,
 * citation, dates, the request fields it reads) and a pure detect() returning coded and cited Reasons.
 * Legal frame: see decide.ts.
 */
import { inPeriod, monthsBetween } from '../common/dates';
import type { Reason } from '../common/reason';
import { Check, subjectLabel } from '../decision';
import { COMPUTE_RELATED, UNRELATED_ACTIVITY } from '../risk/params';
import { CITES } from './citations';
import { formatOps } from './compute';
import type { CloudParams } from './params';
import { ownerSubject } from './screening';
import type { CloudCustomerInput, CloudDeps, CloudFacts, CloudRules, CustomerCategory, DataCenterCondition, RestrictedHq } from './types';

function isD5OrMacau(country: string, date: string, rules: CloudRules): boolean {
  return country === 'MO' || rules.countryGroups(country, date).includes('D:5');
}

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

/** A cloud check: its catalogue row (the reason code it raises, weight, citation, dates, fields read) and detect(). */
export interface CloudCheck extends Check<[CloudFacts], Reason[]> {
  /** every code it may raise, `id` first (the others weigh the default review / info weight) */
  codes: string[];
}

/** The named checks, in the order their reasons are listed (severity sorts them afterwards). */
export const CLOUD_CHECKS: CloudCheck[] = [
  {
    id: 'CLOUD_HQ_RESTRICTED',
    name: 'headquarters',
    codes: ['CLOUD_HQ_RESTRICTED'],
    severity: 'review',
    weight: 0.5,
    source: `${CITES.hqRule}; ${CITES.may2025}`,
    reads: [
      'customer.headquartersCountry',
      'customer.country',
      'customer.ultimateParentCountry',
      'beneficialOwners[].ownershipPercent',
      'beneficialOwners[].headquartersCountry',
      'resellerFor.headquartersCountry',
      'intendedUse',
    ],
    detect: checkHeadquarters,
  },
  {
    id: 'CLOUD_LARGE_TRAINING',
    name: 'largeTraining',
    codes: ['CLOUD_LARGE_TRAINING'],
    severity: 'review',
    weight: 0.6,
    source: `${CITES.may2025}; ${CITES.iaasKyc}; ${CITES.eo14110}`,
    reads: ['intendedUse', 'trainingComputeFlop', 'accelerators'],
    detect: checkLargeTraining,
  },
  {
    id: 'CLOUD_ACCESS_RESTRICTED',
    name: 'access',
    codes: ['CLOUD_ACCESS_RESTRICTED', 'CLOUD_ACCESS_MISMATCH'],
    severity: 'review',
    weight: 0.4,
    source: `${CITES.diversion2025}; ${CITES.may2025}; ${CITES.embargo}`,
    reads: ['accessCountries', 'attributes.accessCountries', 'customer.country', 'customer.headquartersCountry', 'resellerFor.country', 'dataCenterCountry'],
    detect: checkAccess,
  },
  {
    id: 'CLOUD_ANONYMISER_ACCESS',
    name: 'anonymiser',
    codes: ['CLOUD_ANONYMISER_ACCESS'],
    severity: 'review',
    weight: 0.35,
    source: `${CITES.iaasKyc}; ${CITES.diversion2025}`,
    reads: ['anonymiserAccess'],
    detect: checkAnonymiser,
  },
  {
    id: 'CLOUD_RESELLER_UNDISCLOSED',
    name: 'reseller',
    codes: ['CLOUD_RESELLER_UNDISCLOSED'],
    severity: 'review',
    weight: 0.35,
    source: `${CITES.iaasKyc}; ${CITES.diversion2025}`,
    reads: ['resellerDisclosesCustomers', 'customer.kind', 'resellerFor'],
    detect: checkReseller,
  },
  {
    id: 'CLOUD_LICENSE_CONDITION',
    name: 'licenseConditions',
    codes: ['CLOUD_LICENSE_CONDITION', 'CLOUD_LICENSE_CONDITIONS_MET'],
    severity: 'review',
    weight: 0.5,
    source: `${CITES.gp9}; conditions per authorisation (data/cloud/datacenter-conditions.json)`,
    reads: ['dataCenterCountry', 'dataCenterId', 'accessCountries', 'anonymiserAccess', 'resellerDisclosesCustomers'],
    detect: checkLicenseConditions,
  },
  {
    id: 'CLOUD_DATACENTER_RESTRICTED',
    name: 'dataCenter',
    codes: ['CLOUD_DATACENTER_RESTRICTED'],
    severity: 'review',
    weight: 0.3,
    source: `15 CFR 742.6(a)(6)(iii); 88 FR 73458 (destination scope); ${CITES.embargo}`,
    reads: ['dataCenterCountry'],
    detect: checkDataCenter,
  },
  {
    id: 'CLOUD_CAPACITY_MISMATCH',
    name: 'capacity',
    codes: ['CLOUD_CAPACITY_MISMATCH'],
    severity: 'review',
    weight: 0.3,
    source: `${CITES.kyc}; ${CITES.fincen}`,
    reads: ['accelerators', 'attributes.annualRevenueUsd', 'attributes.registeredActivity', 'customer.type', 'customer.kind', 'customer.incorporatedOn'],
    detect: checkCapacity,
  },
  {
    id: 'CLOUD_PAYMENT_RESTRICTED',
    name: 'payment',
    codes: ['CLOUD_PAYMENT_RESTRICTED'],
    severity: 'review',
    weight: 0.3,
    source: `${CITES.fincen}; ${CITES.embargo}`,
    reads: ['payment.originCountry', 'customer.country', 'customer.headquartersCountry'],
    detect: checkPayment,
  },
  {
    id: 'CLOUD_OWNERS_UNDISCLOSED',
    name: 'owners',
    codes: ['CLOUD_OWNERS_UNDISCLOSED', 'CLOUD_OWNERS_NOT_PROVIDED'],
    severity: 'review',
    weight: 0.3,
    source: `${CITES.iaasKyc}; ${CITES.kyc}`,
    reads: ['attributes.ownersDisclosed', 'beneficialOwners', 'customer.type', 'customer.kind'],
    detect: checkOwners,
  },
];

/** riskScore weight of each code a check owns (its `id`). */
export const CLOUD_CHECK_WEIGHTS: Record<string, number> = Object.fromEntries(CLOUD_CHECKS.map((c) => [c.id, c.weight]));

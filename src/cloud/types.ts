/** Shapes of cloud (IaaS) customer vetting: the validated request, what the checks need, the result. Plain TypeScript. */
import type { Item, OrderAttributes, Party } from '../common/order';
import type { Severity } from '../common/reason';
import type { DecisionBody, ListState, ScreenFn } from '../decision';
import type { AffiliatesRuleStatus, ItemClassification } from '../rules';
import type { CloudParams } from './params';

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

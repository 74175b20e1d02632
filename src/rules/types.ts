/**
 * Shapes of the rule data under data/ (catalog and dated rule sets) and of the
 * results the rules module returns. Plain TypeScript: no Nest, no TypeORM.
 */
import type { ItemKind, LicenseOnFile } from '../common/order';
import type { Reason } from '../common/reason';

export type ReviewPolicy = 'presumption_of_denial' | 'case_by_case' | 'presumption_of_approval';

/** A dated membership or fact: `from` inclusive, `to` exclusive, null = open-ended. */
export interface Dated {
  from: string | null;
  to: string | null;
}

// ---------------------------------------------------------------- catalog

export interface CatalogEntry {
  id: string;
  model: string;
  vendor: string;
  family?: string;
  kind: Exclude<ItemKind, 'other'>;
  /** for boards / servers / systems: the catalog id of the accelerator they hold */
  contains?: string;
  /** other accelerators the same server model is sold with (catalog ids), e.g. an H100 or H200 HGX board */
  variants?: string[];
  acceleratorsPerUnit: number;
  aliases: string[];
  /** bare family names ("H100") that resolve here with lower confidence and a note */
  defaultAliases: string[];
  partNumbers: string[];
  /** dense peak TOPS/TFLOPS per precision, per package */
  denseTops?: Record<string, number>;
  /** vendor headline sparse figures: reference only, never counted (Technical Note 3 to 3A090) */
  sparseTops?: Record<string, number>;
  dies?: number;
  /** applicable die area: all non-planar logic dies, mm² */
  dieAreaMm2?: number;
  memory?: { type?: string; capacityGB?: number; bandwidthGBs?: number };
  interconnectGBs?: number;
  hbm?: { bandwidthGBs: number; areaMm2: number };
  datacenter?: boolean;
  /** BIS GP10 guidance (Huawei Ascend and other PRC 3A090 ICs) */
  gp10: boolean;
  /** GPU architecture (e.g. Blackwell), where a rule keys on it */
  architecture?: string;
  /** no confirmed figures: the classification cannot be computed */
  specsUnconfirmed?: boolean;
  /** figure -> source */
  sources: Record<string, string>;
  /** figures no primary source confirms */
  uncertain: string[];
  notes?: string;
}

/** A catalog entry with the computed classification figures (GET /v1/accelerators). */
export interface CatalogView extends CatalogEntry {
  tpp?: number;
  performanceDensity?: number;
  eccn: string;
  basis: string;
}

export interface Resolution {
  entry: CatalogEntry;
  /** 0..1: 1 = exact alias or part number, lower for a family default */
  confidence: number;
  matchedOn: 'partNumber' | 'alias' | 'defaultAlias' | 'id';
  matched: string;
  /** set when a default was assumed (e.g. "H100" -> SXM5) */
  note?: string;
  /** the accelerator a server holds when the text names a variant of it (e.g. H200 in an H100/H200 server) */
  contained?: CatalogEntry;
}

// ---------------------------------------------------------------- rule data

export interface ThresholdBranch {
  paragraph: '3A090.a' | '3A090.b';
  id: string;
  tppMin?: number;
  tppBelow?: number;
  pdMin?: number;
  pdBelow?: number;
  interconnectMinGBs?: number;
  text: string;
}

export interface GroupScope {
  groups: string[];
  exceptGroups: string[];
  countries: string[];
  citation: string;
}

export interface ExceptionRule {
  destinationGroups: string[];
  exceptGroups?: string[];
  destinationCountries?: string[];
  exceptCountries?: string[];
  coversHeadquartersRule: boolean;
  notificationDays: number;
  citation: string;
}

export interface RuleParameters {
  eccn3A090: { branches: ThresholdBranch[]; note2NonDatacenterTppMin: number | null; citation: string };
  precisionBits: Record<string, number | string[] | string>;
  computerEccn: { a: string; b: string; citation: string };
  zEccns: { list: string[]; citation: string };
  destinationScope: GroupScope;
  headquartersRule: { groups: string[]; countries: string[]; citation: string } | null;
  exceptions: Partial<Record<'NAC' | 'ACA', ExceptionRule>>;
  reviewPolicy: {
    denialGroups: string[];
    denialCountries: string[];
    datacenterA: ReviewPolicy;
    other: ReviewPolicy;
    approvalForHeadquarters: { groups: string[]; countries: string[] } | null;
    citation: string;
  };
  hbm: {
    densityAboveGBsPerMm2: number;
    licenseExceptionHbmBelow: number;
    destinationGroups: string[];
    destinationCountries: string[];
    reviewPolicy: ReviewPolicy;
    citation: string;
  } | null;
  jan2026Tier: {
    tppBelow: number;
    dramBandwidthBelowGBs: number;
    countries: string[];
    exportFrom: string[];
    reviewPolicy: ReviewPolicy;
    conditions: string[];
    citation: string;
    /** parts the tier never reaches (not the H200, its equivalents or less advanced chips available in the US) */
    excluded?: { architectures: string[]; patterns: string[]; text: string; citation: string };
  } | null;
  uaeRule: {
    country: string;
    reviewPolicy: ReviewPolicy;
    citation: string;
    /** what an approved party gets: a License Exception (STA) with conditions, not "no licence needed" */
    approvedPartyException?: { code: 'STA'; conditions: string[]; citation: string };
  } | null;
  /** the affiliates (50 %) rule; absent before Sep 29 2025 */
  affiliatesRule?: {
    status: 'in_force' | 'suspended' | 'uncertain';
    ownershipPercentMin: number;
    lists: string[];
    text: string;
    citation: string;
  } | null;
  /** carveOutTerms: words of a declared end use that put it under the teardown/evaluation carve-out (then review, not deny) */
  gp10Guidance: {
    citation: string;
    carveOut: string;
    carveOutTerms?: string[];
    /** families the guidance names, recognised by name (case-insensitive regular expressions over model and description) */
    families?: { name: string; patterns: string[]; text: string }[];
  } | null;
}

export interface RuleSetRow {
  id: string;
  effectiveFrom: string;
  title: string;
  citations: string[];
  changes: Partial<RuleParameters>;
}

/** A rule set as in force: the fold of every row up to and including this one. */
export interface RuleSet {
  id: string;
  effectiveFrom: string;
  /** first day of the next rule set (exclusive), if any */
  effectiveTo: string | null;
  title: string;
  /** citations of this row and of every earlier row still in force */
  citations: string[];
  parameters: RuleParameters;
}

export interface CountryGroupRow extends Dated {
  group: string;
  country: string;
  source: string;
  uncertain: boolean;
}

export interface InformedLetter extends Dated {
  id: string;
  recipient: string;
  models: string[];
  equivalence?: { memoryBandwidthMinGBs?: number; interconnectMinGBs?: number; text?: string };
  destinationCountries: string[];
  destinationGroups: string[];
  headquarters: boolean;
  reviewPolicy: ReviewPolicy;
  citation: string;
}

export interface EmbargoRow extends Dated {
  country: string;
  citation: string;
  uncertain: boolean;
}

export interface UaeApprovedParty extends Dated {
  id: string;
  category: 'uae_government' | 'supp8_approved' | 'us_hq_ai_firm';
  names: string[];
  requiresPartyKind?: string;
  requiresHeadquarters?: string;
  citation: string;
}

export interface TransshipmentHub {
  country: string;
  source: string;
  uncertain: boolean;
}

// ---------------------------------------------------------------- results

/** The advanced-computing paragraph an item meets (what the licence rules key on). */
export type AcParagraph = '3A090.a' | '3A090.b' | '3A090.c' | '4A090.a' | '4A090.b';

export const NOT_CONTROLLED_ECCN = 'EAR99/NOT_3A090';
export const UNKNOWN_ECCN = 'UNKNOWN';

export interface ItemClassification {
  index: number;
  resolvedModel?: string;
  catalogId?: string;
  /** 0..1 when resolved from the catalog */
  confidence?: number;
  kind: ItemKind;
  acceleratorsPerUnit: number;
  /** 3A090.a | 3A090.b | 3A090.c | 4A090.a | 4A090.b | <base>.z | EAR99/NOT_3A090 | UNKNOWN */
  eccn: string;
  /** the advanced-computing paragraph met (also for .z twins); undefined when not caught */
  paragraph?: AcParagraph;
  /** TPP of one accelerator (for boards and servers: of the accelerator they hold) */
  tpp?: number;
  performanceDensity?: number;
  datacenter?: boolean;
  memoryBandwidthGBs?: number;
  interconnectGBs?: number;
  /** 3A090.c: memory bandwidth / stack area, GB/s/mm² */
  memoryBandwidthDensity?: number;
  basis: string;
  /** true when the classification could not be determined: licence logic fails closed (review) */
  unknown: boolean;
  gp10?: boolean;
  /** GPU architecture from the catalog, or recognised by name for an unknown part (e.g. Blackwell) */
  architecture?: string;
  /** set when GP10 was recognised by the family name rather than by a catalog entry */
  gp10Family?: string;
  informedLetter?: {
    id: string;
    recipient: string;
    citation: string;
    reviewPolicy: ReviewPolicy;
    destinationCountries: string[];
    destinationGroups: string[];
    headquarters: boolean;
  };
  rulesVersion: string;
  reasons: Reason[];
}

export interface LicenseContext {
  /** YYYY-MM-DD */
  date: string;
  /** default US */
  exportFrom?: string;
  /** ship-to and end-user countries (upper-case ISO), with the subject that put them there */
  destinations: { subject: string; country: string }[];
  /** known headquarters / ultimate-parent countries of the parties (all of them, restricted or not) */
  headquarters?: { subject: string; country: string; kind: 'headquarters' | 'ultimateParent' }[];
  licenses?: LicenseOnFile[];
  /** the declared end use (GP10 teardown / evaluation carve-out) */
  endUse?: string;
  /** parties by name, for the UAE approved-party carve-out */
  parties?: { subject: string; name: string; country?: string; kind?: string }[];
}

export interface LicenseDetermination {
  licenseRequired: boolean;
  /** License Exceptions the item and destinations are eligible for (NAC, ACA, HBM) */
  licenseExceptions: string[];
  /** the strictest review policy among the licence requirements */
  reviewPolicy?: ReviewPolicy;
  rulesVersion: string;
  reasons: Reason[];
}

/** How to read the affiliates rule where its status is uncertain (after its suspension ended): AFFILIATES_RULE_AFTER_SUSPENSION. */
export type AffiliatesAfterSuspension = 'in_force' | 'suspended';

/** The affiliates (50 %) rule as it applies on a date. */
export interface AffiliatesRuleStatus {
  inForce: boolean;
  /** the status comes from configuration, not from settled law */
  uncertain: boolean;
  ownershipPercentMin: number;
  lists: string[];
  text: string;
  citation: string;
  rulesVersion: string;
}

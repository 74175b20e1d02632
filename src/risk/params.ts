/**
 * Every tunable number and word list of the risk module, in one place.
 * None of these numbers comes from a regulation: red-flags.md says weights, thresholds and the
 * "≈ 1 kW per GPU" heuristic are suggestions to be tuned. Each value says where its idea comes from.
 * Override per call with RiskContext.params (shallow merge; pass whole sub-objects).
 */
export const RISK_PARAMS = {
  /**
   * Buyer profile "established": incorporated at least this many years before the order. Together with
   * buyer = end user, own site and local payment it answers one weak flag (profile.ts). [suggestion]
   */
  establishedYears: 10,

  /** NEW_COMPANY: incorporated within this many months before the order date (FinCEN "newly formed"; red-flags.md #6, #38) */
  newCompanyMonths: 12,

  /**
   * "Large order" in accelerators: FIRST_LARGE_ORDER, unbuilt site / office site (CAPACITY_MISMATCH),
   * bigger NEW_COMPANY weight. 64 = eight 8-GPU servers. [suggestion]
   */
  largeOrderAccelerators: 64,

  /** RESIDENTIAL_OR_VIRTUAL_ADDRESS: "residential address ordering commercial quantities" (BIS May 13 2025, #39): one 8-GPU server */
  commercialQuantityAccelerators: 8,

  /** NO_WEB_PRESENCE: domain younger than this (#25, #40: "site only weeks old") */
  minWebsiteAgeMonths: 6,

  /**
   * CAPACITY_MISMATCH: power an installed accelerator needs, kW, server overhead included.
   * red-flags.md suggests ≈ 1 kW per GPU [unverified heuristic]; an NVIDIA DGX H100 is specified at
   * ~10.2 kW max for 8 GPUs (≈ 1.3 kW each) before cooling. 1.0 is the lenient lower bound, so a hit means
   * the site cannot power the order even at best.
   */
  kwPerAccelerator: 1.0,

  /** CAPACITY_MISMATCH: controlled order value above this multiple of the buyer's annual revenue ("revenue tiny vs order") */
  maxOrderToRevenue: 1.0,

  /**
   * FIRST_LARGE_ORDER (structuring detector). "Orders just under internal or reporting thresholds;
   * many small orders across related buyers" (red-flags.md catalogue, FIRST_LARGE_ORDER row; CNAS pathway 1).
   * Levels: 100 (CNAS proposal: notify BIS of > 100 4A090 items), 500 (House Select Committee asked
   * for sales of more than 499 chips). An order is "just under" a level L when L x (1 - bandBelow) <= n < L.
   */
  structuring: {
    windowDays: 30,
    levels: [100, 500] as number[],
    bandBelow: 0.1,
    /** orders just under the same level, this one included */
    minOrders: 3,
    /** distinct related buyers (this one included) for the "many buyers" pattern … */
    minRelatedBuyers: 3,
    /** … whose orders in the window add up to at least this many accelerators */
    aggregateAccelerators: 100,
  },

  /** riskScore: see riskScore() in evaluate.ts for the rule */
  score: {
    /** orders with only info flags never score above this */
    infoOnlyCap: 20,
    /** any review flag lifts the score to at least this */
    reviewFloor: 25,
    /** any deny flag lifts the score to at least this */
    denyFloor: 90,
  },
};

export type RiskParams = typeof RISK_PARAMS;

export function resolveParams(overrides?: Partial<RiskParams>): RiskParams {
  return overrides ? { ...RISK_PARAMS, ...overrides } : RISK_PARAMS;
}

/**
 * LINE_OF_BUSINESS_MISMATCH vocabulary. A registered activity or buyer name matching UNRELATED (and not
 * COMPUTE_RELATED) is a mismatch. Examples from the sources: "small bakery" (BIS Red Flag Indicators #3),
 * a realty company (Janford Realtor, C2), an Indian pharmaceutical company (C9), tea or toys (C9),
 * trading companies (FIN-2023-GLOBALEXPORT #28; BIS May 13 2025 #45).
 */
export const UNRELATED_ACTIVITY: RegExp =
  /\b(real[ -]?estate|realty|realtor|property|properties|bakery|bakeries|restaurant|catering|food|beverage|pharma\w*|drug|textile|garment|apparel|clothing|fashion|tea|toys?|furniture|cosmetic\w*|beauty|jewel\w*|travel|tourism|agricultur\w*|farming|fishery|seafood|construction|cleaning|general trading|trading company|import[ -]export|consultancy services)\b/i;

/** Activities that plausibly buy accelerators; these win over UNRELATED ("AI trading" stays clean). */
export const COMPUTE_RELATED: RegExp =
  /\b(computer|computing|compute|data ?cent(er|re)s?|cloud|hosting|colocation|server|semiconductor|electronic\w*|information technology|it services|software|ai|artificial intelligence|machine learning|hpc|supercomput\w*|telecom\w*|research|university|laboratory|gpu|systems integrat\w*|digital infrastructure)\b/i;

/**
 * MISDESCRIBED_GOODS vocabulary. A requested invoice description must name the goods; DECOY terms are the
 * descriptions used in the cases: "computer parts", "adapters", "contactor controllers" (C3), tea or toys (C9).
 */
export const GOODS_TERMS: RegExp =
  /\b(gpus?|graphics|rtx|accelerators?|servers?|processors?|ai|tensor|compute|computing|hgx|dgx|mgx|nvl\d*|superchip|hbm|high[- ]bandwidth memory|(a|h|b|l|gb|gh|mi)\d{2,4}\w*|instinct|gaudi\d*|tpu|npu|integrated circuits?)\b/i;
export const DECOY_TERMS: RegExp =
  /\b(adapters?|contactors?|contactor controllers?|toys?|tea|samples? of no commercial value|spare parts|cables?|furniture|household)\b/i;

/**
 * MISDESCRIBED_GOODS: HS headings (digits, no dots) a declared code should start with, per item kind.
 * CHPL tier 1: 8542.31 processors (GPUs), 8542.32 memories (HBM); tier 3.A 8471.50 servers; 4.A 8471.80;
 * cards and boards are often declared under 8473.30 (export-rules.md §6.5).
 */
export const HS_PREFIXES_BY_KIND: Record<string, string[]> = {
  chip: ['8542'],
  hbm: ['8542'],
  board: ['847330', '8471', '854231'],
  server: ['8471'],
  system: ['8471'],
};

/** Site types for RESIDENTIAL_OR_VIRTUAL_ADDRESS / FORWARDER_AS_CONSIGNEE / CAPACITY_MISMATCH (API.md attributes.siteType). */
export const RESIDENTIAL_SITE_TYPES = ['residential'];
export const VIRTUAL_SITE_TYPES = ['virtual_office'];
export const LOGISTICS_SITE_TYPES = ['logistics'];
export const NON_COMPUTE_SITE_TYPES = ['office', 'retail'];
export const DATA_CENTRE_SITE_TYPES = ['data_center', 'colocation'];

/** Address text that means a mailbox or virtual office (#28 "mail centre", #43 vague address). */
export const VIRTUAL_ADDRESS: RegExp =
  /\b(p\.? ?o\.? ?box|post office box|postbox|mail ?box|virtual office|c\/o|care of|registered agent|business cent(er|re))\b/i;
/** Address text that means a dwelling (#39). */
export const RESIDENTIAL_ADDRESS: RegExp = /\b(apartment|apt\.?|flat \d+|condominium|condo)\b/i;

/** Party kinds that are forwarders / logistics firms (#10, #28, #45). */
export const FORWARDER_KINDS = ['freight_forwarder', 'logistics'];
/** Party kinds that normally are the end user themselves (END_USER_UNVERIFIABLE guard). */
export const SELF_END_USER_KINDS = ['end_user', 'data_center_operator', 'cloud_provider', 'university', 'government'];

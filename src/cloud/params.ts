/** Tunable numbers of the cloud checks, each in one place (a check's own weight sits with the check in checks.ts). */
import { MAJORITY_OWNER_PERCENT } from '../decision';
import { RISK_PARAMS } from '../risk';

/** Tunable numbers of the cloud checks. None is a regulatory threshold unless it says so. */
export const CLOUD_PARAMS = {
  /** an owner at or above this share is a majority owner ("ultimate parent" for the HQ rule; OFAC / affiliates 50 % rules) */
  majorityOwnerPercent: MAJORITY_OWNER_PERCENT,
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
  unrelatedActivityH100e: RISK_PARAMS.largeOrderAccelerators,
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
  /**
   * riskScore: contribution of the reason codes no cloud check owns (party screening, list state); each check's
   * own weight is in its row of CLOUD_CHECKS (checks.ts). Noisy-OR, see cloudRiskScore().
   */
  weights: {
    PARTY_LIST_MATCH: 0.7,
    PARTY_POSSIBLE_MATCH: 0.3,
    LISTS_SAMPLE_ONLY: 0,
    LISTS_STALE: 0,
  } as Record<string, number>,
  /** weight of a review / info reason whose code is neither in `weights` nor a check's */
  defaultReviewWeight: 0.2,
  defaultInfoWeight: 0.02,
  /** same floors and caps as the transaction risk score */
  score: RISK_PARAMS.score,
};
export type CloudParams = typeof CLOUD_PARAMS;

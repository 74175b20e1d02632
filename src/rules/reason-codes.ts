/**
 * Every reason code the rules module emits: stable, with its severity and the
 * citation it carries by default (a rule-data citation may be more specific).
 * `severity` lists every severity the code can take; where it is more than one,
 * the review policy decides (presumption of denial -> deny, else review).
 */
import type { Reason, Severity } from '../common/reason';

export interface ReasonCodeInfo {
  severity: Severity[];
  meaning: string;
  citation: string;
}

export const RULES_REASON_CODES = {
  NOT_CONTROLLED: {
    severity: ['info'],
    meaning: 'Not caught by the advanced-computing parameters, or no licence needed for these destinations',
    citation: 'ECCN 3A090, Supp. No. 1 to Part 774; 15 CFR 742.6(a)(6)',
  },
  MODEL_ASSUMED: {
    severity: ['info'],
    meaning: 'A bare family name was resolved to its most common variant (e.g. H100 -> H100 SXM5)',
    citation: 'ECCN 3A090, Supp. No. 1 to Part 774',
  },
  DATACENTER_ASSUMED: {
    severity: ['info'],
    meaning: 'No datacenter flag given: treated as designed for datacenters (the stricter reading)',
    citation: 'Note 2 to ECCN 3A090 (88 FR 73458)',
  },
  SPARSE_RATE_IGNORED: {
    severity: ['info'],
    meaning: 'A sparse or unknown-precision rate was not counted in TPP',
    citation: 'Technical Note 3 to ECCN 3A090 (88 FR 73458)',
  },
  UNKNOWN_ITEM: {
    severity: ['review'],
    meaning: 'The model is not in the catalog and no specs were given: cannot classify',
    citation: '15 CFR 732.3 (classification responsibility); Supp. No. 3 to Part 732',
  },
  ITEM_SPECS_INCOMPLETE: {
    severity: ['review'],
    meaning: 'A figure the classification needs (e.g. die area for PD, confirmed rates) is missing',
    citation: 'ECCN 3A090 Technical Notes (88 FR 73458)',
  },
  SPECS_CONFLICT: {
    severity: ['review', 'info'],
    meaning: 'Specs given for a catalog part disagree with the catalog: the stricter figures stand (review when a given figure was less restrictive)',
    citation: '15 CFR 732.3 (classification responsibility); Technical Notes to ECCN 3A090 (88 FR 73458, Oct 25 2023)',
  },
  ECCN_MISMATCH: {
    severity: ['review', 'info'],
    meaning: 'The declared ECCN contradicts the classification (review when the declaration is less restrictive)',
    citation: '15 CFR 758.1(g); ECCN 3A090/4A090, Supp. No. 1 to Part 774',
  },
  EMBARGOED_DESTINATION: {
    severity: ['deny'],
    meaning: 'Comprehensively embargoed destination (Cuba, Iran, North Korea, Syria, Russia, Belarus)',
    citation: '15 CFR Part 746',
  },
  GP10_ADVANCED_COMPUTING_ICS: {
    severity: ['deny'],
    meaning: 'Huawei Ascend / PRC 3A090 IC: dealing in it risks General Prohibition 10',
    citation: '15 CFR 736.2(b)(10); BIS guidance of May 13 2025',
  },
  LICENSE_REQUIRED: {
    severity: ['deny', 'review'],
    meaning: 'Destination-based licence requirement for an advanced-computing item',
    citation: '15 CFR 742.6(a)(6)',
  },
  LICENSE_REQUIRED_HQ: {
    severity: ['deny', 'review'],
    meaning: 'A party is headquartered (or its ultimate parent is) in Macau or D:5',
    citation: '15 CFR 742.6(a)(6)(iii)(A); 15 CFR 744.23(a)(3)',
  },
  LICENSE_REQUIRED_UAE: {
    severity: ['review'],
    meaning: 'UAE rule: licence required to or within the UAE except for approved parties',
    citation: '91 FR 43034 (FR Doc 2026-14132)',
  },
  LICENSE_REQUIRED_HBM: {
    severity: ['deny', 'review'],
    meaning: '3A090.c high-bandwidth memory to Macau / D:5',
    citation: 'ECCN 3A090.c (89 FR 96790, FR Doc 2024-28270)',
  },
  LICENSE_MAY_BE_REQUIRED: {
    severity: ['review'],
    meaning: 'Unclassified item to a destination or party where advanced-computing items need a licence',
    citation: '15 CFR 742.6(a)(6); 15 CFR 744.23(a)(3)',
  },
  INFORMED_LETTER_ITEM: {
    severity: ['review'],
    meaning: 'Item covered by a BIS is-informed letter (H20 / MI308 class) for this destination or party',
    citation: '15 CFR 744.23(b)',
  },
  CASE_BY_CASE_TIER_2026: {
    severity: ['info'],
    meaning: 'Jan 2026 case-by-case tier applies (TPP < 21,000 and DRAM bandwidth < 6,500 GB/s, export from the US), with conditions',
    citation: '91 FR 1684 (FR Doc 2026-00789)',
  },
  NAC_ELIGIBLE: { severity: ['info'], meaning: 'License Exception NAC is available (25-day prior notification)', citation: '15 CFR 740.8 (NAC)' },
  ACA_ELIGIBLE: { severity: ['info'], meaning: 'License Exception ACA is available', citation: '15 CFR 740.8 (ACA)' },
  STA_ELIGIBLE: {
    severity: ['info'],
    meaning: 'License Exception STA is available to an approved UAE party, with its conditions',
    citation: '15 CFR 740.20 (License Exception STA); 91 FR 43034 (Jul 14 2026), FR Doc 2026-14132',
  },
  HBM_EXCEPTION_ELIGIBLE: {
    severity: ['info'],
    meaning: 'License Exception HBM may be available (density < 3.3 GB/s/mm², site conditions)',
    citation: '15 CFR 740.25',
  },
  NAC_NOTIFIED: {
    severity: ['review'],
    meaning: 'A NAC notification is on file: hold until the 25 days pass without a BIS objection',
    citation: '15 CFR 740.8 (NAC)',
  },
  ACA_CLAIMED: { severity: ['review'], meaning: 'License Exception ACA is claimed: confirm eligibility before shipping', citation: '15 CFR 740.8 (ACA)' },
  LICENSE_EXCEPTION_NOT_ELIGIBLE: { severity: ['info'], meaning: 'A NAC/ACA on file does not cover this item or destination', citation: '15 CFR 740.8' },
  LICENSE_ON_FILE: { severity: ['info'], meaning: 'A valid licence or VEU authorisation is on file', citation: '15 CFR Part 750; 15 CFR 748.15 (VEU)' },
  LICENSE_EXPIRED: { severity: ['info'], meaning: 'A licence on file expired before the order date and does not count', citation: '15 CFR 750.7(g)' },
  LICENSE_UNVERIFIED: { severity: ['info'], meaning: 'A licence on file has no validUntil date and is not counted', citation: '15 CFR 750.7' },
  UAE_APPROVED_PARTY: {
    severity: ['info'],
    meaning: 'An approved party under the UAE rule: License Exception STA with conditions, not "no licence needed"',
    citation: '91 FR 43034 (Jul 14 2026), FR Doc 2026-14132; Supp. No. 8 to Part 740; 15 CFR 740.20',
  },
} satisfies Record<string, ReasonCodeInfo>;

export type RulesReasonCode = keyof typeof RULES_REASON_CODES;

/** Build a reason with the code's default citation unless one is given. */
export function reason(
  code: RulesReasonCode,
  severity: Severity,
  subject: string,
  message: string,
  evidence: Record<string, unknown> = {},
  citation?: string,
): Reason {
  return { code, severity, message, citation: citation ?? RULES_REASON_CODES[code].citation, subject, evidence };
}

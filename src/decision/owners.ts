/**
 * What a confirmed list match on a beneficial owner means for the party it owns (a transaction's buyer, a
 * cloud customer). An owner is not itself a party to the export, so a match is a legal stop only where a
 * rule extends the listing to what it owns:
 * - OFAC 50 Percent Rule: an entity owned 50 % or more by blocked persons is itself blocked;
 * - the affiliates rule (90 FR 47201) for Entity List / MEU owners, on the dates the rule data says it is in force
 *   (suspended Nov 10 2025 to Nov 9 2026; uncertain afterwards: AFFILIATES_RULE_AFTER_SUSPENSION decides).
 * Everything else is review. Plain TypeScript; the lists and the share are data (data/rules/list-consequences.json).
 */
import type { Reason } from '../common/reason';
import type { AffiliatesRuleStatus } from '../rules';
import { LIST_CONSEQUENCE_DATA } from './list-consequences';

const OWNER_MATCHES = LIST_CONSEQUENCE_DATA.ownerMatches;

export const OFAC_50_PERCENT = OWNER_MATCHES.blockingRule.citation;

/** Owners at or above this share control the entity (OFAC 50 % rule; the affiliates rule's threshold when it has none). */
export const MAJORITY_OWNER_PERCENT = OWNER_MATCHES.blockingRule.majorityOwnerPercent;

const BLOCKING_LISTS: string[] = OWNER_MATCHES.blockingLists;

export interface OwnerMatchContext {
  /** the owned party as a message names it: "the customer", "the buyer" */
  owned: string;
  /** the affiliates rule on the order date (RuleBook.affiliatesRule), null before it existed */
  affiliates: AffiliatesRuleStatus | null;
  /** citation for a minority owner's review when no list rule applies */
  minorityCitation: string;
}

/** The severity, message and citation of a confirmed (deny-level) list match on an owner, by share and date. */
export function ownerListMatch(r: Reason, share: number | undefined, ctx: OwnerMatchContext): Reason {
  const source = String(r.evidence.source ?? '');
  const affiliates = ctx.affiliates;
  const blocking = BLOCKING_LISTS.includes(source);
  const exportList = (affiliates?.lists ?? OWNER_MATCHES.exportListsWithoutAffiliatesRule).includes(source);
  const majority = share !== undefined && share >= (exportList && affiliates ? affiliates.ownershipPercentMin : MAJORITY_OWNER_PERCENT);
  const shareText = share === undefined ? 'an undisclosed share' : `${share} %`;
  if (majority && blocking) {
    return {
      ...r,
      message: `${r.message}. The owner holds ${shareText}: ${ctx.owned} is itself treated as blocked (OFAC 50 % rule)`,
      citation: `${r.citation}; ${OFAC_50_PERCENT}`,
      evidence: { ...r.evidence, ownershipPercent: share },
    };
  }
  if (majority && exportList && affiliates?.inForce) {
    return {
      ...r,
      message: `${r.message}. The owner holds ${shareText}: the affiliates rule extends the listing to ${ctx.owned} (${affiliates.text})`,
      citation: `${r.citation}; ${affiliates.citation}`,
      evidence: { ...r.evidence, ownershipPercent: share, affiliatesRule: 'in force', uncertain: affiliates.uncertain, rulesVersion: affiliates.rulesVersion },
    };
  }
  const why =
    share === undefined
      ? `the share is not stated, so whether the listing extends to ${ctx.owned} must be resolved`
      : majority && exportList
        ? affiliates
          ? `the affiliates rule does not apply on this date (${affiliates.text}), but a majority-owned affiliate of a listed party is a red flag`
          : 'the affiliates rule did not exist yet on this date, but a majority-owned affiliate of a listed party is a red flag'
        : `a minority owner (${shareText}) is not itself a party to the export`;
  return {
    ...r,
    severity: 'review',
    message: `${r.message}. Review: ${why}`,
    citation: `${r.citation}; ${exportList && affiliates ? affiliates.citation : blocking ? OFAC_50_PERCENT : ctx.minorityCitation}`,
    evidence: {
      ...r.evidence,
      ownershipPercent: share ?? null,
      listSeverity: 'deny',
      ...(affiliates ? { affiliatesRule: affiliates.inForce ? 'in force' : 'not in force', uncertain: affiliates.uncertain } : {}),
    },
  };
}

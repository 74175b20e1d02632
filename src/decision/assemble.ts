/** The shape every decision shares (transactions, cloud customers) and how it is put together from its reasons. */
import { Outcome, Reason, dedupeReasons, outcomeOf, sortReasons } from '../common/reason';
import type { ItemClassification } from '../rules';
import type { ListState } from './list-state';
import type { PartyScreening } from './party-screening';

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

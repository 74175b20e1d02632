/**
 * Running the detectors: derive the shared facts once, collect hits, apply the combination rules,
 * turn hits into Reasons and compute the riskScore. The decision core merges these reasons with the
 * legal ones and takes the most severe (outcomeOf): the score never overrides a legal stop.
 */
import type { Reason, Severity } from '../common/reason';
import { sortReasons } from '../common/reason';
import { checkInForce } from '../decision/check';
import { RED_FLAGS, historyQueries } from './flags';
import { RISK_PARAMS, resolveParams } from './params';
import { applyProfileAnswers, buyerProfile } from './profile';
import type { AsyncOrderHistory, DerivedFacts, EvaluatedHit, OrderHistory, RedFlag, RedFlagHit, RiskContext } from './types';
import type { Order } from '../common/order';

/**
 * Deny combinations (README.md "Calibration"). Red flags alone give review; a combination rule makes
 * them deny only where the payment comes from a restricted country (CN / HK / MO or another D:5 / E
 * country) and another flag says the goods or the buyer are not what they seem: money from the
 * restricted country together with a forwarder as consignee, an end user that is not named or not found,
 * or a buyer whose business does not fit. When the `escalate` flag has a review hit and a flag of `with`
 * has a review or deny hit, the `escalate` hits (optionally of one `pattern`) become deny.
 * Only applied to orders with controlled items (all flags involved are controlled-scope).
 */
export interface CombinationRule {
  rule: string;
  escalate: string;
  pattern?: string;
  with: string[];
  source: string;
}

const RESTRICTED_PAYMENT_SOURCE =
  "FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023) and BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): payment from a restricted country while the declared end user is elsewhere, together with a second red flag, is not resolved by the customer's representations (15 CFR Part 732, Supplement No. 3: duty to inquire; 15 CFR 744.23)";

export const COMBINATION_RULES: CombinationRule[] = [
  {
    rule: 'RESTRICTED_PAYMENT_WITH_DIVERSION_FLAG',
    escalate: 'PAYMENT_FROM_RESTRICTED',
    with: ['FORWARDER_AS_CONSIGNEE', 'END_USER_UNVERIFIABLE', 'LINE_OF_BUSINESS_MISMATCH'],
    source: RESTRICTED_PAYMENT_SOURCE,
  },
  {
    rule: 'THIRD_PARTY_PAYER_IN_RESTRICTED_COUNTRY',
    escalate: 'THIRD_PARTY_PAYMENT',
    pattern: 'payer_not_party',
    with: ['PAYMENT_FROM_RESTRICTED'],
    source: RESTRICTED_PAYMENT_SOURCE,
  },
  {
    rule: 'FORWARDER_PAID_FROM_RESTRICTED_COUNTRY',
    escalate: 'FORWARDER_AS_CONSIGNEE',
    with: ['PAYMENT_FROM_RESTRICTED'],
    source: RESTRICTED_PAYMENT_SOURCE,
  },
  {
    rule: 'MISFIT_BUYER_PAID_FROM_RESTRICTED_COUNTRY',
    escalate: 'LINE_OF_BUSINESS_MISMATCH',
    with: ['PAYMENT_FROM_RESTRICTED'],
    source: RESTRICTED_PAYMENT_SOURCE,
  },
];

export function deriveFacts(ctx: RiskContext): DerivedFacts {
  const params = resolveParams(ctx.params);
  const { order, countries } = ctx;
  let controlledAccelerators = 0;
  let value = 0;
  let valued = false;
  for (const it of ctx.items) {
    if (!it.controlled) continue;
    controlledAccelerators += Math.max(0, it.acceleratorCount || 0);
    const item = order.items[it.index];
    const unit = it.unitValueUsd ?? item?.unitValueUsd;
    if (typeof unit === 'number' && item) {
      value += unit * item.quantity;
      valued = true;
    }
  }
  return {
    params,
    anyControlled: ctx.items.some((i) => i.controlled),
    controlledAccelerators,
    controlledValueUsd: valued ? value : undefined,
    destinationCountry: order.endUser?.country ?? order.shipTo?.country,
    date: order.date,
    restricted: (c) => !!c && (countries.isRestrictedForAdvancedComputing(c, order.date) || countries.isEmbargoed(c, order.date)),
  };
}

export interface RedFlagResult {
  /** one Reason per hit, most severe first; code = catalogue id */
  reasons: Reason[];
  /** 0..100, see riskScore() */
  riskScore: number;
  hits: EvaluatedHit[];
}

/** Run the detectors (default: RED_FLAGS) over one order. Never throws: a failing detector is a review reason. */
export function evaluateRedFlags(ctx: RiskContext, flags: RedFlag[] = RED_FLAGS): RedFlagResult {
  const facts = deriveFacts(ctx);
  let hits: EvaluatedHit[] = [];
  for (const flag of flags) {
    if (flag.scope === 'controlled' && !facts.anyControlled) continue;
    if (!checkInForce(flag, facts.date)) continue;
    let raw: RedFlagHit | RedFlagHit[] | undefined;
    try {
      raw = flag.detect(ctx, facts);
    } catch (err) {
      hits.push({
        id: 'RISK_CHECK_FAILED',
        name: flag.name,
        severity: 'review',
        weight: 0,
        subject: 'order',
        message: `Red-flag check '${flag.name}' (${flag.id}) could not run; hold for review`,
        evidence: { detector: flag.name, flag: flag.id, error: err instanceof Error ? err.message : String(err) },
        source: '15 CFR Part 732, Supplement No. 3: a red flag that cannot be checked is not resolved (hold for review)',
        reads: flag.reads,
      });
      continue;
    }
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const h of list) {
      hits.push({
        id: flag.id,
        name: flag.name,
        severity: h.severity ?? flag.severity,
        weight: h.weight ?? flag.weight,
        subject: h.subject,
        message: h.message,
        evidence: h.evidence,
        source: flag.source,
        reads: flag.reads,
      });
    }
  }
  if (facts.anyControlled) hits = applyCombinationRules(hits);
  hits = answeredByProfile(ctx, facts, hits);
  const reasons = sortReasons(hits.map(toReason));
  return { reasons, riskScore: riskScore(hits, facts.params.score), hits };
}

/** One weak flag the buyer's profile answers becomes info (profile.ts); a profile that cannot be read changes nothing. */
function answeredByProfile(ctx: RiskContext, facts: DerivedFacts, hits: EvaluatedHit[]): EvaluatedHit[] {
  try {
    return applyProfileAnswers(hits, buyerProfile(ctx, facts));
  } catch {
    return hits;
  }
}

const counts = (h: EvaluatedHit) => h.severity === 'review' || h.severity === 'deny';

export function applyCombinationRules(hits: EvaluatedHit[], rules: CombinationRule[] = COMBINATION_RULES): EvaluatedHit[] {
  const out = hits.map((h) => ({ ...h }));
  for (const r of rules) {
    const partners = [...new Set(out.filter((h) => counts(h) && r.with.includes(h.id) && h.id !== r.escalate).map((h) => h.id))];
    if (!partners.length) continue;
    for (const h of out) {
      if (h.id !== r.escalate || h.severity !== 'review') continue;
      if (r.pattern && h.evidence.pattern !== r.pattern) continue;
      h.severity = 'deny';
      h.escalatedBy = r.rule;
      h.message = `${h.message}; together with ${partners.join(', ')} this is a deny`;
      h.evidence = { ...h.evidence, combinedWith: partners, combinationRule: r.rule };
      if (!h.source.includes(r.source)) h.source = `${h.source}; ${r.source}`;
    }
  }
  return out;
}

function toReason(h: EvaluatedHit): Reason {
  return {
    code: h.id,
    severity: h.severity,
    message: h.message,
    citation: h.source,
    subject: h.subject,
    evidence: { ...h.evidence, detector: h.name, weight: h.weight },
  };
}

/**
 * THE riskScore RULE (the only place it is defined; README.md repeats it):
 *
 *  1. Each catalogue id counts once: its weight is the largest weight among its hits
 *     (a flag hitting buyer and end user is not twice the evidence). Negative weights are mitigations
 *     (BILL_TO_SG_ONLY) and count once per id too (the most negative).
 *  2. p = 1 - Π(1 - w) over the positive weights ("noisy OR": independent red flags accumulate,
 *     each adds less the more there already is, p never exceeds 1).
 *  3. p = max(0, p + Σ mitigations).
 *  4. score = round(100 p).
 *  5. Only info hits (no review or deny): score = min(score, infoOnlyCap = 20)
 *     — a transshipment hub alone stays low.
 *  6. Any review hit: score = max(score, reviewFloor = 25).
 *  7. Any deny hit (deception, or a combination rule): score = max(score, denyFloor = 90).
 *  8. Clamp to 0..100.
 *
 * The score summarises; it decides nothing. The outcome is the most severe reason (a legal stop from
 * the rules or screening modules stays a stop whatever the score), and each red flag's own severity
 * already puts the order on review or deny.
 */
export function riskScore(
  hits: readonly Pick<EvaluatedHit, 'id' | 'severity' | 'weight'>[],
  params: { infoOnlyCap: number; reviewFloor: number; denyFloor: number } = RISK_PARAMS.score,
): number {
  const pos = new Map<string, number>();
  const neg = new Map<string, number>();
  let worst: Severity = 'info';
  for (const h of hits) {
    if (h.weight > 0) pos.set(h.id, Math.max(pos.get(h.id) ?? 0, Math.min(1, h.weight)));
    else if (h.weight < 0) neg.set(h.id, Math.min(neg.get(h.id) ?? 0, h.weight));
    if (h.severity === 'deny') worst = 'deny';
    else if (h.severity === 'review' && worst === 'info') worst = 'review';
  }
  let keep = 1;
  for (const w of pos.values()) keep *= 1 - w;
  let p = 1 - keep;
  for (const m of neg.values()) p += m;
  let score = Math.round(100 * Math.max(0, p));
  if (worst === 'info') score = Math.min(score, params.infoOnlyCap);
  if (worst === 'review') score = Math.max(score, params.reviewFloor);
  if (worst === 'deny') score = Math.max(score, params.denyFloor);
  return Math.max(0, Math.min(100, score));
}

/**
 * For a store that answers asynchronously (TypeORM): run exactly the two queries the detectors will make
 * for this order and return a synchronous OrderHistory over the answers.
 */
export async function snapshotHistory(source: AsyncOrderHistory, order: Order, now: Date, params = RISK_PARAMS): Promise<OrderHistory> {
  const q = historyQueries({ order, now }, params.structuring.windowDays);
  const [summary, related] = await Promise.all([source.buyerSummary(q.buyerKey, q.before), source.recentRelatedOrders(q.keys, q.since)]);
  return {
    buyerSummary: (key, before) => {
      if (key !== q.buyerKey || before !== q.before) throw new Error('history snapshot was taken for another buyer or time');
      return summary;
    },
    recentRelatedOrders: (_keys, since) => related.filter((o) => o.createdAt >= since),
  };
}

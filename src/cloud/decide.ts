/**
 * Cloud (IaaS) customer vetting: who really uses the accelerators, from where, for what.
 *
 * Plain TypeScript, no Nest: `decideCustomer(input, deps)` screens the parties, computes the capacity, runs
 * the named checks of checks.ts (CLOUD_CHECKS), each returning coded and cited Reasons, and folds them into the
 * same DecisionBody a transaction produces (src/decision, the kernel), plus the aggregate compute.
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
import type { Reason } from '../common/reason';
import { assembleDecision, checkInForce, listStateReasons } from '../decision';
import { riskScore } from '../risk';
import { CLOUD_CHECKS, CLOUD_CHECK_WEIGHTS, restrictedHeadquarters } from './checks';
import { computeCapacity } from './compute';
import { CLOUD_PARAMS, CloudParams } from './params';
import { checkScreening } from './screening';
import type { CloudCompute, CloudCustomerInput, CloudDecisionBody, CloudDeps, CloudFacts } from './types';

/**
 * riskScore 0..100 with the risk module's riskScore(): noisy-OR of per-code weights over the reasons
 * (score = 100 x (1 - Π(1 - w)), one weight per code), then the transaction score's floors: any deny reason -> at least 90,
 * any review reason -> at least 25, info only -> at most 20. Fail-closed list states weigh nothing.
 */
export function cloudRiskScore(reasons: Reason[], params: CloudParams = CLOUD_PARAMS): number {
  const hits = reasons
    .map((r) => {
      const w = params.weights[r.code] ?? CLOUD_CHECK_WEIGHTS[r.code] ?? (r.severity === 'info' ? params.defaultInfoWeight : params.defaultReviewWeight);
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

  for (const check of CLOUD_CHECKS) if (checkInForce(check, input.date)) reasons.push(...check.detect(facts));

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

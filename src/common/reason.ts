/**
 * The unit every module speaks in: API, CLI, stored decision, export.
 * The outcome of a decision is the most severe reason (DESIGN.md).
 */
export type Severity = 'deny' | 'review' | 'info';
export type Outcome = 'allow' | 'review' | 'deny';

export interface Reason {
  /** stable UPPER_SNAKE code */
  code: string;
  severity: Severity;
  /** one sentence a compliance officer understands */
  message: string;
  /** CFR / Federal Register / guidance citation */
  citation: string;
  /** buyer | endUser | shipTo | billTo | intermediaries[0] | items[1] | payment | order | customer … */
  subject: string;
  evidence: Record<string, unknown>;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, review: 1, deny: 2 };

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}

/** The most restrictive reason wins; no reason above info means allow. */
export function outcomeOf(reasons: readonly Reason[]): Outcome {
  let worst = 0;
  for (const r of reasons) worst = Math.max(worst, SEVERITY_RANK[r.severity]);
  return worst === 2 ? 'deny' : worst === 1 ? 'review' : 'allow';
}

/** Most severe first, stable otherwise. */
export function sortReasons(reasons: Reason[]): Reason[] {
  return reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => SEVERITY_RANK[b.r.severity] - SEVERITY_RANK[a.r.severity] || a.i - b.i)
    .map((x) => x.r);
}

/** The same reason twice (same code, subject and message) is said once. */
export function dedupeReasons(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.code}|${r.subject}|${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

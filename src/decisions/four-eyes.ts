/**
 * Four eyes (SAP GTS-style authorised release): a held order that carries a restricted-list match or a
 * deny-severity reason is released only when two different reviewers agree. Plain functions over the stored
 * decision JSON.
 */
interface StoredDecisionJson {
  reasons?: { severity?: string; evidence?: { source?: unknown } }[];
  parties?: { status?: string; matches?: unknown[] }[];
}

export function needsTwoReviewers(response: StoredDecisionJson): boolean {
  const listMatch = (response.parties ?? []).some((p) => p.status === 'match' || p.status === 'potential' || (p.matches?.length ?? 0) > 0);
  const denyReason = (response.reasons ?? []).some((r) => r.severity === 'deny' || (r.evidence?.source !== undefined && r.evidence.source !== null));
  return listMatch || denyReason;
}

/** The status a decision reaches after a disposition (what the chain check expects). */
export function statusAfter(d: { action: string; fourEyes?: boolean | null }): string {
  if (d.action === 'block') return 'blocked';
  if (d.action === 'release') return d.fourEyes ? 'pending_approval' : 'released';
  if (d.action === 'approve') return 'released';
  // a re-screen found the stored outcome stricter under new lists (a linked `rescreen` finding holds it)
  if (d.action === 'reopen') return 'reopened';
  return d.action;
}

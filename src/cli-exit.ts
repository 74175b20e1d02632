/**
 * Exit codes of the command line, so scripts can branch on the outcome (documented in the README):
 * 0 allow / clear / done, 1 error (nothing decided, or an audit with error rows), 2 review / potential match,
 * 3 deny / match.
 */
export const EXIT = { ok: 0, error: 1, review: 2, deny: 3 } as const;

export type Outcome = 'allow' | 'clear' | 'info' | 'review' | 'potential' | 'deny' | 'match';

export function exitCodeFor(outcome: Outcome): number {
  if (outcome === 'deny' || outcome === 'match') return EXIT.deny;
  if (outcome === 'review' || outcome === 'potential') return EXIT.review;
  return EXIT.ok;
}

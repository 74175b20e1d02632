/** The state of the loaded lists a decision is made on, and the reasons that follow from it (fail closed). */
import type { Reason } from '../common/reason';

export interface ListState {
  sample: boolean;
  stale: { code: string; asOf: string; ageDays: number }[];
  maxAgeDays: number;
  versionDates: Record<string, string>;
  versionIds: Record<string, number>;
}

/** Reasons that follow from the lists themselves (fail closed on a sample or stale list). */
export function listStateReasons(lists: ListState): Reason[] {
  const out: Reason[] = [];
  if (lists.sample) {
    out.push({
      code: 'LISTS_SAMPLE_ONLY',
      severity: 'review',
      message: 'Only the bundled sample of restricted-party lists is loaded; screening is incomplete until the official lists are imported',
      citation: '15 CFR 744 (screening obligations); Supp. No. 3 to Part 732 (know your customer)',
      subject: 'order',
      evidence: { versions: lists.versionDates },
    });
  }
  if (lists.stale.length > 0) {
    out.push({
      code: 'LISTS_STALE',
      severity: 'review',
      message: `Restricted-party lists older than ${lists.maxAgeDays} days: ${lists.stale.map((s) => `${s.code} (${s.asOf})`).join(', ')}`,
      citation: '15 CFR 744 (screening against current lists); LIST_MAX_AGE_DAYS',
      subject: 'order',
      evidence: { stale: lists.stale, maxAgeDays: lists.maxAgeDays },
    });
  }
  return out;
}

/**
 * The audit report for a batch already decided (POST /v1/transactions/batch/report): the web interface sends
 * back the batch's JSON answer and gets the same spreadsheet-safe CSV `chipguard audit --out` writes, without
 * deciding (and storing) anything again. Plain TypeScript: checks the shape, keeps only the report's fields.
 */
import type { BatchReport, BatchResult } from './batch.service';

const str = (v: unknown, max = 4000): string | null => (typeof v === 'string' ? v.slice(0, max) : null);

/** The report's input from an untrusted body; field errors when it is not a batch answer. */
export function parseBatchReportBody(body: unknown): { report?: BatchReport; errors: string[] } {
  const results = (body as { results?: unknown } | null)?.results;
  if (!body || typeof body !== 'object' || !Array.isArray(results)) return { errors: ['the body must be the batch answer {"results": [ … ]}'] };
  const errors: string[] = [];
  const out: BatchResult[] = [];
  results.forEach((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      errors.push(`results[${i}] must be an object`);
      return;
    }
    const x = r as Record<string, unknown>;
    const reasons = x.reasons === undefined || x.reasons === null ? undefined : x.reasons;
    const matches = x.matches === undefined || x.matches === null ? undefined : x.matches;
    const objects = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((m) => m && typeof m === 'object' && !Array.isArray(m)));
    if (!objects(reasons) || !objects(matches)) {
      errors.push(`results[${i}]: reasons and matches must be arrays of objects`);
      return;
    }
    out.push({
      ...(Number.isInteger(x.row) ? { row: x.row as number } : {}),
      ...(Number.isInteger(x.index) ? { index: x.index as number } : {}),
      reference: str(x.reference, 200),
      ...(str(x.id, 40) ? { id: str(x.id, 40)! } : {}),
      ...(str(x.decision, 8) ? { decision: str(x.decision, 8)! } : {}),
      ...(Array.isArray(reasons)
        ? {
            reasons: reasons.map((m: Record<string, unknown>) => ({
              code: str(m.code, 64) ?? '',
              severity: str(m.severity, 8) ?? '',
              subject: str(m.subject, 64) ?? '',
              message: str(m.message) ?? '',
            })),
          }
        : {}),
      ...(Array.isArray(matches)
        ? {
            matches: matches.map((m: Record<string, unknown>) => ({
              subject: str(m.subject, 64) ?? '',
              source: str(m.source, 32) ?? '',
              entryId: str(m.entryId, 200) ?? '',
              name: str(m.name, 1024) ?? '',
              score: typeof m.score === 'number' ? m.score : 0,
            })),
          }
        : {}),
      ...(str(x.error) ? { error: str(x.error)! } : {}),
    });
  });
  if (errors.length) return { errors: errors.slice(0, 20) };
  return { report: { results: out, summary: { rows: out.length, orders: 0, allow: 0, review: 0, deny: 0, errors: 0 }, warnings: [] }, errors };
}

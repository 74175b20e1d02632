/**
 * The audit export's record shapes (GET /v1/decisions/export): one JSON object or one CSV line per decision,
 * with its reasons, the rule set and list versions it used, its dispositions and its place in the hash chain.
 * The JSON form keeps the stored request and response verbatim, so an auditor can recompute the chain.
 */
import { CsvValue } from './report-csv';

export interface StoredDecision {
  id: string;
  seq: number;
  kind: string;
  reference: string | null;
  decision: string;
  status: string;
  orderDate: string;
  createdAt: string;
  rulesVersion: string;
  listVersions: string;
  request: string;
  response: string;
  prevHash: string;
  hash: string;
}

export interface StoredDisposition {
  id: number;
  seq: number;
  decisionId: string;
  action: string;
  note: string | null;
  by: string;
  createdAt: string;
  suppressions: string | null;
  fourEyes?: boolean | null;
  prevHash: string;
  hash: string;
}

interface ResponseShape {
  reasons?: { code: string; severity: string; message: string; citation?: string; subject?: string; evidence?: Record<string, unknown> }[];
  parties?: { subject: string; name: string; status: string; matches?: { source: string; entryId: string; name: string; score: number }[] }[];
  riskScore?: number;
}

export function dispositionJson(d: StoredDisposition) {
  return {
    id: d.id,
    seq: d.seq,
    action: d.action,
    note: d.note,
    by: d.by,
    createdAt: d.createdAt,
    ...(d.fourEyes ? { fourEyes: true } : {}),
    suppressions: d.suppressions ? JSON.parse(d.suppressions) : null,
    prevHash: d.prevHash,
    hash: d.hash,
  };
}

/** JSON export record: the stored decision as returned by the API plus the fields of its chain record. */
export function exportJson(row: StoredDecision, dispositions: StoredDisposition[]) {
  const versions = JSON.parse(row.listVersions) as { dates?: Record<string, string>; ids?: Record<string, number> };
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    reference: row.reference,
    createdAt: row.createdAt,
    orderDate: row.orderDate,
    decision: row.decision,
    status: row.status,
    rulesVersion: row.rulesVersion,
    listVersions: versions.dates ?? {},
    listVersionIds: versions.ids ?? {},
    request: JSON.parse(row.request),
    response: JSON.parse(row.response),
    dispositions: dispositions.map(dispositionJson),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export const EXPORT_CSV_HEADER = [
  'id',
  'seq',
  'created_at',
  'order_date',
  'kind',
  'reference',
  'decision',
  'status',
  'risk_score',
  'rules_version',
  'list_versions',
  'reason_codes',
  'reasons',
  'parties',
  'matches',
  'dispositions',
  'prev_hash',
  'hash',
];

export function exportCsvRow(row: StoredDecision, dispositions: StoredDisposition[]): CsvValue[] {
  const response = JSON.parse(row.response) as ResponseShape;
  const versions = JSON.parse(row.listVersions) as { dates?: Record<string, string>; ids?: Record<string, number> };
  const reasons = response.reasons ?? [];
  const parties = response.parties ?? [];
  return [
    row.id,
    row.seq,
    row.createdAt,
    row.orderDate,
    row.kind,
    row.reference,
    row.decision,
    row.status,
    response.riskScore ?? null,
    row.rulesVersion,
    Object.entries(versions.dates ?? {})
      .map(([code, date]) => `${code}=${date}#${versions.ids?.[code] ?? ''}`)
      .join('; '),
    [...new Set(reasons.map((r) => r.code))].join('; '),
    reasons.map((r) => `[${r.severity}] ${r.code}: ${r.message}${r.citation ? ` (${r.citation})` : ''}`).join('\n'),
    parties.map((p) => `${p.subject}: ${p.name} (${p.status})`).join('\n'),
    matchesText(parties),
    dispositions.map((d) => `${d.createdAt} ${d.action} by ${d.by}${d.note ? `: ${d.note}` : ''}`).join('\n'),
    row.prevHash,
    row.hash,
  ];
}

export function matchesText(parties: ResponseShape['parties']): string {
  return (parties ?? [])
    .flatMap((p) => (p.matches ?? []).map((m) => `${p.subject}: ${m.source} ${m.entryId} '${m.name}' ${Number(m.score).toFixed(2)}`))
    .join('\n');
}

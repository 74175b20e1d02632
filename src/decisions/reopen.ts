/**
 * Re-screen findings (plain TypeScript): a stored decision that a list update makes stricter is reopened.
 * The original keeps its hashed record; a `reopen` disposition is appended to the chain (status `reopened`)
 * and a new linked decision of kind `rescreen` (decision `review`, status `open`) holds the finding: which
 * party now matches which entry, with the listing's Federal Register notice and start date.
 */
import type { Reason } from '../common/reason';
import type { ListEntry } from '../lists/list-entry';
import { listConsequence } from '../decision';
import type { RescreenMatch } from './rescreen';

export const REOPEN_BY = 'rescreen';
export const FINDING_KIND = 'rescreen';

/** The note of the `reopen` disposition; it names the finding, so the link is part of the hash chain. */
export function reopenNote(findingId: string, reportId: number, wouldBe: string): string {
  return `re-screen finding ${findingId} (re-screen report ${reportId}): would now be ${wouldBe}`;
}

/** The finding ids named by the notes of a decision's `reopen` dispositions. */
export function findingIdsOf(dispositions: { action: string; note: string | null }[]): string[] {
  return dispositions
    .filter((d) => d.action === 'reopen')
    .map((d) => /re-screen finding (dec_\w+)/.exec(d.note ?? '')?.[1])
    .filter((x): x is string => !!x);
}

export interface FindingInput {
  findingId: string;
  createdAt: string;
  reportId: number;
  trigger: string;
  original: { id: string; kind: string; reference: string | null; decision: string; status: string; orderDate: string; rulesVersion?: string };
  wouldBe: string;
  matches: RescreenMatch[];
  entryOf: (source: string, entryId: string) => ListEntry | undefined;
  listVersions: { dates: Record<string, string>; ids: Record<string, number> };
}

export function findingReasons(i: FindingInput): Reason[] {
  return i.matches.map((m) => {
    const e = i.entryOf(m.source, m.entryId);
    const consequence = listConsequence(m.source);
    const fr = e?.federalRegisterNotice;
    const from = e?.startDate;
    return {
      code: 'RESCREEN_STRICTER',
      severity: 'review',
      subject: m.subject,
      message:
        `Re-screen after a list update: "${m.party}" now ${m.change === 'new' ? 'matches the new' : 'matches the changed'} ${m.source} entry '${m.entryName}' ` +
        `(score ${m.score.toFixed(2)}${fr ? `; listed by ${fr}` : ''}${from ? ` from ${from}` : ''}); decision ${i.original.id} (${i.original.decision}) would now be ${i.wouldBe}: review it again`,
      citation: `${consequence.citation}${fr ? `; listed by ${fr}${from ? ` (in force from ${from})` : ''}` : ''}`,
      evidence: {
        originalDecisionId: i.original.id,
        originalDecision: i.original.decision,
        originalStatus: i.original.status,
        wouldBe: i.wouldBe,
        source: m.source,
        entryId: m.entryId,
        entryName: m.entryName,
        matchedName: m.matchedName,
        matchedOn: m.matchedOn,
        score: m.score,
        matchSeverity: m.severity,
        change: m.change,
        rescreenReportId: i.reportId,
        ...(fr ? { federalRegisterNotice: fr } : {}),
        ...(from ? { startDate: from } : {}),
      },
    };
  });
}

/** The finding as a decision record (request, response and the store's columns). */
export function findingRecord(i: FindingInput) {
  const reasons = findingReasons(i);
  const request = { reopens: i.original.id, rescreenReportId: i.reportId, trigger: i.trigger, wouldBe: i.wouldBe, matches: i.matches };
  const response = {
    id: i.findingId,
    kind: FINDING_KIND,
    reference: i.original.reference,
    decision: 'review',
    reopens: i.original.id,
    reasons,
    items: [],
    parties: [],
    riskScore: 0,
    rulesVersion: i.original.rulesVersion ?? '',
    listVersions: i.listVersions.dates,
    listVersionIds: i.listVersions.ids,
    createdAt: i.createdAt,
  };
  return {
    id: i.findingId,
    kind: FINDING_KIND,
    reference: i.original.reference,
    decision: 'review',
    status: 'open',
    orderDate: i.original.orderDate,
    createdAt: i.createdAt,
    rulesVersion: i.original.rulesVersion ?? '',
    listVersions: JSON.stringify(i.listVersions),
    buyerKey: null,
    acceleratorCount: 0,
    historyKeys: '[]',
    partyNames: '|' + [...new Set(i.matches.map((m) => m.party.toLowerCase()))].join('|') + '|',
    reasonCodes: '|RESCREEN_STRICTER|',
    matchedSources: '|' + [...new Set(i.matches.map((m) => m.source))].join('|') + '|',
    request: JSON.stringify(request),
    response: JSON.stringify(response),
  };
}

/**
 * Party screening shared by every decision: which names are screened under which subject, and what a
 * (possible) list match means as a coded, cited reason.
 */
import { Order, Party, orderParties } from '../common/order';
import type { Reason } from '../common/reason';
import type { PartyQuery, ScreeningMatch, ScreeningResult } from '../screening';
import { listConsequence } from './list-consequences';

export type ScreenFn = (query: PartyQuery) => ScreeningResult;

export interface PartyScreening {
  subject: string;
  name: string;
  status: ScreeningResult['status'];
  matches: ScreeningMatch[];
}

export interface ScreeningTarget {
  subject: string;
  query: PartyQuery;
}

/** Which parties of an order (and names tied to them) are screened, under which subject. */
export function screeningTargets(order: Order): ScreeningTarget[] {
  const targets: ScreeningTarget[] = [];
  for (const { subject, party } of orderParties(order)) {
    targets.push({ subject, query: partyQuery(party) });
    if (party.ultimateParentName) {
      targets.push({ subject: `${subject}.ultimateParent`, query: { name: party.ultimateParentName, type: 'entity', country: party.ultimateParentCountry } });
    }
  }
  if (order.payment?.payerName) {
    targets.push({ subject: 'payment', query: { name: order.payment.payerName, country: order.payment.originCountry } });
  }
  return targets;
}

export function partyQuery(party: Party): PartyQuery {
  return {
    name: party.name,
    type: party.type,
    country: party.country,
    address: party.address,
    dateOfBirth: party.dateOfBirth,
    nationality: party.nationality,
    identifiers: party.identifiers,
  };
}

/** Screen each target; a match is a reason with the list's consequence, a possible match is review. */
export function screenTargets(targets: ScreeningTarget[], screen: ScreenFn, matchThreshold: number): { parties: PartyScreening[]; reasons: Reason[] } {
  const parties: PartyScreening[] = [];
  const reasons: Reason[] = [];
  // the buyer is often also end user, bill-to and payer: screen each distinct query once
  const results = new Map<string, ScreeningResult>();
  for (const { subject, query } of targets) {
    const key = `${query.name}\u0000${query.type ?? ''}\u0000${query.country ?? ''}\u0000${query.address ?? ''}`;
    let result = results.get(key);
    if (!result) results.set(key, (result = screen(query)));
    parties.push({ subject, name: query.name, status: result.status, matches: result.matches });
    for (const m of result.matches) {
      const consequence = listConsequence(m.source);
      const isMatch = m.score >= matchThreshold;
      const on = m.matchedOn === 'address' ? `address matches ${m.source} address-only entry` : `matches ${m.source} entry`;
      const listing = listingOf(m);
      reasons.push({
        code: isMatch ? 'PARTY_LIST_MATCH' : 'PARTY_POSSIBLE_MATCH',
        severity: isMatch ? consequence.severity : 'review',
        message: `${subjectLabel(subject)} "${query.name}" ${isMatch ? '' : 'possibly '}${on} '${m.name}' (score ${m.score.toFixed(2)}${listing.message}): ${consequence.meaning}`,
        citation: consequence.citation + listing.citation,
        subject,
        evidence: {
          source: m.source,
          entryId: m.entryId,
          entryName: m.name,
          matchedName: m.matchedName,
          matchedOn: m.matchedOn,
          score: m.score,
          explanation: m.explanation,
          ...(m.licenseRequirement ? { licenseRequirement: m.licenseRequirement } : {}),
          ...(m.federalRegisterNotice ? { federalRegisterNotice: m.federalRegisterNotice } : {}),
          ...(m.startDate ? { startDate: m.startDate } : {}),
        },
      });
    }
  }
  return { parties, reasons };
}

/** The listing's own Federal Register notice and start date, as the list gives them (CSL columns), for message and citation. */
function listingOf(m: { federalRegisterNotice?: string | null; startDate?: string | null }): { message: string; citation: string } {
  const fr = m.federalRegisterNotice;
  const from = m.startDate;
  if (!fr && !from) return { message: '', citation: '' };
  return {
    message: `; listed${fr ? ` by ${fr}` : ''}${from ? ` from ${from}` : ''}`,
    citation: fr ? `; listed by ${fr}${from ? ` (in force from ${from})` : ''}` : '',
  };
}

const SUBJECT_LABELS: Record<string, string> = {
  buyer: 'Buyer',
  endUser: 'End user',
  shipTo: 'Ship-to party',
  billTo: 'Bill-to party',
  payment: 'Payer',
  customer: 'Customer',
  resellerFor: 'Resold-to party',
  dataCenter: 'Data centre',
  access: 'Access',
};

/** A subject as a message names it: "Buyer", "Intermediary 2", "Beneficial owner 1", "Accelerator line 3" … */
export function subjectLabel(subject: string): string {
  if (SUBJECT_LABELS[subject]) return SUBJECT_LABELS[subject];
  const m = /^(intermediaries|beneficialOwners|accelerators)\[(\d+)\]$/.exec(subject);
  if (m) return `${{ intermediaries: 'Intermediary', beneficialOwners: 'Beneficial owner', accelerators: 'Accelerator line' }[m[1]]} ${Number(m[2]) + 1}`;
  if (subject.endsWith('.ultimateParent')) return `${subjectLabel(subject.slice(0, -'.ultimateParent'.length))}'s ultimate parent`;
  return subject;
}

/** Party screening of a cloud customer: which names are screened (customer, owners, resold-to party, payer). */
import type { Party } from '../common/order';
import type { Reason } from '../common/reason';
import { ownerListMatch, PartyScreening, screenTargets } from '../decision';
import type { PartyQuery } from '../screening';
import { CITES } from './citations';
import type { CloudParams } from './params';
import type { CloudCustomerInput, CloudDeps } from './types';

export function ownerSubject(i: number): string {
  return `beneficialOwners[${i}]`;
}

/**
 * Screens the customer (and its named ultimate parent), every beneficial owner at or above the
 * configured share (owners with an unknown share too), the resold-to party and the payer.
 * An owner is not a party to the service: a confirmed match on a blocking or export list is a legal
 * stop only for a majority owner (OFAC 50 % rule; EL/MEU affiliates rule while in force), else review.
 */
export function checkScreening(input: CloudCustomerInput, deps: CloudDeps, _params: CloudParams): { parties: PartyScreening[]; reasons: Reason[] } {
  const targets: { subject: string; query: PartyQuery }[] = [];
  const q = (p: Party): PartyQuery => ({ name: p.name, type: p.type, country: p.country, address: p.address });
  const ownerShare: Record<string, number | undefined> = {};
  targets.push({ subject: 'customer', query: q(input.customer) });
  if (input.customer.ultimateParentName) {
    targets.push({
      subject: 'customer.ultimateParent',
      query: { name: input.customer.ultimateParentName, type: 'entity', country: input.customer.ultimateParentCountry },
    });
    ownerShare['customer.ultimateParent'] = 100;
  }
  const skipped: { subject: string; name: string; ownershipPercent: number }[] = [];
  (input.beneficialOwners ?? []).forEach((o, i) => {
    const subject = ownerSubject(i);
    if (o.ownershipPercent !== undefined && o.ownershipPercent < deps.ownerScreenPercent) {
      skipped.push({ subject, name: o.name, ownershipPercent: o.ownershipPercent });
      return;
    }
    targets.push({ subject, query: q(o) });
    ownerShare[subject] = o.ownershipPercent;
  });
  if (input.resellerFor) {
    targets.push({ subject: 'resellerFor', query: q(input.resellerFor) });
    if (input.resellerFor.ultimateParentName) {
      targets.push({
        subject: 'resellerFor.ultimateParent',
        query: { name: input.resellerFor.ultimateParentName, type: 'entity', country: input.resellerFor.ultimateParentCountry },
      });
    }
  }
  if (input.payment?.payerName) targets.push({ subject: 'payment', query: { name: input.payment.payerName, country: input.payment.originCountry } });

  const screened = screenTargets(targets, deps.screen, deps.matchThreshold);
  const reasons = screened.reasons.map((r) => {
    let out: Reason = r;
    if (r.subject in ownerShare && r.code === 'PARTY_LIST_MATCH' && r.severity === 'deny') out = ownerMatch(out, ownerShare[r.subject], input.date, deps);
    return out;
  });
  if (skipped.length > 0) {
    reasons.push({
      code: 'CLOUD_OWNERS_NOT_SCREENED',
      severity: 'info',
      message: `${skipped.length} beneficial owner(s) below ${deps.ownerScreenPercent} % were not screened: ${skipped.map((s) => `${s.name} (${s.ownershipPercent} %)`).join(', ')}`,
      citation: `${CITES.iaasKyc}; OWNER_SCREEN_PERCENT`,
      subject: 'customer',
      evidence: { ownerScreenPercent: deps.ownerScreenPercent, owners: skipped },
    });
  }
  return { parties: screened.parties, reasons };
}

/** Severity of a confirmed list match on an owner, by share and date (src/decision/owners.ts). */
function ownerMatch(r: Reason, share: number | undefined, date: string, deps: CloudDeps): Reason {
  return ownerListMatch(r, share, { owned: 'the customer', affiliates: deps.rules.affiliatesRule?.(date) ?? null, minorityCitation: CITES.iaasKyc });
}

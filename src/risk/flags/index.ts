/**
 * The red-flag detectors. Each is a small named rule: catalogue id (red-flags.md section (b)),
 * default severity and weight, the request fields it reads, a citation, and a pure detect().
 * Line numbers "#n" refer to "Red flags by source (numbered)" in red-flags.md, "Cn" to its cases.
 * How hits become a decision and a score: ../evaluate.ts (COMBINATION_RULES, riskScore).
 * The catalogue is split by area (payment.ts, routing.ts, buyer.ts, end-user.ts, deception.ts, remote-access.ts,
 * history.ts); a new red flag is a RedFlag row in its area's file plus its place in RED_FLAGS below.
 */
import type { RedFlag } from '../types';
import { paymentFromRestricted, thirdPartyPayment } from './payment';
import { forwarderAsConsignee, shipBillEndUserMismatch, billToSameGroup, transshipmentHub, routeThroughRestricted, routingChangedLate } from './routing';
import { newCompany, noWebPresence, lineOfBusinessMismatch, ownersUndisclosed, nomineeDirectors } from './buyer';
import { endUserUnverifiable, residentialOrVirtualAddress, capacityMismatch, servicesDeclined } from './end-user';
import { misdescribedGoods, relabelOrSerialTamper, postShipmentCheckFailed, insiderOverride } from './deception';
import { restrictedAccess, iaasRestrictedBeneficiary, endUseNamesRestrictedCountry } from './remote-access';
import { historyQueries, firstLargeOrder, structuring } from './history';

export {
  paymentFromRestricted,
  thirdPartyPayment,
  forwarderAsConsignee,
  shipBillEndUserMismatch,
  billToSameGroup,
  transshipmentHub,
  routeThroughRestricted,
  routingChangedLate,
  newCompany,
  noWebPresence,
  lineOfBusinessMismatch,
  ownersUndisclosed,
  nomineeDirectors,
  endUserUnverifiable,
  residentialOrVirtualAddress,
  capacityMismatch,
  servicesDeclined,
  misdescribedGoods,
  relabelOrSerialTamper,
  postShipmentCheckFailed,
  insiderOverride,
  restrictedAccess,
  iaasRestrictedBeneficiary,
  endUseNamesRestrictedCountry,
  historyQueries,
  firstLargeOrder,
  structuring,
};

/** Every detector, in reporting order. */
export const RED_FLAGS: RedFlag[] = [
  misdescribedGoods,
  relabelOrSerialTamper,
  postShipmentCheckFailed,
  endUserUnverifiable,
  paymentFromRestricted,
  thirdPartyPayment,
  forwarderAsConsignee,
  shipBillEndUserMismatch,
  billToSameGroup,
  routeThroughRestricted,
  routingChangedLate,
  endUseNamesRestrictedCountry,
  iaasRestrictedBeneficiary,
  restrictedAccess,
  newCompany,
  noWebPresence,
  lineOfBusinessMismatch,
  ownersUndisclosed,
  nomineeDirectors,
  capacityMismatch,
  servicesDeclined,
  residentialOrVirtualAddress,
  insiderOverride,
  firstLargeOrder,
  structuring,
  transshipmentHub,
];

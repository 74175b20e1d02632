/** Red flags: payment. Each is a catalogue row (id, severity, weight, citation, fields read) with its detect(). */
import type { Party } from '../../common/order';
import { orderParties } from '../../common/order';
import { buyerKey, sameGroup } from '../keys';
import { hits } from './shared';
import type { RedFlag, RedFlagHit } from '../types';

export const paymentFromRestricted: RedFlag = {
  id: 'PAYMENT_FROM_RESTRICTED',
  name: 'paymentFromRestricted',
  severity: 'review',
  weight: 0.5,
  scope: 'controlled',
  source:
    'FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023): payments from third countries or parties not on the end-user statement; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025); restricted destinations: 15 CFR 742.6(a)(6), 15 CFR Part 740 Supplement No. 1',
  reads: ['payment.originCountry', 'endUser.country', 'shipTo.country'],
  detect: ({ order }, f) => {
    const origin = order.payment?.originCountry;
    if (!origin || !f.restricted(origin)) return undefined;
    // A restricted destination is the rules module's (licence) question; paying from it is consistent with it.
    if (f.destinationCountry && f.restricted(f.destinationCountry)) return undefined;
    return {
      subject: 'payment',
      message: `Payment originates in ${origin}, a country restricted for advanced computing items, while the declared destination is ${f.destinationCountry ?? 'not stated'}`,
      evidence: { originCountry: origin, destinationCountry: f.destinationCountry ?? null, payerName: order.payment?.payerName ?? null },
    };
  },
};

export const thirdPartyPayment: RedFlag = {
  id: 'THIRD_PARTY_PAYMENT',
  name: 'thirdPartyPayment',
  severity: 'review',
  weight: 0.3,
  scope: 'controlled',
  source:
    'FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023); FinCEN & BIS joint alert FIN-2022-Alert003 (Jun 28, 2022); Commerce, Treasury and Justice tri-seal compliance note on third-party intermediaries (Mar 2, 2023): payments from a third-party country or party not named in the transaction',
  reads: ['payment.payerName', 'payment.originCountry', 'buyer', 'billTo', 'endUser', 'shipTo.country', 'intermediaries[].country'],
  detect: ({ order }) => {
    const p = order.payment;
    if (!p) return undefined;
    const out: RedFlagHit[] = [];
    const parties: Party[] = [order.buyer, order.billTo, order.endUser].filter((x): x is Party => !!x);
    if (p.payerName && p.payerName.trim()) {
      const payer: Party = { name: p.payerName, country: p.originCountry };
      const known = parties.some((q) => buyerKey(q.name) === buyerKey(p.payerName!) || sameGroup(payer, q));
      if (!known) {
        out.push({
          subject: 'payment',
          message: `Payer '${p.payerName}' is neither the buyer, the bill-to party, the end user nor a company of their group`,
          evidence: { pattern: 'payer_not_party', payerName: p.payerName, originCountry: p.originCountry ?? null, buyer: order.buyer.name },
        });
      }
    }
    if (p.originCountry) {
      const inTransaction = new Set<string>();
      for (const { party } of orderParties(order)) {
        for (const c of [party.country, party.headquartersCountry, party.ultimateParentCountry]) if (c) inTransaction.add(c);
      }
      if (!inTransaction.has(p.originCountry)) {
        out.push({
          subject: 'payment',
          message: `Payment comes from ${p.originCountry}, a country where no party to the transaction is located or headquartered`,
          evidence: { pattern: 'origin_not_in_transaction', originCountry: p.originCountry, partyCountries: [...inTransaction].sort() },
        });
      }
    }
    return hits(out);
  },
};

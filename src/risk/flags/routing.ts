/** Red flags: consignee, destination, routing. Each is a catalogue row (id, severity, weight, citation, fields read) with its detect(). */
import type { Party } from '../../common/order';
import { sameGroup } from '../keys';
import { FORWARDER_KINDS, LOGISTICS_SITE_TYPES } from '../params';
import { attrs, hits } from './shared';
import type { RedFlag, RedFlagHit, RiskContext } from '../types';

const KIND_LABEL: Record<string, string> = { freight_forwarder: 'freight forwarder', logistics: 'logistics firm' };

export const forwarderAsConsignee: RedFlag = {
  id: 'FORWARDER_AS_CONSIGNEE',
  name: 'forwarderAsConsignee',
  severity: 'review',
  weight: 0.4,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): a freight forwarder listed as the final destination; FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023): consignee is a mail centre, trading or logistics company; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): forwarders not normally associated with advanced-semiconductor distribution',
  reads: ['shipTo.kind', 'endUser.kind', 'attributes.siteType'],
  detect: (ctx) => {
    const { order } = ctx;
    const out: RedFlagHit[] = [];
    const siteType = attrs(ctx).siteType;
    if (order.endUser?.kind && FORWARDER_KINDS.includes(order.endUser.kind)) {
      out.push({
        subject: 'endUser',
        message: `The end user '${order.endUser.name}' is a ${KIND_LABEL[order.endUser.kind]}, not a user of the hardware`,
        evidence: { kind: order.endUser.kind, name: order.endUser.name },
      });
    }
    const shipKind = order.shipTo?.kind;
    const shipIsForwarder = !!shipKind && FORWARDER_KINDS.includes(shipKind);
    const siteIsLogistics = typeof siteType === 'string' && LOGISTICS_SITE_TYPES.includes(siteType);
    if (order.shipTo && (shipIsForwarder || siteIsLogistics)) {
      out.push({
        subject: 'shipTo',
        message: `Goods are consigned to ${shipIsForwarder ? `a ${KIND_LABEL[shipKind!]}` : 'a logistics site'} ('${order.shipTo.name}')${order.endUser ? '' : ' and no end user is named'}`,
        evidence: { kind: shipKind ?? null, siteType: siteType ?? null, name: order.shipTo.name, endUserNamed: !!order.endUser },
      });
    }
    return hits(out);
  },
};

function triangulation(ctx: RiskContext): { hits: RedFlagHit[]; billToGuarded?: RedFlagHit } {
  const { order } = ctx;
  const out: RedFlagHit[] = [];
  let billToGuarded: RedFlagHit | undefined;
  const S = order.shipTo?.country;
  const E = order.endUser?.country;
  const B = order.billTo?.country;
  if (S && E && S !== E && !sameGroup(order.shipTo!, order.endUser!)) {
    out.push({
      subject: 'shipTo',
      message: `Goods ship to ${S} but the end user '${order.endUser!.name}' is in ${E}, and the ship-to is not a site of the end user's group`,
      evidence: { pattern: 'ship_to_vs_end_user', shipToCountry: S, endUserCountry: E },
    });
  }
  if (order.billTo && B) {
    const destinations = [S, E].filter((c): c is string => !!c);
    if (destinations.length && !destinations.includes(B)) {
      const group = [order.buyer, order.endUser].find((p): p is Party => !!p && sameGroup(order.billTo!, p));
      const evidence = { pattern: 'third_country_bill_to', billToCountry: B, shipToCountry: S ?? null, endUserCountry: E ?? null };
      if (!group) {
        out.push({
          subject: 'billTo',
          message: `Bill-to is in ${B}, a third country to the ship-to (${S ?? '-'}) and end user (${E ?? '-'}), with no corporate link to the buyer or end user`,
          evidence,
        });
      } else {
        billToGuarded = {
          subject: 'billTo',
          message: `Bill-to '${order.billTo.name}' in ${B} belongs to the same corporate group as '${group.name}'; billing location alone is not a diversion signal`,
          evidence: { ...evidence, sameGroupAs: group.name },
        };
      }
    }
  }
  return { hits: out, billToGuarded };
}

export const shipBillEndUserMismatch: RedFlag = {
  id: 'SHIP_BILL_ENDUSER_MISMATCH',
  name: 'shipBillEndUserMismatch',
  severity: 'review',
  weight: 0.3,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): shipping route or parties inconsistent with the stated end user; Commerce, Treasury and Justice tri-seal compliance note on third-party intermediaries (Mar 2, 2023); BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025)',
  reads: ['shipTo.country', 'endUser.country', 'billTo.country', 'billTo.name', 'billTo.ultimateParentName', 'billTo.ultimateParentCountry', 'buyer.name'],
  detect: (ctx) => hits(triangulation(ctx).hits),
};

export const billToSameGroup: RedFlag = {
  id: 'BILL_TO_SG_ONLY',
  name: 'billToSameGroup',
  severity: 'info',
  weight: -0.1,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags) (absent red flags a seller may rely on the customer\'s representations): a bill-to of the same corporate group in another country is not itself a diversion signal',
  reads: ['billTo.country', 'billTo.name', 'billTo.ultimateParentName', 'buyer.name', 'endUser.name', 'shipTo.country'],
  detect: (ctx, f) => {
    const guarded = triangulation(ctx).billToGuarded;
    if (!guarded) return undefined;
    const B = ctx.order.billTo!.country!;
    // The mitigation is for a hub bill-to while the goods stay in an unrestricted country.
    if (!ctx.countries.isTransshipmentHub(B)) return undefined;
    if (f.destinationCountry && f.restricted(f.destinationCountry)) return undefined;
    return guarded;
  },
};

export const transshipmentHub: RedFlag = {
  id: 'TRANSSHIPMENT_HUB',
  name: 'transshipmentHub',
  severity: 'info',
  weight: 0.1,
  scope: 'controlled',
  source:
    'Commerce, Treasury and Justice tri-seal compliance note on third-party intermediaries (Mar 2, 2023): known transshipment points; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025); informational alone',
  reads: ['shipTo.country', 'intermediaries[].country', 'endUser.country'],
  detect: ({ order, countries }) => {
    const out: RedFlagHit[] = [];
    const consider: { subject: string; party?: Party }[] = [
      { subject: order.shipTo ? 'shipTo' : 'endUser', party: order.shipTo ?? order.endUser },
      ...(order.intermediaries ?? []).map((party, i) => ({ subject: `intermediaries[${i}]`, party })),
    ];
    for (const { subject, party } of consider) {
      const c = party?.country;
      if (c && countries.isTransshipmentHub(c)) {
        out.push({
          subject,
          message: `${subject === 'shipTo' || subject === 'endUser' ? 'Destination' : 'Intermediate consignee'} ${c} is a known transshipment hub (informational)`,
          evidence: { country: c, name: party!.name },
        });
      }
    }
    return hits(out);
  },
};

export const routeThroughRestricted: RedFlag = {
  id: 'ROUTE_ABNORMAL',
  name: 'routeThroughRestricted',
  severity: 'review',
  weight: 0.35,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): abnormal shipping route for the product and destination; restricted countries per 15 CFR 742.6(a)(6) and 15 CFR Part 740 Supplement No. 1',
  reads: ['intermediaries[].country', 'endUser.country', 'shipTo.country'],
  detect: ({ order }, f) => {
    if (!f.destinationCountry || f.restricted(f.destinationCountry)) return undefined;
    const out: RedFlagHit[] = [];
    (order.intermediaries ?? []).forEach((p, i) => {
      if (p.country && f.restricted(p.country)) {
        out.push({
          subject: `intermediaries[${i}]`,
          message: `Intermediary '${p.name}' is in ${p.country}, a restricted country, on the way to ${f.destinationCountry}`,
          evidence: { country: p.country, kind: p.kind ?? null, destinationCountry: f.destinationCountry },
        });
      }
    });
    return hits(out);
  },
};

export const routingChangedLate: RedFlag = {
  id: 'ROUTING_CHANGE_LATE',
  name: 'routingChangedLate',
  severity: 'review',
  weight: 0.35,
  scope: 'controlled',
  source:
    'Commerce, Treasury and Justice tri-seal compliance note on third-party intermediaries (Mar 2, 2023); FinCEN & BIS joint alert FIN-2022-Alert003 (Jun 28, 2022): last-minute changes to shipping instructions',
  reads: ['attributes.routingChangedAfterApproval'],
  detect: (ctx) =>
    attrs(ctx).routingChangedAfterApproval === true
      ? {
          subject: 'order',
          message: 'Ship-to, consignee or route was changed after an earlier approval',
          evidence: { routingChangedAfterApproval: true },
        }
      : undefined,
};

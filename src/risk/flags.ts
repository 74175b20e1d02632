/**
 * The red-flag detectors. Each is a small named rule: catalogue id (red-flags.md section (b)),
 * default severity and weight, the request fields it reads, a citation, and a pure detect().
 * Line numbers "#n" refer to "Red flags by source (numbered)" in red-flags.md, "Cn" to its cases.
 * How hits become a decision and a score: evaluate.ts (COMBINATION_RULES, riskScore).
 */
import type { Party } from '../common/order';
import { orderParties } from '../common/order';
import type { Severity } from '../common/reason';
import { buyerKey, relatedKeys, sameGroup } from './keys';
import {
  COMPUTE_RELATED,
  DECOY_TERMS,
  FORWARDER_KINDS,
  GOODS_TERMS,
  HS_PREFIXES_BY_KIND,
  LOGISTICS_SITE_TYPES,
  NON_COMPUTE_SITE_TYPES,
  RESIDENTIAL_ADDRESS,
  RESIDENTIAL_SITE_TYPES,
  SELF_END_USER_KINDS,
  UNRELATED_ACTIVITY,
  VIRTUAL_ADDRESS,
  VIRTUAL_SITE_TYPES,
} from './params';
import { countriesMentioned } from './text';
import type { DerivedFacts, RedFlag, RedFlagHit, RiskContext } from './types';

/** Evidence of deception blocks orders with controlled items; for anything else it is held for review. */
const deceptionSeverity = (f: DerivedFacts): Severity => (f.anyControlled ? 'deny' : 'review');

const attrs = (ctx: RiskContext) => ctx.order.attributes ?? {};

function monthsBetween(fromYmd: string, toYmd: string): number {
  const a = new Date(`${fromYmd}T00:00:00Z`);
  const b = new Date(`${toYmd}T00:00:00Z`);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) - (b.getUTCDate() < a.getUTCDate() ? 1 : 0);
}

const hits = (list: RedFlagHit[]) => (list.length ? list : undefined);

// ---------------------------------------------------------------------------------------------
// Payment
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Consignee, destination, routing
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Who the buyer is
// ---------------------------------------------------------------------------------------------

export const newCompany: RedFlag = {
  id: 'NEW_COMPANY',
  name: 'newCompany',
  severity: 'review',
  weight: 0.25,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): customer has little or no business background; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): customers that began ordering advanced chips only recently; FinCEN & BIS joint alert FIN-2022-Alert003 (Jun 28, 2022): newly formed businesses',
  reads: ['buyer.incorporatedOn', 'endUser.incorporatedOn', 'date', 'items'],
  detect: ({ order }, f) => {
    const out: RedFlagHit[] = [];
    const large = f.controlledAccelerators >= f.params.largeOrderAccelerators;
    for (const [subject, party] of [
      ['buyer', order.buyer],
      ['endUser', order.endUser],
    ] as const) {
      if (!party?.incorporatedOn) continue;
      const months = monthsBetween(party.incorporatedOn, order.date);
      if (months < f.params.newCompanyMonths) {
        out.push({
          subject,
          message: `${subject === 'buyer' ? 'Buyer' : 'End user'} '${party.name}' was incorporated on ${party.incorporatedOn}, ${Math.max(0, months)} months before the order`,
          evidence: {
            incorporatedOn: party.incorporatedOn,
            monthsBeforeOrder: Math.max(0, months),
            limitMonths: f.params.newCompanyMonths,
            accelerators: f.controlledAccelerators,
          },
          weight: large ? 0.35 : undefined,
        });
      }
    }
    return hits(out);
  },
};

export const noWebPresence: RedFlag = {
  id: 'NO_WEB_PRESENCE',
  name: 'noWebPresence',
  severity: 'review',
  weight: 0.15,
  scope: 'controlled',
  source:
    'FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023): little or no web presence; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): minimal online presence',
  reads: ['attributes.websiteAgeMonths', 'buyer.website'],
  detect: (ctx, f) => {
    const age = attrs(ctx).websiteAgeMonths;
    if (typeof age !== 'number' || age >= f.params.minWebsiteAgeMonths) return undefined;
    return {
      subject: 'buyer',
      message: `Buyer's web domain is ${age} months old (less than ${f.params.minWebsiteAgeMonths})`,
      evidence: { websiteAgeMonths: age, website: ctx.order.buyer.website ?? null, limitMonths: f.params.minWebsiteAgeMonths },
    };
  },
};

export const lineOfBusinessMismatch: RedFlag = {
  id: 'LINE_OF_BUSINESS_MISMATCH',
  name: 'lineOfBusinessMismatch',
  severity: 'review',
  weight: 0.35,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): the item does not fit the buyer\'s line of business; FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023); BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): no clear business justification',
  reads: ['attributes.registeredActivity', 'buyer.name', 'endUse', 'items'],
  detect: (ctx, f) => {
    const activity = attrs(ctx).registeredActivity;
    const name = ctx.order.buyer.name;
    if (typeof activity === 'string' && activity.trim()) {
      const m = UNRELATED_ACTIVITY.exec(activity);
      if (m && !COMPUTE_RELATED.test(activity)) {
        return {
          subject: 'buyer',
          message: `Buyer's registered activity '${activity}' does not fit advanced AI accelerators`,
          evidence: { registeredActivity: activity, matched: m[0], basis: 'registeredActivity' },
        };
      }
      if (COMPUTE_RELATED.test(activity)) return undefined;
    }
    const m = UNRELATED_ACTIVITY.exec(name);
    if (m && !COMPUTE_RELATED.test(name)) {
      // a name is weaker evidence than a registered activity: a pharmaceutical group buying a few GPUs for
      // AI research is common; a stated compute end use answers it, and only a large order stays a question
      if (ctx.order.endUse && COMPUTE_RELATED.test(ctx.order.endUse)) return undefined;
      const large = f.controlledAccelerators >= f.params.largeOrderAccelerators;
      return {
        subject: 'buyer',
        message: `Buyer's name '${name}' indicates a business ('${m[0]}') unrelated to AI compute`,
        evidence: {
          buyerName: name,
          matched: m[0],
          basis: 'name',
          accelerators: f.controlledAccelerators,
          largeOrderAccelerators: f.params.largeOrderAccelerators,
        },
        ...(large ? {} : { severity: 'info' as const, weight: 0.1 }),
      };
    }
    return undefined;
  },
};

export const ownersUndisclosed: RedFlag = {
  id: 'END_USE_EVASIVE',
  name: 'ownersUndisclosed',
  severity: 'review',
  weight: 0.3,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): customer reluctant to give end-use or end-user information; FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023): refuses details on end users, end use or ownership; BIS guidance to financial institutions on export control red flags (Oct 9, 2024)',
  reads: ['attributes.ownersDisclosed'],
  detect: (ctx) =>
    attrs(ctx).ownersDisclosed === false
      ? {
          subject: 'buyer',
          message: 'Beneficial owners were not disclosed on request',
          evidence: { ownersDisclosed: false },
        }
      : undefined,
};

export const nomineeDirectors: RedFlag = {
  id: 'LEADERSHIP_OVERLAP_LISTED',
  name: 'nomineeDirectors',
  severity: 'review',
  weight: 0.25,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): uncertain ultimate owner or user; FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023): shell companies obscuring ownership',
  reads: ['attributes.nomineeDirectors', 'buyer.country', 'buyer.ultimateParentCountry'],
  detect: (ctx) => {
    const n = attrs(ctx).nomineeDirectors;
    if (typeof n !== 'number' || n < 1) return undefined;
    const b = ctx.order.buyer;
    const offshoreParent = !!b.ultimateParentCountry && !!b.country && b.ultimateParentCountry !== b.country;
    return {
      subject: 'buyer',
      message: `Buyer has ${n} nominee director${n > 1 ? 's' : ''}${offshoreParent ? ` and a parent in ${b.ultimateParentCountry}` : ''}`,
      evidence: { nomineeDirectors: n, ultimateParentCountry: b.ultimateParentCountry ?? null, offshoreParent },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// End user and site
// ---------------------------------------------------------------------------------------------

export const endUserUnverifiable: RedFlag = {
  id: 'END_USER_UNVERIFIABLE',
  name: 'endUserUnverifiable',
  severity: 'review',
  weight: 0.35,
  scope: 'any',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): uncertain ultimate user, duty to inquire; FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023): customer lacks or refuses end-user details; misrepresentation: 15 CFR 764.2(g)',
  reads: ['endUser', 'attributes.endUserVerified', 'attributes.endUserDescription', 'buyer.kind', 'shipTo'],
  detect: (ctx, f) => {
    const { order } = ctx;
    const a = attrs(ctx);
    if (order.endUser) {
      if (a.endUserVerified !== false) return undefined;
      return {
        subject: 'endUser',
        message: `End user '${order.endUser.name}' could not be found at the stated address or in the registry`,
        evidence: { endUserVerified: false, name: order.endUser.name, address: order.endUser.address ?? null },
        severity: deceptionSeverity(f),
        weight: 0.8,
      };
    }
    if (!f.anyControlled) return undefined;
    const b = order.buyer;
    const selfUser = !!b.kind && SELF_END_USER_KINDS.includes(b.kind);
    const shipsToSelf = !order.shipTo || sameGroup(order.shipTo, b) || (!!order.shipTo.country && order.shipTo.country === b.country);
    if (selfUser && shipsToSelf) {
      return {
        subject: 'endUser',
        message: `No end user named; the buyer (a ${b.kind!.replace(/_/g, ' ')}) is taken as the end user`,
        evidence: { endUserNamed: false, buyerKind: b.kind, shipToCountry: order.shipTo?.country ?? null },
        severity: 'info',
        weight: 0,
      };
    }
    return {
      subject: 'endUser',
      message: 'No end user is named for controlled items',
      evidence: {
        endUserNamed: false,
        endUserDescription: typeof a.endUserDescription === 'string' ? a.endUserDescription : null,
        buyerKind: b.kind ?? null,
      },
    };
  },
};

export const residentialOrVirtualAddress: RedFlag = {
  id: 'RESIDENTIAL_OR_VIRTUAL_ADDRESS',
  name: 'residentialOrVirtualAddress',
  severity: 'review',
  weight: 0.35,
  scope: 'controlled',
  source:
    'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): residential address ordering commercial quantities, vague delivery address; FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023): mail centre as consignee; FinCEN & BIS joint alert FIN-2022-Alert003 (Jun 28, 2022)',
  reads: ['attributes.siteType', 'shipTo.address', 'endUser.kind', 'items'],
  detect: (ctx, f) => {
    const siteType = attrs(ctx).siteType;
    const address = ctx.order.shipTo?.address ?? (ctx.order.shipTo ? undefined : ctx.order.endUser?.address);
    const subject = ctx.order.shipTo ? 'shipTo' : 'endUser';
    const n = f.controlledAccelerators;
    const st = typeof siteType === 'string' ? siteType : undefined;
    const virtual = (st && VIRTUAL_SITE_TYPES.includes(st)) || (!!address && VIRTUAL_ADDRESS.test(address));
    if (virtual) {
      return {
        subject,
        message: 'Ship-to is a virtual office or mailbox address, which cannot receive data-centre hardware',
        evidence: { siteType: st ?? null, address: address ?? null },
      };
    }
    const residential = (st && RESIDENTIAL_SITE_TYPES.includes(st)) || (!!address && RESIDENTIAL_ADDRESS.test(address));
    if (residential && n >= f.params.commercialQuantityAccelerators) {
      return {
        subject,
        message: `Ship-to is a residence, for ${n} controlled accelerators`,
        evidence: { siteType: st ?? null, address: address ?? null, accelerators: n, limit: f.params.commercialQuantityAccelerators },
      };
    }
    const endUserStocks = !!ctx.order.endUser?.kind && ['distributor', 'reseller', 'manufacturer'].includes(ctx.order.endUser.kind);
    if (st === 'warehouse' && !endUserStocks && n > 0) {
      return {
        subject,
        message: "Ship-to is a warehouse, not the end user's site",
        evidence: { siteType: st, endUserKind: ctx.order.endUser?.kind ?? null },
        weight: 0.25,
      };
    }
    return undefined;
  },
};

export const capacityMismatch: RedFlag = {
  id: 'CAPACITY_MISMATCH',
  name: 'capacityMismatch',
  severity: 'review',
  weight: 0.35,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): order inconsistent with the purchaser\'s needs; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): data centre unable to confirm infrastructure capacity',
  reads: ['attributes.sitePowerMw', 'attributes.siteStatus', 'attributes.siteType', 'attributes.annualRevenueUsd', 'items'],
  detect: (ctx, f) => {
    const n = f.controlledAccelerators;
    if (n <= 0) return undefined;
    const a = attrs(ctx);
    const out: RedFlagHit[] = [];
    const p = f.params;
    if (typeof a.sitePowerMw === 'number') {
      const requiredMw = (n * p.kwPerAccelerator) / 1000;
      if (requiredMw > a.sitePowerMw) {
        out.push({
          subject: 'order',
          message: `${n} accelerators need at least ${round(requiredMw)} MW; the site has ${a.sitePowerMw} MW`,
          evidence: { pattern: 'site_power', accelerators: n, kwPerAccelerator: p.kwPerAccelerator, requiredMw: round(requiredMw), sitePowerMw: a.sitePowerMw },
        });
      }
    }
    const large = n >= p.largeOrderAccelerators;
    if (large && (a.siteStatus === 'none' || a.siteStatus === 'under_construction')) {
      out.push({
        subject: 'order',
        message: `${n} accelerators ordered for a site that is ${a.siteStatus === 'none' ? 'not there' : 'still under construction'}`,
        evidence: { pattern: 'site_status', siteStatus: a.siteStatus, accelerators: n, limit: p.largeOrderAccelerators },
      });
    }
    const st = typeof a.siteType === 'string' ? a.siteType : undefined;
    if (large && st && NON_COMPUTE_SITE_TYPES.includes(st)) {
      out.push({
        subject: 'order',
        message: `${n} accelerators ordered for a site of type '${st}', which has no data-centre capacity`,
        evidence: { pattern: 'site_type', siteType: st, accelerators: n, limit: p.largeOrderAccelerators },
      });
    }
    if (typeof a.annualRevenueUsd === 'number' && f.controlledValueUsd !== undefined && f.controlledValueUsd > a.annualRevenueUsd * p.maxOrderToRevenue) {
      out.push({
        subject: 'buyer',
        message: `Order value $${Math.round(f.controlledValueUsd).toLocaleString('en-US')} exceeds the buyer's annual revenue of $${Math.round(a.annualRevenueUsd).toLocaleString('en-US')}`,
        evidence: { pattern: 'revenue', orderValueUsd: f.controlledValueUsd, annualRevenueUsd: a.annualRevenueUsd, maxOrderToRevenue: p.maxOrderToRevenue },
      });
    }
    return hits(out);
  },
};

const round = (x: number) => Math.round(x * 1000) / 1000;

export const servicesDeclined: RedFlag = {
  id: 'DECLINES_INSTALL_SUPPORT',
  name: 'servicesDeclined',
  severity: 'review',
  weight: 0.3,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): customer declines installation, training or maintenance; Commerce, Treasury and Justice tri-seal compliance note on third-party intermediaries (Mar 2, 2023); BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025)',
  reads: ['attributes.servicesDeclined', 'attributes.oemInstallationPurchased'],
  detect: (ctx) => {
    const a = attrs(ctx);
    if (a.servicesDeclined !== true || a.oemInstallationPurchased === true) return undefined;
    return {
      subject: 'order',
      message: 'Buyer declined installation, warranty or support for the hardware',
      evidence: { servicesDeclined: true, oemInstallationPurchased: a.oemInstallationPurchased ?? null },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Deception
// ---------------------------------------------------------------------------------------------

export const misdescribedGoods: RedFlag = {
  id: 'MISDESCRIBED_GOODS',
  name: 'misdescribedGoods',
  severity: 'deny',
  weight: 0.8,
  scope: 'any',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): packaging or description inconsistent with the goods; misrepresentation and concealment of facts: 15 CFR 764.2(g); accurate export information: 15 CFR 758.1',
  reads: ['attributes.requestedInvoiceDescription', 'items[].hsCode', 'items[].kind'],
  detect: (ctx, f) => {
    const out: RedFlagHit[] = [];
    const desc = attrs(ctx).requestedInvoiceDescription;
    if (typeof desc === 'string' && desc.trim()) {
      const decoy = DECOY_TERMS.exec(desc)?.[0];
      const modelWords = ctx.items
        .map((i) => i.resolvedModel ?? ctx.order.items[i.index]?.model)
        .filter((m): m is string => !!m)
        .some((m) =>
          m
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.length >= 3 && desc.toLowerCase().includes(w)),
        );
      const namesGoods = GOODS_TERMS.test(desc) || modelWords;
      if (decoy || !namesGoods) {
        out.push({
          subject: 'order',
          message: `Buyer asked for the goods to be described as '${desc}', which ${decoy ? `uses the decoy term '${decoy}'` : 'does not name the accelerators or servers'}`,
          evidence: { requestedInvoiceDescription: desc, decoyTerm: decoy ?? null, namesGoods },
          severity: deceptionSeverity(f),
        });
      }
    }
    for (const it of ctx.items) {
      if (!it.controlled) continue;
      const item = ctx.order.items[it.index];
      const kind = it.kind ?? item?.kind;
      const hs = item?.hsCode?.replace(/\D/g, '');
      const expected = kind ? HS_PREFIXES_BY_KIND[kind] : undefined;
      if (!hs || !expected) continue;
      if (!expected.some((p) => hs.startsWith(p))) {
        out.push({
          subject: `items[${it.index}]`,
          message: `HS code ${item!.hsCode} does not fit a ${kind} (expected ${expected.map(fmtHs).join(' / ')})`,
          evidence: { hsCode: item!.hsCode, kind, expectedPrefixes: expected.map(fmtHs) },
          severity: 'review',
          weight: 0.3,
        });
      }
    }
    return hits(out);
  },
};

const fmtHs = (p: string) => (p.length > 4 ? `${p.slice(0, 4)}.${p.slice(4)}` : p);

export const relabelOrSerialTamper: RedFlag = {
  id: 'RELABEL_OR_SERIAL_TAMPER',
  name: 'relabelOrSerialTamper',
  severity: 'deny',
  weight: 0.8,
  scope: 'any',
  source:
    'Misrepresentation and concealment of facts: 15 CFR 764.2(g); BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025); 15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): packaging inconsistent with the stated shipping method',
  reads: ['attributes.relabelRequested', 'attributes.serialMismatch'],
  detect: (ctx, f) => {
    const a = attrs(ctx);
    const out: RedFlagHit[] = [];
    if (a.relabelRequested === true) {
      out.push({
        subject: 'order',
        message: 'Buyer asked for unbranded packaging, label removal or relabelling',
        evidence: { relabelRequested: true },
        severity: deceptionSeverity(f),
      });
    }
    if (a.serialMismatch === true) {
      out.push({
        subject: 'customer',
        message: 'Serial numbers were missing or did not match the shipped units at an audit',
        evidence: { serialMismatch: true },
        severity: deceptionSeverity(f),
      });
    }
    return hits(out);
  },
};

export const postShipmentCheckFailed: RedFlag = {
  id: 'POST_SHIPMENT_FAIL',
  name: 'postShipmentCheckFailed',
  severity: 'deny',
  weight: 0.8,
  scope: 'any',
  source:
    'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): post-shipment verification of advanced computing ICs; 15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): refusal to allow checks; unresolved red flags: BIS guidance to financial institutions on export control red flags (Oct 9, 2024)',
  reads: ['attributes.lastPostShipmentCheck'],
  detect: (ctx, f) => {
    const r = attrs(ctx).lastPostShipmentCheck;
    if (r !== 'failed' && r !== 'refused') return undefined;
    return {
      subject: 'customer',
      message:
        r === 'failed'
          ? 'The last post-shipment verification for this customer failed (hardware absent, boxed or not as shipped)'
          : 'The customer refused the last post-shipment verification',
      evidence: { lastPostShipmentCheck: r },
      severity: deceptionSeverity(f),
    };
  },
};

/**
 * Severity: review, following the catalogue ("internal escalation"), not deny: the request comes from
 * the seller's own staff, so it is evidence about the process, not proof that the customer deceives.
 */
export const insiderOverride: RedFlag = {
  id: 'INSIDER_OVERRIDE',
  name: 'insiderOverride',
  severity: 'review',
  weight: 0.5,
  scope: 'any',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): do not self-blind, do not cut off the flow of information that comes to the firm; internal escalation',
  reads: ['attributes.insiderOverrideRequested'],
  detect: (ctx) =>
    attrs(ctx).insiderOverrideRequested === true
      ? {
          subject: 'order',
          message: 'Staff asked to bypass a compliance check or to ship before approval; escalate internally',
          evidence: { insiderOverrideRequested: true },
        }
      : undefined,
};

// ---------------------------------------------------------------------------------------------
// Remote access / declared end use
// ---------------------------------------------------------------------------------------------

export const restrictedAccess: RedFlag = {
  id: 'IAAS_RESTRICTED_ACCESS',
  name: 'restrictedAccess',
  severity: 'review',
  weight: 0.45,
  scope: 'controlled',
  source:
    'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): clusters accessed from restricted jurisdictions; BIS policy statement on advanced computing ICs used to train AI models for parties headquartered in China or D:5 (May 13, 2025)',
  reads: ['attributes.accessCountries', 'attributes.iaasReservation'],
  detect: (ctx, f) => {
    const a = attrs(ctx);
    const list = Array.isArray(a.accessCountries) ? a.accessCountries.filter((c): c is string => typeof c === 'string') : [];
    const bad = [...new Set(list.map((c) => c.toUpperCase()).filter((c) => f.restricted(c)))];
    if (!bad.length) return undefined;
    return {
      subject: 'endUser',
      message: `Operators of the hardware log in from ${bad.join(', ')}${a.iaasReservation ? ' (capacity offered as a cloud service)' : ''}`,
      evidence: { accessCountries: bad, iaasReservation: a.iaasReservation ?? null },
    };
  },
};

/** Wording that makes a declared end use a compute service for others (IaaS), not a shipment. */
const CLOUD_WORDS =
  /\b(cloud|iaas|gpu[- ]?as[- ]a[- ]service|remote(ly)? (access\w*|use\w*|comput\w*|train\w*)|rent(al|ed|ing)? (of )?(gpus?|compute|capacity|servers?)|gpu[- ]hours?|hosting|colocation|tenants?)\b/i;

export const iaasRestrictedBeneficiary: RedFlag = {
  id: 'IAAS_PRC_BENEFICIARY',
  name: 'iaasRestrictedBeneficiary',
  severity: 'review',
  weight: 0.6,
  scope: 'controlled',
  source:
    'BIS policy statement on advanced computing ICs used to train AI models for parties headquartered in China or D:5 (May 13, 2025): a red flag that WMD or military-intelligence end uses may be involved; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025); escalate to counsel',
  reads: ['endUse', 'attributes.iaasReservation'],
  detect: (ctx, f) => {
    const endUse = ctx.order.endUse;
    const cloud = attrs(ctx).iaasReservation === true || (!!endUse && CLOUD_WORDS.test(endUse));
    if (!cloud) return undefined;
    const named = countriesMentioned(endUse).filter((m) => f.restricted(m.code));
    if (!named.length) return undefined;
    return {
      subject: 'order',
      message: `Declared use is compute capacity serving ${named.map((m) => m.code).join(', ')} ('${named[0].text}'); escalate to counsel`,
      evidence: { endUse, countries: named.map((m) => m.code), matched: named.map((m) => m.text), iaasReservation: attrs(ctx).iaasReservation ?? null },
    };
  },
};

export const endUseNamesRestrictedCountry: RedFlag = {
  id: 'DEST_RESTRICTED',
  name: 'endUseNamesRestrictedCountry',
  severity: 'review',
  weight: 0.5,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): buyer evasive about the final destination; restricted destinations: 15 CFR 742.6(a)(6), 15 CFR 744.23; embargoed destinations: 15 CFR Part 746',
  reads: ['endUse', 'endUser.country', 'shipTo.country'],
  detect: (ctx, f) => {
    const endUse = ctx.order.endUse;
    if (!endUse) return undefined;
    if (attrs(ctx).iaasReservation === true || CLOUD_WORDS.test(endUse)) return undefined; // IAAS_PRC_BENEFICIARY reads it
    const named = countriesMentioned(endUse).filter((m) => f.restricted(m.code) && m.code !== f.destinationCountry);
    if (!named.length) return undefined;
    // knowing the goods go on to a comprehensively embargoed country (Part 746) is a hard stop, not a question
    const embargoed = named.filter((m) => ctx.countries.isEmbargoed(m.code, f.date));
    return {
      subject: 'order',
      message: embargoed.length
        ? `Declared end use sends the goods on to ${embargoed.map((m) => m.code).join(', ')} ('${embargoed[0].text}'), an embargoed destination (15 CFR Part 746)`
        : `Declared end use names ${named.map((m) => m.code).join(', ')} ('${named[0].text}'), not the stated destination ${f.destinationCountry ?? '-'}`,
      evidence: {
        endUse,
        countries: named.map((m) => m.code),
        matched: named.map((m) => m.text),
        destinationCountry: f.destinationCountry ?? null,
        embargoed: embargoed.map((m) => m.code),
      },
      ...(embargoed.length ? { severity: 'deny' as const, weight: 0.9 } : {}),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Order history (stored decisions)
// ---------------------------------------------------------------------------------------------

/** The exact history queries the detectors make; snapshotHistory() prefetches these. */
export function historyQueries(ctx: Pick<RiskContext, 'order' | 'now' | 'params'>, windowDays: number) {
  const keys = relatedKeys(ctx.order);
  return {
    buyerKey: keys.buyerKey,
    before: ctx.now.toISOString(),
    keys,
    since: new Date(ctx.now.getTime() - windowDays * 86_400_000).toISOString(),
  };
}

export const firstLargeOrder: RedFlag = {
  id: 'FIRST_LARGE_ORDER',
  name: 'firstLargeOrder',
  severity: 'review',
  weight: 0.3,
  scope: 'controlled',
  source:
    'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): first-time buyers ordering large volumes; 15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): orders inconsistent with the purchaser\'s needs',
  reads: ['buyer.name (history)', 'attributes.priorOrderCount', 'attributes.priorOrdersUsd', 'items'],
  detect: (ctx, f) => {
    const n = f.controlledAccelerators;
    if (n < f.params.largeOrderAccelerators) return undefined;
    const a = attrs(ctx);
    if ((typeof a.priorOrderCount === 'number' && a.priorOrderCount > 0) || (typeof a.priorOrdersUsd === 'number' && a.priorOrdersUsd > 0)) {
      return undefined;
    }
    const q = historyQueries(ctx, f.params.structuring.windowDays);
    const summary = ctx.history.buyerSummary(q.buyerKey, q.before);
    if (summary.orderCount > 0) return undefined;
    return {
      subject: 'buyer',
      message: `First order from '${ctx.order.buyer.name}' and it is for ${n} controlled accelerators`,
      evidence: {
        buyerKey: q.buyerKey,
        storedOrders: summary.orderCount,
        priorOrderCount: a.priorOrderCount ?? null,
        accelerators: n,
        limit: f.params.largeOrderAccelerators,
      },
    };
  },
};

export const structuring: RedFlag = {
  id: 'FIRST_LARGE_ORDER',
  name: 'structuring',
  severity: 'review',
  weight: 0.4,
  scope: 'controlled',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): orders inconsistent with the purchaser\'s needs; BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): first-time or recently formed buyers ordering large volumes (related buyers and order sizes just under the levels 100 / 500 are chipguard parameters)',
  reads: ['buyer', 'billTo', 'payment.payerName', 'shipTo.address (history: related orders)', 'items'],
  detect: (ctx, f) => {
    const n = f.controlledAccelerators;
    if (n <= 0) return undefined;
    const s = f.params.structuring;
    const q = historyQueries(ctx, s.windowDays);
    const related = ctx.history.recentRelatedOrders(q.keys, q.since).filter((o) => o.createdAt < q.before);
    if (!related.length) return undefined;
    const justUnder = (x: number) => s.levels.find((L) => x >= Math.ceil(L * (1 - s.bandBelow)) && x < L);
    const out: RedFlagHit[] = [];
    const level = justUnder(n);
    if (level !== undefined) {
      const same = related.filter((o) => justUnder(o.acceleratorCount) === level);
      if (same.length + 1 >= s.minOrders) {
        const buyers = [...new Set([q.buyerKey, ...same.map((o) => o.buyerKey)])].sort();
        out.push({
          subject: 'order',
          message: `${same.length + 1} orders in ${s.windowDays} days from ${buyers.length > 1 ? `${buyers.length} related buyers` : 'this buyer'} each just under ${level} accelerators (this one: ${n})`,
          evidence: {
            pattern: 'just_under_level',
            level,
            accelerators: n,
            orders: same.length + 1,
            buyers,
            total: n + same.reduce((t, o) => t + o.acceleratorCount, 0),
            windowDays: s.windowDays,
          },
        });
      }
    }
    if (n < f.params.largeOrderAccelerators) {
      const small = related.filter((o) => o.acceleratorCount < f.params.largeOrderAccelerators);
      const buyers = [...new Set([q.buyerKey, ...small.map((o) => o.buyerKey)])].sort();
      const total = n + small.reduce((t, o) => t + o.acceleratorCount, 0);
      if (buyers.length >= s.minRelatedBuyers && total >= s.aggregateAccelerators) {
        out.push({
          subject: 'order',
          message: `${buyers.length} buyers sharing an address, bill-to, payer or identifier placed ${small.length + 1} small orders totalling ${total} accelerators in ${s.windowDays} days`,
          evidence: { pattern: 'related_buyers', buyers, orders: small.length + 1, total, accelerators: n, windowDays: s.windowDays, sharedKeys: q.keys.keys },
        });
      }
    }
    return hits(out);
  },
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

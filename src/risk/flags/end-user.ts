/** Red flags: end user and site. Each is a catalogue row (id, severity, weight, citation, fields read) with its detect(). */
import { sameGroup } from '../keys';
import { NON_COMPUTE_SITE_TYPES, RESIDENTIAL_ADDRESS, RESIDENTIAL_SITE_TYPES, SELF_END_USER_KINDS, VIRTUAL_ADDRESS, VIRTUAL_SITE_TYPES } from '../params';
import { deceptionSeverity, attrs, hits } from './shared';
import type { RedFlag, RedFlagHit } from '../types';

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

/** Red flags: remote access / declared end use. Each is a catalogue row (id, severity, weight, citation, fields read) with its detect(). */
import { countriesMentioned } from '../text';
import { attrs } from './shared';
import type { RedFlag } from '../types';

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

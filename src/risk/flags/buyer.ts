/** Red flags: who the buyer is. Each is a catalogue row (id, severity, weight, citation, fields read) with its detect(). */
import { monthsBetween } from '../../common/dates';
import { COMPUTE_RELATED, UNRELATED_ACTIVITY } from '../params';
import { attrs, hits } from './shared';
import type { RedFlag, RedFlagHit } from '../types';

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

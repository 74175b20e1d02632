/**
 * The buyer's profile: the facts about who the buyer is that can answer one weak red flag
 * (README.md "Calibration"). One weak flag that the profile answers is information, not a hold;
 * two flags, or any flag the profile does not answer, stay review.
 */
import type { Party } from '../common/order';
import { buyerKey, sameGroup } from './keys';
import { DATA_CENTRE_SITE_TYPES, FORWARDER_KINDS, SELF_END_USER_KINDS } from './params';
import type { DerivedFacts, EvaluatedHit, RiskContext } from './types';

/** A fact of the profile; `answeredBy` of a downgraded hit lists them. */
export type ProfileFact = 'established' | 'buyerIsEndUser' | 'ownSite' | 'localPayment' | 'licenseOnFile';

export interface BuyerProfile {
  facts: ProfileFact[];
  /** years since the buyer was incorporated, when known */
  buyerAgeYears?: number;
}

/**
 * Which weak flag (detector name) is answered by which facts: any one of the alternatives, each a set of
 * facts that must all hold. A licence or VEU authorisation on file means the US government reviewed the
 * parties of the transaction (15 CFR 750.7, 748.15); the other facts are the ones BIS's diversion guidance
 * asks about (who the customer is, where the chips will be kept, who pays).
 */
export const WEAK_FLAG_ANSWERS: Record<string, ProfileFact[][]> = {
  firstLargeOrder: [['licenseOnFile'], ['established', 'buyerIsEndUser', 'ownSite', 'localPayment']],
  noWebPresence: [['licenseOnFile'], ['established', 'buyerIsEndUser', 'localPayment']],
  newCompany: [['licenseOnFile']],
};

const UNFIT_SITE_TYPES = ['logistics', 'virtual_office', 'residential', 'warehouse', 'retail'];

function yearsBetween(fromYmd: string, toYmd: string): number {
  return (Date.parse(`${toYmd}T00:00:00Z`) - Date.parse(`${fromYmd}T00:00:00Z`)) / (365.25 * 86_400_000);
}

const oneParty = (a: Party, b: Party) => buyerKey(a.name) === buyerKey(b.name) || sameGroup(a, b);

export function buyerProfile(ctx: RiskContext, f: DerivedFacts): BuyerProfile {
  const { order } = ctx;
  const b = order.buyer;
  const facts: ProfileFact[] = [];
  const age = b.incorporatedOn ? yearsBetween(b.incorporatedOn, order.date) : undefined;
  if (age !== undefined && age >= f.params.establishedYears) facts.push('established');

  const buyerIsEndUser = order.endUser ? oneParty(order.endUser, b) : !!b.kind && SELF_END_USER_KINDS.includes(b.kind);
  if (buyerIsEndUser) facts.push('buyerIsEndUser');

  const s = order.shipTo;
  const siteType = typeof order.attributes?.siteType === 'string' ? order.attributes.siteType : undefined;
  const siteFits = !siteType || !UNFIT_SITE_TYPES.includes(siteType);
  const shipToIsOwn =
    !s ||
    (!(s.kind && FORWARDER_KINDS.includes(s.kind)) &&
      (!s.country || s.country === (order.endUser?.country ?? b.country)) &&
      (oneParty(s, b) || (!!siteType && DATA_CENTRE_SITE_TYPES.includes(siteType))));
  if (buyerIsEndUser && siteFits && shipToIsOwn) facts.push('ownSite');

  const p = order.payment;
  if (p?.originCountry && p.originCountry === b.country && (!p.payerName || oneParty({ name: p.payerName, country: p.originCountry }, b))) {
    facts.push('localPayment');
  }

  if ((order.licenses ?? []).some((l) => (l.type === 'license' || l.type === 'VEU') && (!l.validUntil || l.validUntil >= order.date))) {
    facts.push('licenseOnFile');
  }
  return { facts, ...(age !== undefined ? { buyerAgeYears: Math.floor(age) } : {}) };
}

/**
 * When the only review/deny hit is one weak flag and the profile answers it, that hit becomes info
 * (weight kept, so the score still shows it). Anything else is left as it is.
 */
export function applyProfileAnswers(hits: EvaluatedHit[], profile: BuyerProfile): EvaluatedHit[] {
  const holding = hits.filter((h) => h.severity !== 'info');
  if (holding.length !== 1) return hits;
  const h = holding[0];
  const alternatives = WEAK_FLAG_ANSWERS[h.name];
  const answer = alternatives?.find((facts) => facts.every((x) => profile.facts.includes(x)));
  if (!answer) return hits;
  return hits.map((x) =>
    x !== h
      ? x
      : {
          ...x,
          severity: 'info' as const,
          message: `${x.message}; answered by the buyer's profile (${answer.map(describe).join(', ')}): information, not a hold`,
          evidence: {
            ...x.evidence,
            answeredBy: answer,
            profile: profile.facts,
            ...(profile.buyerAgeYears !== undefined ? { buyerAgeYears: profile.buyerAgeYears } : {}),
          },
        },
  );
}

const DESCRIBE: Record<ProfileFact, string> = {
  established: 'an established company',
  buyerIsEndUser: 'the buyer is the end user',
  ownSite: 'ships to its own site',
  localPayment: 'pays from its own country',
  licenseOnFile: 'a licence on file',
};
const describe = (f: ProfileFact) => DESCRIBE[f];

/**
 * Name and address keys: the buyer key the decision store indexes, the related-order keys used
 * for structuring, and the "same corporate group" test that guards triangulation and payment flags.
 * Deterministic and simple on purpose: an auditor must be able to recompute a key by hand.
 */
import type { Order, Party } from '../common/order';
import { COUNTRY_CODES, countryName } from '../common/countries';
import { memoByString } from '../common/memo';
import { DATA_CENTRE_SITE_TYPES } from './params';
import type { RelatedKeys } from './types';

/** Legal-form and filler tokens dropped from name keys (dots are removed first: "S.A." -> "sa"). */
const LEGAL_TOKENS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'cos',
  'ltd',
  'limited',
  'llc',
  'lp',
  'llp',
  'plc',
  'pte',
  'pty',
  'pvt',
  'private',
  'public',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'se',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'kk',
  'sdn',
  'bhd',
  'berhad',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'kft',
  'zrt',
  'sro',
  'jsc',
  'ojsc',
  'pjsc',
  'ooo',
  'fze',
  'fzco',
  'fzc',
  'fz',
  'dmcc',
  'the',
  'and',
  'of',
]);

/** The words of a name or address, normalised (remembered: the same names come back order after order). */
const tokens = memoByString(
  (text: string): readonly string[] =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/\./g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .filter(Boolean),
  50_000,
);

/**
 * Normalised name key for history: lower case, accents, punctuation and legal-form tokens removed.
 * buyerKey('Acme Computing Co., Ltd.') === buyerKey('ACME COMPUTING LIMITED') === 'acme computing'.
 * A name made only of legal tokens keeps them (never an empty key for a non-empty name).
 */
export const buyerKey = memoByString((name: string): string => {
  const all = tokens(name);
  const kept = all.filter((t) => !LEGAL_TOKENS.has(t));
  return (kept.length ? kept : all).join(' ');
}, 50_000);

/** Words that name a place or a group layer rather than the group itself. */
const GROUP_FILLER = [
  'asia',
  'asia pacific',
  'apac',
  'emea',
  'europe',
  'americas',
  'latam',
  'international',
  'intl',
  'global',
  'worldwide',
  'holding',
  'holdings',
  'group',
  'subsidiary',
  'branch',
  'regional',
  'hq',
  'us',
  'usa',
  'uk',
  'uae',
  'hk',
  'sg',
];
const GEO_PHRASES: string[] = (() => {
  const set = new Set<string>(GROUP_FILLER);
  for (const code of COUNTRY_CODES) {
    const name = countryName(code);
    if (!name) continue;
    set.add(tokens(name.replace(/\(.*?\)/g, '').replace(/SAR China/, '')).join(' '));
  }
  return [...set].filter(Boolean).sort((a, b) => b.length - a.length);
})();
const GEO_RE = new RegExp(`(^| )(${GEO_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?= |$)`, 'g');

/**
 * The group stem of a name: buyerKey minus country names and group-layer words.
 * 'Microsoft Singapore Pte Ltd' -> 'microsoft'; 'Acme Asia Pacific Holdings' -> 'acme'.
 * When what is left is only industry words ('Hong Kong Trading' -> 'trading'), the whole key is kept.
 */
export function groupStem(name: string): string {
  const key = buyerKey(name);
  let stem = key;
  // twice: adjacent phrases share the separating space
  for (let i = 0; i < 2; i++) stem = stem.replace(GEO_RE, ' ').replace(/\s+/g, ' ').trim();
  const distinctive = stem.split(' ').some((t) => t.length >= 3 && !GENERIC_WORDS.has(t));
  return stem.length >= 3 && distinctive ? stem : key;
}

/** Words that name an industry, not a group: a stem made only of these is not distinctive. */
const GENERIC_WORDS = new Set([
  'trading',
  'trade',
  'technology',
  'technologies',
  'tech',
  'electronics',
  'electronic',
  'solutions',
  'services',
  'service',
  'systems',
  'computing',
  'compute',
  'computer',
  'cloud',
  'data',
  'digital',
  'industries',
  'industry',
  'enterprises',
  'enterprise',
  'logistics',
  'import',
  'export',
  'supply',
  'networks',
  'network',
  'semiconductor',
  'semiconductors',
  'ai',
  'capital',
  'ventures',
  'investments',
  'investment',
  'development',
  'management',
  'partners',
  'resources',
  'sales',
  'distribution',
  'information',
  'innovation',
  'innovations',
  'smart',
  'new',
  'star',
  'power',
  'energy',
  'infrastructure',
]);

function stemsOf(p: Party): string[] {
  const out = [groupStem(p.name)];
  if (p.ultimateParentName) out.push(groupStem(p.ultimateParentName));
  return out.filter((s) => s.length >= 3);
}

/** a's tokens are the leading tokens of b ('acme' vs 'acme cloud'); the shorter stem needs 4+ chars. */
function tokenPrefix(a: string, b: string): boolean {
  return a.length >= 4 && b.startsWith(a + ' ');
}

/**
 * Same corporate group — the guard for SHIP_BILL_ENDUSER_MISMATCH, BILL_TO_SG_ONLY and THIRD_PARTY_PAYMENT.
 * Two parties are in the same group when a group stem (of the name or of ultimateParentName) of one equals,
 * or is the leading words of, a group stem of the other, and the declared parent countries do not contradict:
 *  - both declare ultimateParentCountry and they differ -> not the same group;
 *  - one names the other as its ultimate parent but declares a parent country that is not the other's
 *    headquartersCountry (or country) -> not the same group.
 * Countries alone never make a group: two unrelated US companies share a country, not a group.
 */
export function sameGroup(a: Party, b: Party): boolean {
  if (a.ultimateParentCountry && b.ultimateParentCountry && a.ultimateParentCountry !== b.ultimateParentCountry) {
    return false;
  }
  if (namesParentElsewhere(a, b) || namesParentElsewhere(b, a)) return false;
  const sa = stemsOf(a);
  const sb = stemsOf(b);
  return sa.some((x) => sb.some((y) => x === y || tokenPrefix(x, y) || tokenPrefix(y, x)));
}

function namesParentElsewhere(child: Party, parent: Party): boolean {
  if (!child.ultimateParentName || !child.ultimateParentCountry) return false;
  if (groupStem(child.ultimateParentName) !== groupStem(parent.name)) return false;
  const parentHome = parent.headquartersCountry ?? parent.country;
  return !!parentHome && parentHome !== child.ultimateParentCountry;
}

/** Normalised address key: `<CC>:<tokens>`; undefined when too short to identify a place. */
export function addressKey(address: string | undefined, country: string | undefined): string | undefined {
  if (!address) return undefined;
  const norm = tokens(address).join(' ');
  if (norm.replace(/ /g, '').length < 8) return undefined;
  return `${(country ?? '').toUpperCase()}:${norm}`;
}

/**
 * The keys that relate this order to orders of other buyers (see RelatedKeys): the buyer's and bill-to's
 * name, address and identifiers, the payer's name, the ship-to address. Left out: the end user (many
 * distributors legitimately sell to one large end user) and ship-to addresses that are data centres or
 * colocation sites (many unrelated customers share them).
 */
export function relatedKeys(order: Order): RelatedKeys {
  const keys = new Set<string>();
  const name = (n: string | undefined) => {
    if (n && buyerKey(n)) keys.add(`n:${buyerKey(n)}`);
  };
  const addr = (p: Party | undefined) => {
    const k = p && addressKey(p.address, p.country);
    if (k) keys.add(`a:${k}`);
  };
  const ids = (p: Party | undefined) => {
    for (const id of p?.identifiers ?? []) {
      const v = id.value?.toLowerCase().replace(/[^\p{L}\p{N}@.]+/gu, '');
      if (v) keys.add(`i:${id.type.toLowerCase()}:${v}`);
    }
  };
  name(order.buyer.name);
  addr(order.buyer);
  ids(order.buyer);
  if (order.billTo) {
    name(order.billTo.name);
    addr(order.billTo);
    ids(order.billTo);
  }
  name(order.payment?.payerName);
  const siteType = order.attributes?.siteType;
  if (order.shipTo && !(typeof siteType === 'string' && DATA_CENTRE_SITE_TYPES.includes(siteType))) addr(order.shipTo);
  return { buyerKey: buyerKey(order.buyer.name), keys: [...keys].sort() };
}

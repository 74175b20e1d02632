/**
 * Identifier types (API.md "Party".identifiers), their normalisation and how strongly a shared value links
 * two parties. Plain TypeScript. Values never leave this module in plain text: the graph keys them by an
 * HMAC (see hmac.ts) and keeps only a masked hint for people (last 4 of a bank account, the domain of an e-mail).
 */

export const IDENTIFIER_TYPES = [
  'LEI',
  'registration_number',
  'tax_id',
  'email',
  'email_domain',
  'phone',
  'website_domain',
  'bank_account',
  'payment_fingerprint',
  'ip',
  'asn',
  'device_id',
  'officer',
  // added to API.md's list: the ids the restricted-party lists themselves carry (screening evidence, strong links)
  'passport',
  'national_id',
  'vessel_imo',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Link values the graph derives itself (not accepted as a Party identifier type). */
export type DerivedLinkType = 'ip24' | 'address' | 'building' | 'payer';
export type LinkType = IdentifierType | DerivedLinkType;

/**
 * Weight of one shared value (before damping): 1 = proves a tie on its own; near 0 = shared by chance.
 * Strong: bank account, payment fingerprint, device id, registration / tax / LEI number, exact address unit
 * (BIS Guidance to Financial Institutions, Oct 9 2024: co-location with an Entity List party).
 * Weak: ASN, a /24, a building shared by many tenants. Country is not a link at all.
 */
export const LINK_WEIGHTS: Record<LinkType, number> = {
  bank_account: 1.0,
  payment_fingerprint: 1.0,
  device_id: 0.9,
  registration_number: 1.0,
  tax_id: 1.0,
  LEI: 1.0,
  passport: 1.0,
  national_id: 1.0,
  vessel_imo: 1.0,
  address: 0.8,
  email: 0.9,
  phone: 0.6,
  payer: 0.6,
  officer: 0.5,
  website_domain: 0.5,
  email_domain: 0.4,
  ip: 0.4,
  building: 0.3,
  ip24: 0.15,
  asn: 0.05,
};

/** A link at or above this strength is "strong" (one strong identifier, or several weak ones together). */
export const STRONG_LINK = 0.8;

/**
 * Damping of ubiquitous values by document frequency (how many parties share the value): a value shared
 * by up to DF_FULL parties counts fully, above that its weight falls as DF_FULL / df (a freight forwarder's
 * depot, a cloud provider's ASN), and a value shared by more than DF_IGNORE parties links nobody.
 */
export const DF_FULL = 5;
export const DF_IGNORE = 2000;

export function dampedWeight(type: LinkType, df: number): number {
  if (df > DF_IGNORE) return 0;
  const w = LINK_WEIGHTS[type] ?? 0;
  return df <= DF_FULL ? w : (w * DF_FULL) / df;
}

/** Free-mail and ISP domains: an e-mail domain there says nothing about who the party is. */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'yandex.ru',
  'mail.ru',
  'gmx.de',
  'web.de',
]);

export interface LinkValue {
  type: LinkType;
  /** normalised value (plain: hash it before storing) */
  value: string;
  /** what a person may see (masked) */
  hint: string;
}

const digits = (s: string) => s.replace(/\D+/g, '');
const alnumUpper = (s: string) => s.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');

function domainOf(s: string): string {
  let d = s.trim().toLowerCase();
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^@/]*@/, '');
  d = d.split(/[/?#:]/)[0].replace(/\.$/, '');
  return d.replace(/^www\d*\./, '');
}

function lastN(s: string, n: number): string {
  return s.length <= n ? '*'.repeat(s.length) : `…${s.slice(-n)}`;
}

/** Name of a person or a payer: lower case, accents and punctuation removed, words kept in order. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The normalised link values of one identifier ([] when the value is unusable). An IP also yields its /24. */
export function normaliseIdentifier(rawType: string, raw: string): LinkValue[] {
  const v = String(raw ?? '').trim();
  const type = rawType as IdentifierType;
  if (!v) return [];
  switch (type) {
    case 'email': {
      const e = v.toLowerCase();
      const at = e.lastIndexOf('@');
      if (at < 1) return [];
      const domain = domainOf(e.slice(at + 1));
      const out: LinkValue[] = [{ type: 'email', value: `${e.slice(0, at)}@${domain}`, hint: `${e[0]}…@${domain}` }];
      if (!FREE_MAIL.has(domain)) out.push({ type: 'email_domain', value: domain, hint: domain });
      return out;
    }
    case 'email_domain':
    case 'website_domain': {
      const d = domainOf(v);
      if (!d || (type === 'email_domain' && FREE_MAIL.has(d))) return [];
      return [{ type, value: d, hint: d }];
    }
    case 'phone': {
      const d = digits(v).replace(/^00/, '');
      return d.length >= 6 ? [{ type, value: d, hint: `+${d.slice(0, 2)}…${d.slice(-2)}` }] : [];
    }
    case 'bank_account': {
      const a = alnumUpper(v);
      return a.length >= 4 ? [{ type, value: a, hint: lastN(a, 4) }] : [];
    }
    case 'payment_fingerprint':
    case 'device_id': {
      const a = v.toLowerCase().replace(/\s+/g, '');
      return [{ type, value: a, hint: lastN(a, 4) }];
    }
    case 'LEI':
    case 'registration_number':
    case 'tax_id':
    case 'passport':
    case 'national_id':
    case 'vessel_imo': {
      const a = alnumUpper(v);
      return a ? [{ type, value: a, hint: lastN(a, 3) }] : [];
    }
    case 'ip':
      return normaliseIp(v);
    case 'asn': {
      const n = digits(v);
      return n ? [{ type, value: `AS${Number(n)}`, hint: `AS${Number(n)}` }] : [];
    }
    case 'officer': {
      const n = normaliseName(v);
      return n
        ? [
            {
              type,
              value: n,
              hint: n
                .split(' ')
                .map((w) => w[0] + '.')
                .join(' '),
            },
          ]
        : [];
    }
    default:
      return [];
  }
}

/** The four numbers of a dotted IPv4 address (1 to 3 digits each, at most 255), else undefined. Hand-parsed: hot in bulk. */
function ipv4(v: string): number[] | undefined {
  const out = [0, 0, 0, 0];
  let part = 0;
  let digitsInPart = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digitsInPart === 0 || part === 3) return undefined;
      part++;
      digitsInPart = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digitsInPart > 3) return undefined;
      out[part] = out[part] * 10 + (c - 48);
    } else return undefined;
  }
  if (part !== 3 || digitsInPart === 0 || out[0] > 255 || out[1] > 255 || out[2] > 255 || out[3] > 255) return undefined;
  return out;
}

function normaliseIp(v: string): LinkValue[] {
  const parts = ipv4(v);
  if (parts) {
    const ab = `${parts[0]}.${parts[1]}`;
    return [
      { type: 'ip', value: `${ab}.${parts[2]}.${parts[3]}`, hint: `${ab}.x.x` },
      { type: 'ip24', value: `${ab}.${parts[2]}.0/24`, hint: `${ab}.x.0/24` },
    ];
  }
  if (/^\d+(\.\d+)*$/.test(v)) return [];
  if (v.includes(':')) {
    const lower = v.toLowerCase();
    // IPv6: the /48 a site is usually given stands in for the /24
    const groups = lower.split(':').filter(Boolean).slice(0, 3).join(':');
    return [
      { type: 'ip', value: lower, hint: `${groups.split(':')[0]}:…` },
      { type: 'ip24', value: `${groups}::/48`, hint: `${groups.split(':')[0]}:…/48` },
    ];
  }
  return [];
}

/** Words that mark a unit inside a building: what follows them is the unit. */
const UNIT_RE =
  /\b(room|rm|unit|suite|ste|flat|apt|apartment|floor|fl|level|lvl|office|desk|no\.? ?\d+ ?floor|\d+(st|nd|rd|th) floor)\b\.?\s*[\w-]*|#\s*[\w-]+/gi;

/**
 * An address as link values: the exact address (strong when it names a unit: room, suite, floor, #05-01),
 * and the building without the unit, or an address that names no unit (weak: a big office building or a
 * forwarder's depot houses many).
 */
export function addressValues(address: string | undefined, country: string | undefined): LinkValue[] {
  if (!address) return [];
  const cc = (country ?? '').toUpperCase();
  const norm = normaliseName(address);
  if (norm.replace(/ /g, '').length < 8) return [];
  const building = normaliseName(address.replace(UNIT_RE, ' '));
  const hasUnit = building !== norm && building.replace(/ /g, '').length >= 6;
  const hint = `${cc ? cc + ': ' : ''}${norm.split(' ').slice(-2).join(' ')}`;
  const out: LinkValue[] = [{ type: hasUnit ? 'address' : 'building', value: `${cc}:${norm}`, hint }];
  if (hasUnit) out.push({ type: 'building', value: `${cc}:${building}`, hint });
  return out;
}

export function payerValue(payerName: string | undefined): LinkValue[] {
  const n = payerName ? normaliseName(payerName) : '';
  return n.length >= 3 ? [{ type: 'payer', value: n, hint: `${n.split(' ')[0]} …` }] : [];
}

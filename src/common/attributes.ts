import { isCountryCode } from '../common/countries';

/**
 * The documented `attributes` keys of API.md with their types. Unknown keys are accepted, stored and
 * ignored; a documented key of the wrong type is a 400 naming it (a red flag must not silently vanish).
 */
type Check = (v: unknown) => boolean;
const isBool: Check = (v) => typeof v === 'boolean';
const isNonNegative: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText: Check = (v) => typeof v === 'string' && v.length <= 2000;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);

export const ATTRIBUTE_CHECKS: Record<string, { check: Check; expected: string }> = {
  sitePowerMw: { check: isNonNegative, expected: 'a number >= 0' },
  siteStatus: { check: oneOf('operational', 'under_construction', 'none'), expected: 'operational | under_construction | none' },
  siteType: {
    check: oneOf('data_center', 'colocation', 'office', 'lab', 'university', 'retail', 'warehouse', 'logistics', 'residential', 'virtual_office', 'other'),
    expected: 'data_center | colocation | office | lab | university | retail | warehouse | logistics | residential | virtual_office | other',
  },
  servicesDeclined: { check: isBool, expected: 'a boolean' },
  oemInstallationPurchased: { check: isBool, expected: 'a boolean' },
  registeredActivity: { check: isText, expected: 'a string' },
  websiteAgeMonths: { check: isNonNegative, expected: 'a number >= 0' },
  annualRevenueUsd: { check: isNonNegative, expected: 'a number >= 0' },
  ownersDisclosed: { check: isBool, expected: 'a boolean' },
  nomineeDirectors: { check: isNonNegative, expected: 'a number >= 0' },
  endUserVerified: { check: isBool, expected: 'a boolean' },
  endUserDescription: { check: isText, expected: 'a string' },
  requestedInvoiceDescription: { check: isText, expected: 'a string' },
  relabelRequested: { check: isBool, expected: 'a boolean' },
  routingChangedAfterApproval: { check: isBool, expected: 'a boolean' },
  priorOrderCount: { check: isNonNegative, expected: 'a number >= 0' },
  priorOrdersUsd: { check: isNonNegative, expected: 'a number >= 0' },
  lastPostShipmentCheck: { check: oneOf('passed', 'failed', 'refused', 'not_done'), expected: 'passed | failed | refused | not_done' },
  serialMismatch: { check: isBool, expected: 'a boolean' },
  insiderOverrideRequested: { check: isBool, expected: 'a boolean' },
  iaasReservation: { check: isBool, expected: 'a boolean' },
  accessCountries: {
    check: (v) => Array.isArray(v) && v.length <= 300 && v.every((c) => isCountryCode(c)),
    expected: 'an array of ISO 3166-1 alpha-2 country codes',
  },
};

/** Field errors for the documented keys (empty when fine). Upper-cases accessCountries in place. */
export function attributeErrors(attributes: Record<string, unknown>, path = 'attributes'): string[] {
  const errors: string[] = [];
  for (const [key, { check, expected }] of Object.entries(ATTRIBUTE_CHECKS)) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    if (!check(value)) errors.push(`${path}.${key} must be ${expected}`);
  }
  if (errors.length === 0 && Array.isArray(attributes.accessCountries)) {
    attributes.accessCountries = (attributes.accessCountries as string[]).map((c) => c.toUpperCase());
  }
  return errors;
}

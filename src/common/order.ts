/**
 * The order and its parties as plain data (API.md "Parties and items").
 * The HTTP DTOs validate into these shapes; rules, screening and risk read them.
 * Country codes here are already upper case and valid.
 */

export type PartyType = 'entity' | 'individual' | 'vessel' | 'aircraft';
export const PARTY_KINDS = [
  'manufacturer',
  'distributor',
  'reseller',
  'freight_forwarder',
  'logistics',
  'data_center_operator',
  'cloud_provider',
  'end_user',
  'university',
  'government',
  'individual',
  'other',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface Party {
  name: string;
  type?: PartyType;
  country?: string;
  address?: string;
  headquartersCountry?: string;
  ultimateParentCountry?: string;
  ultimateParentName?: string;
  /** YYYY-MM-DD */
  incorporatedOn?: string;
  kind?: PartyKind;
  website?: string;
  identifiers?: { type: string; value: string }[];
  /** individuals: YYYY, YYYY-MM or YYYY-MM-DD */
  dateOfBirth?: string;
  /** individuals: ISO alpha-2 */
  nationality?: string;
}

/** A declared owner of the buyer, with the share it holds (0..100; unknown = treated as possibly controlling). */
export interface BeneficialOwner extends Party {
  ownershipPercent?: number;
}

export const ITEM_KINDS = ['chip', 'board', 'server', 'system', 'hbm', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemSpecs {
  tpp?: number;
  /** dense (non-sparse) peak rates in TOPS / TFLOPS per precision, e.g. { fp16: 989.4, fp8: 1978.9 } */
  denseTops?: Record<string, number>;
  dieAreaMm2?: number;
  datacenter?: boolean;
  memoryBandwidthGBs?: number;
  interconnectGBs?: number;
  hbm?: { bandwidthGBs: number; areaMm2: number };
}

export interface Item {
  model: string;
  partNumber?: string;
  description?: string;
  kind?: ItemKind;
  acceleratorsPerUnit?: number;
  quantity: number;
  unitValueUsd?: number;
  hsCode?: string;
  declaredEccn?: string;
  specs?: ItemSpecs;
}

export type LicenseType = 'license' | 'NAC' | 'ACA' | 'VEU';
export interface LicenseOnFile {
  type: LicenseType;
  number?: string;
  /** YYYY-MM-DD */
  validUntil?: string;
}

export interface Payment {
  payerName?: string;
  originCountry?: string;
  method?: string;
}

/** Optional red-flag inputs; unknown keys are kept and ignored (API.md). */
export interface OrderAttributes {
  sitePowerMw?: number;
  siteStatus?: 'operational' | 'under_construction' | 'none';
  siteType?: string;
  servicesDeclined?: boolean;
  oemInstallationPurchased?: boolean;
  registeredActivity?: string;
  websiteAgeMonths?: number;
  annualRevenueUsd?: number;
  ownersDisclosed?: boolean;
  nomineeDirectors?: number;
  endUserVerified?: boolean;
  endUserDescription?: string;
  requestedInvoiceDescription?: string;
  relabelRequested?: boolean;
  routingChangedAfterApproval?: boolean;
  priorOrderCount?: number;
  priorOrdersUsd?: number;
  lastPostShipmentCheck?: 'passed' | 'failed' | 'refused' | 'not_done';
  serialMismatch?: boolean;
  insiderOverrideRequested?: boolean;
  iaasReservation?: boolean;
  accessCountries?: string[];
  [key: string]: unknown;
}

export interface Order {
  reference?: string;
  /** YYYY-MM-DD; the rules and country groups in force that day */
  date: string;
  exportFrom: string;
  buyer: Party;
  endUser?: Party;
  shipTo?: Party;
  billTo?: Party;
  intermediaries?: Party[];
  items: Item[];
  endUse?: string;
  payment?: Payment;
  licenses?: LicenseOnFile[];
  /** the buyer's declared owners (screened; a listed majority owner can extend its listing to the buyer) */
  beneficialOwners?: BeneficialOwner[];
  attributes?: OrderAttributes;
}

/** The subjects of an order's parties, as reasons name them. */
export function orderParties(order: Order): { subject: string; party: Party }[] {
  const out: { subject: string; party: Party }[] = [{ subject: 'buyer', party: order.buyer }];
  if (order.endUser) out.push({ subject: 'endUser', party: order.endUser });
  if (order.shipTo) out.push({ subject: 'shipTo', party: order.shipTo });
  if (order.billTo) out.push({ subject: 'billTo', party: order.billTo });
  (order.intermediaries ?? []).forEach((p, i) => out.push({ subject: `intermediaries[${i}]`, party: p }));
  return out;
}

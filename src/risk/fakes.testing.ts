/**
 * Fakes for the risk unit tests: a fixed CountryFacts, a clean allied-country order, and a runner.
 * Not used by production code.
 */
import type { Order } from '../common/order';
import { evaluateRedFlags, RedFlagResult } from './evaluate';
import { MemoryOrderHistory } from './memory-history';
import type { CountryFacts, OrderHistory, RiskContext, RiskItem } from './types';
import type { RedFlag } from './types';

const RESTRICTED = new Set(['CN', 'HK', 'MO', 'RU', 'BY', 'VE', 'KP', 'IR', 'SY', 'CU', 'VN', 'KH', 'MM']);
const EMBARGOED = new Set(['CU', 'IR', 'KP', 'SY', 'RU', 'BY']);
const HUBS = new Set(['SG', 'MY', 'HK', 'MO', 'AE', 'TH', 'VN', 'TW']);

export const fakeCountries: CountryFacts = {
  isRestrictedForAdvancedComputing: (c) => RESTRICTED.has(c),
  isEmbargoed: (c) => EMBARGOED.has(c),
  isTransshipmentHub: (c) => HUBS.has(c),
  countryGroups: (c) => (RESTRICTED.has(c) ? ['D:1', 'D:5'] : ['A:1']),
};

export const NOW = new Date('2026-11-27T10:00:00.000Z');

/** A German data-centre operator buying 8 HGX H100 servers (64 GPUs) for its own site: every fact consistent. */
export function cleanOrder(): Order {
  const hansa = {
    name: 'Hansa Compute GmbH',
    type: 'entity' as const,
    country: 'DE',
    address: 'Mainzer Landstrasse 50, 60325 Frankfurt am Main',
    headquartersCountry: 'DE',
    ultimateParentCountry: 'DE',
    incorporatedOn: '2015-03-01',
    kind: 'data_center_operator' as const,
    website: 'https://hansa-compute.example',
  };
  return {
    reference: 'PO-1',
    date: '2026-11-27',
    exportFrom: 'US',
    buyer: { ...hansa },
    endUser: { ...hansa },
    shipTo: { name: 'Hansa Compute Frankfurt DC2', country: 'DE', address: 'Hanauer Landstrasse 300, Frankfurt' },
    billTo: { ...hansa },
    items: [{ model: 'HGX H100 8-GPU', kind: 'server', acceleratorsPerUnit: 8, quantity: 8, unitValueUsd: 300_000, hsCode: '8471.50' }],
    endUse: 'LLM training in own data centre',
    payment: { payerName: 'Hansa Compute GmbH', originCountry: 'DE', method: 'wire' },
    attributes: {
      sitePowerMw: 5,
      siteStatus: 'operational',
      siteType: 'data_center',
      servicesDeclined: false,
      oemInstallationPurchased: true,
      registeredActivity: 'data centre operation and cloud computing',
      websiteAgeMonths: 96,
      annualRevenueUsd: 500_000_000,
      ownersDisclosed: true,
      nomineeDirectors: 0,
      endUserVerified: true,
      relabelRequested: false,
      routingChangedAfterApproval: false,
      priorOrderCount: 4,
      lastPostShipmentCheck: 'passed',
      serialMismatch: false,
      insiderOverrideRequested: false,
      iaasReservation: false,
      accessCountries: ['DE'],
    },
  };
}

/** Risk items for an order: every line controlled, accelerators = quantity x acceleratorsPerUnit. */
export function itemsFor(order: Order, controlled = true): RiskItem[] {
  return order.items.map((it, index) => ({
    index,
    eccn: controlled ? '4A090.a' : 'EAR99/NOT_3A090',
    controlled,
    acceleratorCount: it.quantity * (it.acceleratorsPerUnit ?? 1),
    kind: it.kind,
    resolvedModel: it.model,
    unitValueUsd: it.unitValueUsd,
  }));
}

export interface RunOptions {
  controlled?: boolean;
  history?: OrderHistory;
  items?: RiskItem[];
  flags?: RedFlag[];
  now?: Date;
}

export function ctxFor(order: Order, opts: RunOptions = {}): RiskContext {
  return {
    order,
    items: opts.items ?? itemsFor(order, opts.controlled ?? true),
    countries: fakeCountries,
    history: opts.history ?? new MemoryOrderHistory(),
    now: opts.now ?? NOW,
  };
}

export function run(order: Order, opts: RunOptions = {}): RedFlagResult {
  return evaluateRedFlags(ctxFor(order, opts), opts.flags);
}

/** Detector names that hit, with their severity: ['capacityMismatch:review', …] */
export function fired(r: RedFlagResult): string[] {
  return r.hits.map((h) => `${h.name}:${h.severity}`);
}

export function hitsOf(r: RedFlagResult, name: string) {
  return r.hits.filter((h) => h.name === name);
}

/** Deep-ish patch of the clean order. */
export function orderWith(patch: (o: Order) => void): Order {
  const o = cleanOrder();
  patch(o);
  return o;
}

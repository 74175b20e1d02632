/**
 * One classify request (POST /v1/items/classify and `chipguard classify`):
 * classify each item, then determine the licence for one destination.
 * Plain TypeScript so the controller and the CLI print the same result.
 */
import type { Item } from '../common/order';
import { sortReasons } from '../common/reason';
import type { Reason } from '../common/reason';
import { RuleBook, today } from './rulebook';
import type { LicenseContext } from './types';

export interface ClassifyRequest {
  items: Item[];
  destination: string;
  date?: string;
  exportFrom?: string;
  headquartersCountry?: string;
  ultimateParentCountry?: string;
  endUserName?: string;
}

export interface ClassifiedItem {
  index: number;
  resolvedModel: string | null;
  catalogId: string | null;
  eccn: string;
  tpp: number | null;
  performanceDensity: number | null;
  datacenter: boolean | null;
  acceleratorsPerUnit: number;
  quantity: number;
  basis: string;
  licenseRequired: boolean;
  licenseExceptions: string[];
  reviewPolicy: string | null;
  reasons: Reason[];
}

export interface ClassifyResponse {
  items: ClassifiedItem[];
  rulesVersion: string;
  date: string;
  destination: string;
}

export function classifyRequest(book: RuleBook, req: ClassifyRequest): ClassifyResponse {
  const date = req.date ?? today();
  const destination = req.destination.toUpperCase();
  const headquarters: NonNullable<LicenseContext['headquarters']> = [];
  if (req.headquartersCountry) headquarters.push({ subject: 'endUser', country: req.headquartersCountry.toUpperCase(), kind: 'headquarters' });
  if (req.ultimateParentCountry) headquarters.push({ subject: 'endUser', country: req.ultimateParentCountry.toUpperCase(), kind: 'ultimateParent' });
  const ctx: LicenseContext = {
    date,
    exportFrom: req.exportFrom ?? 'US',
    destinations: [{ subject: 'endUser', country: destination }],
    headquarters,
    parties: req.endUserName ? [{ subject: 'endUser', name: req.endUserName, country: destination }] : [],
  };
  const items = req.items.map((item, index): ClassifiedItem => {
    const c = book.classifyItem(item, { date, index });
    const lic = book.determineLicense(c, ctx);
    return {
      index,
      resolvedModel: c.resolvedModel ?? null,
      catalogId: c.catalogId ?? null,
      eccn: c.eccn,
      tpp: c.tpp ?? null,
      performanceDensity: c.performanceDensity ?? null,
      datacenter: c.datacenter ?? null,
      acceleratorsPerUnit: c.acceleratorsPerUnit,
      quantity: item.quantity,
      basis: c.basis,
      licenseRequired: lic.licenseRequired,
      licenseExceptions: lic.licenseExceptions,
      reviewPolicy: lic.reviewPolicy ?? null,
      reasons: sortReasons([...c.reasons, ...lic.reasons]),
    };
  });
  return { items, rulesVersion: book.ruleSetFor(date).id, date, destination };
}

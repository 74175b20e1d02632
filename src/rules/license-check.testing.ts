import type { Item } from '../common/order';
import { outcomeOf } from '../common/reason';
import type { RuleBook } from './rulebook';
import type { LicenseContext } from './types';

/**
 * One item classified and its license determined for one ship-to country on `now` (or `opts.date`): the
 * classification, the determination, their reasons as `CODE:severity` and the outcome they give.
 */
export function licenseChecker(book: RuleBook, now: string) {
  return (model: string | Item, country: string, opts: Partial<LicenseContext> = {}) => {
    const item: Item = typeof model === 'string' ? { model, quantity: 1 } : model;
    const date = opts.date ?? now;
    const c = book.classifyItem(item, { date, index: 0 });
    const lic = book.determineLicense(c, { date, destinations: [{ subject: 'shipTo', country }], ...opts });
    const reasons = [...c.reasons, ...lic.reasons];
    return { c, lic, reasons, codes: reasons.map((r) => `${r.code}:${r.severity}`), outcome: outcomeOf(reasons) };
  };
}

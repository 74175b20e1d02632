import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { isCountryCode } from '../common/countries';
import { CUSTOMER_CATEGORIES, DataCenterCondition } from '.';

/** Where the licence / VEU conditions per data centre live, under the data directory. */
export function conditionsFile(dataDir: string): string {
  return join(dataDir, 'cloud', 'datacenter-conditions.json');
}

/**
 * Reads and validates data/cloud/datacenter-conditions.json (once, at start). A missing file means no
 * conditions are known (an empty list); a malformed one stops the service naming the row.
 */
export function loadConditions(dataDir: string): DataCenterCondition[] {
  const file = conditionsFile(dataDir);
  if (!existsSync(file)) return [];
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { conditions?: unknown };
  return parseConditions(doc.conditions, file);
}

export function parseConditions(rows: unknown, where = 'datacenter-conditions'): DataCenterCondition[] {
  if (!Array.isArray(rows)) throw new Error(`${where}: "conditions" must be an array`);
  const date = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
  return rows.map((r: Record<string, unknown>, i) => {
    const bad = (msg: string) => new Error(`${where}: conditions[${i}] ${msg}`);
    if (!r || typeof r !== 'object') throw bad('must be an object');
    if (typeof r.id !== 'string' || !r.id) throw bad('needs an id');
    if (!isCountryCode(String(r.dataCenterCountry ?? '').toUpperCase())) throw bad('needs dataCenterCountry (ISO alpha-2)');
    if (!Array.isArray(r.forbids) || r.forbids.some((c) => !(CUSTOMER_CATEGORIES as readonly string[]).includes(c))) {
      throw bad(`forbids must list categories among ${CUSTOMER_CATEGORIES.join(', ')}`);
    }
    if (!['deny', 'review', 'info'].includes(r.severity as string)) throw bad('severity must be deny | review | info');
    if (!date(r.from) || !date(r.to)) throw bad('from / to must be YYYY-MM-DD or null');
    if (typeof r.citation !== 'string' || !r.citation) throw bad('needs a citation');
    return {
      ...(r as unknown as DataCenterCondition),
      dataCenterCountry: String(r.dataCenterCountry).toUpperCase(),
      authorisation: typeof r.authorisation === 'string' ? r.authorisation : 'authorisation',
      reference: typeof r.reference === 'string' ? r.reference : '',
      from: (r.from as string | null) ?? null,
      to: (r.to as string | null) ?? null,
    };
  });
}

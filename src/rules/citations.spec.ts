/**
 * A user-facing citation names only public law and guidance (a CFR section, a Federal Register notice with its
 * date, BIS / FinCEN / OFAC guidance with its date): never the team's research notes (their file names), case ids
 * such as C1, evidence marks such as [U] / [R2], source numbers such as S11, or "not in the shared docs".
 * This walks every string the rules, cloud and catalog data hold, every reason code's default citation, and the
 * reasons a sweep of decisions produces (citation, message, basis).
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { Item, LicenseOnFile } from '../common/order';
import type { Reason } from '../common/reason';
import { CITES, CLOUD_PARAMS, CloudCustomerInput, CloudDeps, decideCustomer } from '../cloud';
import { loadConditions } from '../cloud/datacenter-conditions';
import type { PartyQuery, ScreeningMatch, ScreeningResult } from '../screening';
import { fakeMatch } from '../screening/fake-match.testing';
import { LIST_CONSEQUENCES } from '../decision';
import { OFAC_50_PERCENT } from '../decision';
import { loadRuleBook, RULES_REASON_CODES } from './index';
import type { LicenseContext } from './types';

const DATA = join(__dirname, '..', '..', 'data');
const book = loadRuleBook(DATA);

/** What an internal note looks like in a user-facing string. */
const LEAK =
  /red-flags|export-rules|list-formats|\.md\b|\[(U|R|R2|C|R2\/U|R\/U|U cite|C from U|R2 partial|suggestion)\b[^\]]*\]|\[U:|\(S\d{1,2}[,)]|\bS\d{1,2}\b|\bC\d{1,2}\b|shared docs|not in the shared/i;

function leaks(where: string, strings: string[]): string[] {
  return strings.filter((s) => LEAK.test(s)).map((s) => `${where}: ${s}`);
}

function stringsOf(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) x.forEach((v) => stringsOf(v, out));
  else if (x && typeof x === 'object') Object.values(x).forEach((v) => stringsOf(v, out));
  return out;
}

describe('citations name only public law and guidance', () => {
  it('the pattern catches each kind of leak (and not public citations)', () => {
    for (const bad of [
      'see red-flags.md item 31',
      'export-rules.md §7',
      'C1 (DOJ)',
      'scope [U]',
      'summary [R2]',
      'guidance (S11)',
      'OFAC 50 % [U: not in the shared docs]',
      'S12 secondary',
    ]) {
      expect({ bad, leaks: LEAK.test(bad) }).toEqual({ bad, leaks: true });
    }
    for (const good of [
      '15 CFR 744.23(a)(3)',
      '88 FR 2821 (Jan 18 2023), FR Doc 2023-00888',
      'Supp. No. 8 to Part 740',
      'FinCEN/BIS joint notice FIN-2023-GLOBALEXPORT',
      'BIS guidance of May 13 2025',
      'S.3374',
    ]) {
      expect({ good, leaks: LEAK.test(good) }).toEqual({ good, leaks: false });
    }
  });

  it('every string in data/rules, data/cloud and data/catalog', () => {
    const files = [
      ...readdirSync(join(DATA, 'rules')).map((f) => join(DATA, 'rules', f)),
      ...readdirSync(join(DATA, 'cloud')).map((f) => join(DATA, 'cloud', f)),
      join(DATA, 'catalog', 'accelerators.json'),
    ].filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const found = files.flatMap((f) => leaks(f.slice(DATA.length), stringsOf(JSON.parse(readFileSync(f, 'utf8')))));
    expect(found).toEqual([]);
  });

  it('every reason code default citation, cloud citation and list consequence', () => {
    const found = [
      ...leaks('RULES_REASON_CODES', stringsOf(RULES_REASON_CODES)),
      ...leaks('cloud CITES', stringsOf(CITES)),
      ...leaks('LIST_CONSEQUENCES', stringsOf(LIST_CONSEQUENCES)),
      ...leaks('owners', [OFAC_50_PERCENT]),
    ];
    expect(found).toEqual([]);
  });

  it('every reason and basis of a sweep of classifications and licence determinations (each rule set, catalog entry, destination)', () => {
    const models: Item[] = [
      ...book.catalog.entries.map((e) => ({ model: e.id, quantity: 1 })),
      { model: 'Ascend 910D', quantity: 1 },
      { model: 'NVIDIA B40', quantity: 1 },
      { model: 'Zephyr XPU-9000', quantity: 1 },
      { model: 'H100 SXM5', quantity: 1, specs: { tpp: 1, datacenter: false } },
      { model: 'L20', quantity: 1, specs: { dieAreaMm2: 300 } },
      { model: 'HBM3E stack', kind: 'hbm', quantity: 1, specs: { hbm: { bandwidthGBs: 1200, areaMm2: 110 } } },
      { model: 'HBM stack', kind: 'hbm', quantity: 1 },
      { model: 'Custom', quantity: 1, specs: { tpp: 3000, datacenter: true } },
      { model: 'H100', quantity: 1, declaredEccn: '5A992.c' },
      { model: 'H20', quantity: 1, declaredEccn: 'EAR99' },
    ];
    const licenses: LicenseOnFile[][] = [
      [],
      [{ type: 'NAC', number: 'N1' }],
      [{ type: 'ACA', number: 'A1' }],
      [{ type: 'license', number: 'L1', validUntil: '2099-01-01' }],
      [{ type: 'license', number: 'L2', validUntil: '2020-01-01' }],
      [{ type: 'VEU', number: 'V1' }],
    ];
    const contexts: Partial<LicenseContext>[] = [
      {},
      { headquarters: [{ subject: 'endUser', country: 'CN', kind: 'headquarters' }] },
      { headquarters: [{ subject: 'endUser', country: 'CY', kind: 'headquarters' }] },
      { headquarters: [{ subject: 'endUser', country: 'US', kind: 'headquarters' }] },
      { parties: [{ subject: 'endUser', name: 'G42' }] },
      { endUse: 'teardown only' },
      { exportFrom: 'SG' },
    ];
    const dates = [...book.ruleSets.map((r) => r.effectiveFrom), '2027-05-01'];
    // every date classifies; the licence sweep runs on the dates where its rules differ most
    const licenseDates = new Set([
      '2022-10-07',
      '2023-01-17',
      '2023-11-17',
      '2024-04-04',
      '2024-12-02',
      '2025-05-13',
      '2025-09-29',
      '2026-01-15',
      '2026-07-10',
      '2026-11-10',
      '2027-05-01',
    ]);
    const seen = new Set<string>();
    const found: string[] = [];
    const note = (where: string, s: string | undefined) => {
      if (!s || seen.has(s)) return;
      seen.add(s);
      if (LEAK.test(s)) found.push(`${where}: ${s}`);
    };
    for (const date of dates) {
      for (const item of models) {
        const c = book.classifyItem(item, { date, index: 0 });
        note(`basis ${item.model}`, c.basis);
        for (const r of c.reasons) {
          note(`${r.code} citation`, r.citation);
          note(`${r.code} message`, r.message);
        }
        if (!licenseDates.has(date)) continue;
        for (const country of ['CN', 'MO', 'VN', 'SA', 'AE', 'CY', 'DE', 'IR', 'US']) {
          contexts.forEach((ctx, k) => {
            const lic = book.determineLicense(c, { date, destinations: [{ subject: 'shipTo', country }], licenses: licenses[k % licenses.length], ...ctx });
            for (const r of [...c.reasons, ...lic.reasons]) {
              note(`${r.code} citation`, r.citation);
              note(`${r.code} message`, r.message);
            }
          });
        }
      }
    }
    expect(seen.size).toBeGreaterThan(200);
    expect(found).toEqual([]);
  });

  it('every reason of a sweep of cloud customer decisions', () => {
    const match = (source: string, name: string) => fakeMatch(source, name, 0.97);
    const listed: Record<string, ScreeningMatch> = {
      'listed lab': match('EL', 'Listed Lab'),
      'blocked holding': match('SDN', 'Blocked Holding'),
      'maybe listed': { ...match('EL', 'Maybe'), score: 0.8 },
    };
    const screen = (q: PartyQuery): ScreeningResult =>
      listed[q.name.toLowerCase()] ? { status: 'match', matches: [listed[q.name.toLowerCase()]] } : { status: 'clear', matches: [] };
    const deps: CloudDeps = {
      rules: {
        countryGroups: (c, d) => book.countryGroups(c, d),
        isRestrictedForAdvancedComputing: (c, d) => book.isRestrictedForAdvancedComputing(c, d),
        isEmbargoed: (c, d) => book.isEmbargoed(c, d),
        isRestrictedHeadquarters: (c, d) => book.isRestrictedHeadquarters(c, d),
        classifyItem: (item, ctx) => book.classifyItem(item, ctx),
        rulesVersion: (d) => book.ruleSetFor(d).id,
        h100Tpp: () => book.h100Tpp(),
        affiliatesRule: (d) => book.affiliatesRule(d),
      },
      screen,
      lists: { sample: true, stale: [{ code: 'EL', asOf: '2026-01-01', ageDays: 300 }], maxAgeDays: 7, versionDates: {}, versionIds: {} },
      matchThreshold: 0.9,
      ownerScreenPercent: 25,
      trainingFlopThreshold: 1e26,
      conditions: loadConditions(DATA),
    };
    const base: CloudCustomerInput = {
      date: '2026-11-20',
      customer: { name: 'Clean Co', country: 'DE', headquartersCountry: 'DE' },
      dataCenterCountry: 'DE',
      accelerators: [{ model: 'H100', quantity: 64 }],
    };
    const inputs: Partial<CloudCustomerInput>[] = [
      {},
      {
        customer: {
          name: 'Shenzhen Cloud Pte',
          country: 'SG',
          headquartersCountry: 'CN',
          ultimateParentCountry: 'MO',
          ultimateParentName: 'Listed Lab',
          incorporatedOn: '2026-06-01',
          kind: 'cloud_provider',
        },
        intendedUse: 'training',
        trainingComputeFlop: 3e26,
        accessCountries: ['CN', 'IR'],
        anonymiserAccess: true,
        dataCenterCountry: 'MY',
        beneficialOwners: [
          { name: 'Listed Lab', ownershipPercent: 60 },
          { name: 'Blocked Holding', ownershipPercent: 30 },
          { name: 'Maybe Listed' },
          { name: 'Small Co', ownershipPercent: 5 },
        ],
        resellerFor: { name: 'Listed Lab', country: 'CN' },
        resellerDisclosesCustomers: false,
        payment: { payerName: 'Blocked Holding', originCountry: 'HK' },
        attributes: { ownersDisclosed: false, annualRevenueUsd: 1000, registeredActivity: 'real estate' },
      },
      {
        customer: { name: 'Solo Person', type: 'individual', country: 'RU' },
        dataCenterCountry: 'AE',
        accelerators: [
          { model: 'B200', quantity: 512 },
          { model: 'Zephyr X', quantity: 8 },
        ],
      },
    ];
    const found: string[] = [];
    for (const date of ['2025-10-15', '2026-08-20', '2026-11-20']) {
      for (const over of inputs) {
        const body = decideCustomer({ ...base, ...over, date }, { ...deps, params: CLOUD_PARAMS });
        for (const r of body.reasons as Reason[]) found.push(...leaks(`${r.code}`, [r.citation, r.message]));
        expect(body.reasons.length).toBeGreaterThan(0);
      }
    }
    expect([...new Set(found)]).toEqual([]);
  });
});

import { join } from 'path';
import type { Item } from '../common/order';
import type { Reason } from '../common/reason';
import { loadRuleBook } from '../rules';
import type { ItemClassification } from '../rules';
import type { PartyQuery, ScreeningMatch, ScreeningResult } from '../screening';
import { fakeMatch } from '../screening/fake-match.testing';
import type { ListState } from '../decision';
import {
  buildFacts,
  checkAccess,
  checkAnonymiser,
  checkCapacity,
  checkDataCenter,
  checkHeadquarters,
  checkLargeTraining,
  checkLicenseConditions,
  checkOwners,
  checkPayment,
  checkReseller,
  checkScreening,
  CLOUD_PARAMS,
  cloudRiskScore,
  CloudCustomerInput,
  CloudDeps,
  CloudFacts,
  CloudRules,
  computeCapacity,
  customerCategories,
  DataCenterCondition,
  decideCustomer,
} from '.';
import { loadConditions, parseConditions } from './datacenter-conditions';

// ------------------------------------------------------------------ fakes

const RULE_BOOK = loadRuleBook(join(__dirname, '..', '..', 'data'));

const GROUPS: Record<string, string[]> = {
  CN: ['D:1', 'D:4', 'D:5'],
  HK: ['D:1', 'D:4', 'D:5'],
  MO: ['D:1', 'D:4'],
  VN: ['D:1'],
  SA: ['D:4'],
  IR: ['D:1', 'D:4', 'D:5', 'E:1'],
  RU: ['D:1', 'D:4', 'D:5'],
  CY: ['D:5', 'A:6'],
  DE: ['A:5'],
  GB: ['A:5'],
  JP: ['A:5'],
  SG: ['A:6'],
  US: [],
  MY: [],
  AE: ['A:5'],
  NL: ['A:5'],
};
const EMBARGOED = ['IR', 'KP', 'CU', 'SY', 'RU', 'BY'];
const CATALOG: Record<string, { resolvedModel: string; tpp?: number; perUnit: number }> = {
  h100: { resolvedModel: 'NVIDIA H100 SXM5 80GB', tpp: 15832, perUnit: 1 },
  b200: { resolvedModel: 'NVIDIA B200 192GB', tpp: 36000, perUnit: 1 },
  'hgx h100': { resolvedModel: 'NVIDIA HGX H100 8-GPU baseboard', tpp: 15832, perUnit: 8 },
};

const fakeRules: CloudRules = {
  countryGroups: (c) => GROUPS[c] ?? [],
  isRestrictedForAdvancedComputing: (c) => {
    const g = GROUPS[c] ?? [];
    return c === 'MO' || (g.some((x) => ['D:1', 'D:4', 'D:5'].includes(x)) && !g.some((x) => ['A:5', 'A:6'].includes(x)));
  },
  isEmbargoed: (c) => EMBARGOED.includes(c),
  isRestrictedHeadquarters: (c) => c === 'MO' || (GROUPS[c] ?? []).includes('D:5'),
  classifyItem: (item: Item, ctx: { date: string; index?: number }): ItemClassification => {
    const hit = CATALOG[item.model.toLowerCase()];
    return {
      index: ctx.index ?? 0,
      kind: 'chip',
      acceleratorsPerUnit: hit?.perUnit ?? 1,
      eccn: hit ? '3A090.a' : 'UNKNOWN',
      tpp: hit?.tpp,
      resolvedModel: hit?.resolvedModel,
      basis: hit ? 'catalog' : 'not in catalog',
      unknown: !hit,
      rulesVersion: 'test',
      reasons: [],
    };
  },
  rulesVersion: () => '2026-07-10',
  h100Tpp: () => 15832,
  // the affiliates rule's dates come from the real rule data
  affiliatesRule: (d) => RULE_BOOK.affiliatesRule(d, 'in_force'),
};

/** names (lower case) that the fake lists know */
const LISTED: Record<string, ScreeningMatch> = {
  'listed lab': fakeMatch('EL', 'Listed Lab Co., Ltd.', 0.97),
  'blocked holding': fakeMatch('SDN', 'BLOCKED HOLDING LTD', 0.99),
  'maybe listed': fakeMatch('EL', 'Maybe Listed Ltd', 0.82),
};
const fakeScreen = (q: PartyQuery): ScreeningResult => {
  const m = LISTED[q.name.toLowerCase()];
  return m ? { status: m.score >= 0.9 ? 'match' : 'potential', matches: [m] } : { status: 'clear', matches: [] };
};

const LISTS: ListState = { sample: false, stale: [], maxAgeDays: 7, versionDates: { EL: '2026-07-09' }, versionIds: { EL: 1 } };

function deps(over: Partial<CloudDeps> = {}): CloudDeps {
  return {
    rules: fakeRules,
    screen: fakeScreen,
    lists: LISTS,
    matchThreshold: 0.9,
    ownerScreenPercent: 25,
    trainingFlopThreshold: 1e26,
    conditions: [],
    ...over,
  };
}

function input(over: Partial<CloudCustomerInput> = {}): CloudCustomerInput {
  return {
    date: '2026-08-20',
    customer: { name: 'Clean Co GmbH', country: 'DE', headquartersCountry: 'DE' },
    beneficialOwners: [{ name: 'Clean Holding AG', country: 'DE', ownershipPercent: 100 }],
    dataCenterCountry: 'DE',
    accelerators: [{ model: 'H100', quantity: 64 }],
    intendedUse: 'inference',
    ...over,
  };
}

function facts(i: CloudCustomerInput, d: CloudDeps = deps()): CloudFacts {
  const cap = computeCapacity(i, d, CLOUD_PARAMS);
  const screened = checkScreening(i, d, CLOUD_PARAMS);
  return buildFacts(i, d, CLOUD_PARAMS, cap.compute, screened.reasons);
}

const brief = (rs: Reason[]) => rs.map((r) => `${r.severity}:${r.code}:${r.subject}`);

// ------------------------------------------------------------------ compute

describe('computeCapacity', () => {
  it('adds TPP over lines and boards and converts to H100-equivalents', () => {
    const { compute, items, reasons } = computeCapacity(
      input({
        accelerators: [
          { model: 'H100', quantity: 10 },
          { model: 'HGX H100', quantity: 2 },
          { model: 'B200', quantity: 4 },
        ],
      }),
      deps(),
      CLOUD_PARAMS,
    );
    expect(compute.acceleratorCount).toBe(10 + 16 + 4);
    expect(compute.totalTpp).toBe(26 * 15832 + 4 * 36000);
    expect(compute.h100Equivalents).toBeCloseTo((26 * 15832 + 4 * 36000) / 15832, 2);
    expect(compute.accelerators[1]).toMatchObject({ acceleratorsPerUnit: 8, acceleratorCount: 16, tpp: 15832, totalTpp: 16 * 15832 });
    expect(compute.peakOpsPerSecond).toBeCloseTo((compute.totalTpp / 16) * 1e12);
    expect(items.every((it) => it.licenseRequired === false)).toBe(true);
    expect(reasons).toEqual([]);
  });

  it('an unknown accelerator is left out of the totals and held for review (fail closed)', () => {
    const { compute, reasons } = computeCapacity(
      input({
        accelerators: [
          { model: 'Mystery X1', quantity: 100 },
          { model: 'H100', quantity: 1 },
        ],
      }),
      deps(),
      CLOUD_PARAMS,
    );
    expect(compute.unknownTpp).toEqual([0]);
    expect(compute.totalTpp).toBe(15832);
    expect(brief(reasons)).toEqual(['review:CLOUD_ACCELERATOR_UNKNOWN:accelerators[0]']);
  });
});

// ------------------------------------------------------------------ screening

describe('checkScreening', () => {
  it('screens customer, its named parent, owners >= 25 % or of unknown share, the resold-to party and the payer', () => {
    const r = checkScreening(
      input({
        customer: { name: 'Clean Co', country: 'DE', ultimateParentName: 'Parent AG', ultimateParentCountry: 'DE' },
        beneficialOwners: [{ name: 'Big', ownershipPercent: 60 }, { name: 'Small', ownershipPercent: 10 }, { name: 'Unknown share' }],
        resellerFor: { name: 'Downstream Ltd' },
        payment: { payerName: 'Payer Ltd', originCountry: 'DE' },
      }),
      deps(),
      CLOUD_PARAMS,
    );
    expect(r.parties.map((p) => p.subject)).toEqual([
      'customer',
      'customer.ultimateParent',
      'beneficialOwners[0]',
      'beneficialOwners[2]',
      'resellerFor',
      'payment',
    ]);
    expect(brief(r.reasons)).toEqual(['info:CLOUD_OWNERS_NOT_SCREENED:customer']);
  });

  it('the owner share is configurable (OWNER_SCREEN_PERCENT)', () => {
    const r = checkScreening(input({ beneficialOwners: [{ name: 'Small', ownershipPercent: 10 }] }), deps({ ownerScreenPercent: 10 }), CLOUD_PARAMS);
    expect(r.parties.map((p) => p.subject)).toEqual(['customer', 'beneficialOwners[0]']);
  });

  it('a listed customer or resold-to party keeps the list consequence (deny)', () => {
    const r = checkScreening(input({ customer: { name: 'Listed Lab' }, resellerFor: { name: 'Listed Lab' } }), deps(), CLOUD_PARAMS);
    expect(brief(r.reasons)).toEqual(['deny:PARTY_LIST_MATCH:customer', 'deny:PARTY_LIST_MATCH:resellerFor']);
    expect(r.reasons[1].message).toMatch(/^Resold-to party "Listed Lab"/);
  });

  it('a minority owner on the Entity List is review, not deny', () => {
    const r = checkScreening(input({ beneficialOwners: [{ name: 'Listed Lab', ownershipPercent: 30 }] }), deps(), CLOUD_PARAMS);
    expect(brief(r.reasons)).toEqual(['review:PARTY_LIST_MATCH:beneficialOwners[0]']);
    expect(r.reasons[0].message).toMatch(/^Beneficial owner 1 .*minority owner \(30 %\)/);
    expect(r.reasons[0].evidence.listSeverity).toBe('deny');
  });

  it('a majority SDN owner is deny (OFAC 50 % rule)', () => {
    const r = checkScreening(input({ beneficialOwners: [{ name: 'Blocked Holding', ownershipPercent: 50 }] }), deps(), CLOUD_PARAMS);
    expect(brief(r.reasons)).toEqual(['deny:PARTY_LIST_MATCH:beneficialOwners[0]']);
    expect(r.reasons[0].citation).toMatch(/50 Percent/);
  });

  it('a majority Entity List owner follows the affiliates-rule dates: review while suspended, deny before and after', () => {
    const owner = { beneficialOwners: [{ name: 'Listed Lab', ownershipPercent: 75 }] };
    const during = checkScreening(input({ ...owner, date: '2026-08-20' }), deps(), CLOUD_PARAMS);
    expect(brief(during.reasons)).toEqual(['review:PARTY_LIST_MATCH:beneficialOwners[0]']);
    expect(during.reasons[0].message).toMatch(/suspended/);
    const before = checkScreening(input({ ...owner, date: '2025-10-15' }), deps(), CLOUD_PARAMS);
    expect(before.reasons[0].severity).toBe('deny');
    const after = checkScreening(input({ ...owner, date: '2026-12-01' }), deps(), CLOUD_PARAMS);
    expect(after.reasons[0].severity).toBe('deny');
    expect(after.reasons[0].evidence.uncertain).toBe(true);
    expect(after.reasons[0].message).toMatch(/uncertain.*AFFILIATES_RULE_AFTER_SUSPENSION=in_force/);
  });

  it('AFFILIATES_RULE_AFTER_SUSPENSION=suspended reads the uncertain period as still suspended (review) and says so', () => {
    const owner = { beneficialOwners: [{ name: 'Listed Lab', ownershipPercent: 75 }] };
    const rules: CloudRules = { ...fakeRules, affiliatesRule: (d) => RULE_BOOK.affiliatesRule(d, 'suspended') };
    const after = checkScreening(input({ ...owner, date: '2026-12-01' }), { ...deps(), rules }, CLOUD_PARAMS);
    expect(after.reasons[0].severity).toBe('review');
    expect(after.reasons[0].message).toMatch(/still suspended/);
    // the dated facts do not depend on the setting
    expect(checkScreening(input({ ...owner, date: '2025-10-15' }), { ...deps(), rules }, CLOUD_PARAMS).reasons[0].severity).toBe('deny');
  });

  it('a listed owner of unknown share is review, the share to be resolved', () => {
    const r = checkScreening(input({ beneficialOwners: [{ name: 'Listed Lab' }] }), deps(), CLOUD_PARAMS);
    expect(r.reasons[0].severity).toBe('review');
    expect(r.reasons[0].message).toMatch(/share is not stated/);
  });

  it('a possible match stays review', () => {
    const r = checkScreening(input({ customer: { name: 'Maybe Listed' } }), deps(), CLOUD_PARAMS);
    expect(brief(r.reasons)).toEqual(['review:PARTY_POSSIBLE_MATCH:customer']);
  });
});

// ------------------------------------------------------------------ headquarters

describe('checkHeadquarters (CLOUD_HQ_RESTRICTED)', () => {
  it('nothing for an allied-country customer', () => {
    expect(checkHeadquarters(facts(input()))).toEqual([]);
  });

  it('customer HQ in China and parent in Macau: one review reason naming both', () => {
    const r = checkHeadquarters(
      facts(input({ customer: { name: 'X', country: 'SG', headquartersCountry: 'CN', ultimateParentCountry: 'MO', ultimateParentName: 'X Macau Ltd' } })),
    );
    expect(brief(r)).toEqual(['review:CLOUD_HQ_RESTRICTED:customer']);
    expect(r[0].message).toMatch(/headquartered in CN .* and has its ultimate parent \("X Macau Ltd"\) headquartered in MO/);
    expect(r[0].citation).toMatch(/744\.23\(a\)\(3\)/);
    expect((r[0].evidence.findings as unknown[]).length).toBe(2);
  });

  it('Hong Kong and Cyprus (D:5, also A:6) headquarters count; the location stands in for a missing HQ', () => {
    expect(brief(checkHeadquarters(facts(input({ customer: { name: 'X', headquartersCountry: 'HK' } }))))).toEqual(['review:CLOUD_HQ_RESTRICTED:customer']);
    expect(brief(checkHeadquarters(facts(input({ customer: { name: 'X', headquartersCountry: 'CY' } }))))).toEqual(['review:CLOUD_HQ_RESTRICTED:customer']);
    const loc = checkHeadquarters(facts(input({ customer: { name: 'X', country: 'CN' } })));
    expect(loc[0].evidence.kind).toBe('location');
  });

  it('a majority owner or the resold-to party headquartered in D:5 counts; a minority owner does not', () => {
    const r = checkHeadquarters(
      facts(
        input({
          beneficialOwners: [
            { name: 'Owner A', country: 'CN', ownershipPercent: 51 },
            { name: 'Owner B', country: 'CN', ownershipPercent: 49 },
          ],
          resellerFor: { name: 'Down', country: 'SG', headquartersCountry: 'CN' },
        }),
      ),
    );
    expect(brief(r)).toEqual(['review:CLOUD_HQ_RESTRICTED:beneficialOwners[0]', 'review:CLOUD_HQ_RESTRICTED:resellerFor']);
    expect(r[0].message).toMatch(/^Beneficial owner 1 "Owner A" is a majority owner headquartered in CN/);
  });

  it('an embargoed headquarters is a deny', () => {
    expect(brief(checkHeadquarters(facts(input({ customer: { name: 'X', headquartersCountry: 'IR' } }))))).toEqual(['deny:CLOUD_HQ_RESTRICTED:customer']);
  });

  it('training and data-centre-operator notes appear where relevant', () => {
    const r = checkHeadquarters(facts(input({ intendedUse: 'training', customer: { name: 'X', headquartersCountry: 'CN', kind: 'data_center_operator' } })));
    expect(r[0].message).toMatch(/May 13 2025/);
    expect(r[0].message).toMatch(/bona fide data-centre operators/);
    expect(r[0].citation).toMatch(/May 31 2026/);
    const plain = checkHeadquarters(facts(input({ customer: { name: 'X', headquartersCountry: 'CN' } })));
    expect(plain[0].message).not.toMatch(/bona fide|May 13 2025/);
  });
});

// ------------------------------------------------------------------ large training

describe('checkLargeTraining (CLOUD_LARGE_TRAINING)', () => {
  const cn = { customer: { name: 'X', headquartersCountry: 'CN' }, intendedUse: 'training' as const };

  it('deny above the threshold for a D:5-headquartered customer, with the figure', () => {
    const r = checkLargeTraining(facts(input({ ...cn, trainingComputeFlop: 2e26 })));
    expect(brief(r)).toEqual(['deny:CLOUD_LARGE_TRAINING:customer']);
    expect(r[0].message).toMatch(/2\.00e26 operations \(above 1\.00e26\)/);
    expect(r[0].evidence).toMatchObject({ trainingComputeFlop: 2e26, thresholdFlop: 1e26 });
  });

  it('nothing below the threshold (the HQ reason still holds it)', () => {
    expect(checkLargeTraining(facts(input({ ...cn, trainingComputeFlop: 5e25 })))).toEqual([]);
  });

  it('the threshold is configurable (CLOUD_TRAINING_FLOP_THRESHOLD)', () => {
    expect(brief(checkLargeTraining(facts(input({ ...cn, trainingComputeFlop: 5e25 }), deps({ trainingFlopThreshold: 1e25 }))))).toEqual([
      'deny:CLOUD_LARGE_TRAINING:customer',
    ]);
  });

  it('review when no estimate is given and the cluster could pass the threshold in the window', () => {
    const big = checkLargeTraining(facts(input({ ...cn, accelerators: [{ model: 'B200', quantity: 20000 }] })));
    expect(brief(big)).toEqual(['review:CLOUD_LARGE_TRAINING:customer']);
    expect(big[0].evidence.clusterWindowOps as number).toBeGreaterThan(1e26);
    expect(checkLargeTraining(facts(input({ ...cn, accelerators: [{ model: 'H100', quantity: 64 }] })))).toEqual([]);
  });

  it('info only for an allied-country customer above the threshold', () => {
    expect(brief(checkLargeTraining(facts(input({ intendedUse: 'training', trainingComputeFlop: 3e26 }))))).toEqual(['info:CLOUD_LARGE_TRAINING:customer']);
  });
});

// ------------------------------------------------------------------ access, anonymisers

describe('checkAccess (CLOUD_ACCESS_RESTRICTED / CLOUD_ACCESS_MISMATCH)', () => {
  it('review for logins from restricted countries, naming the mismatch', () => {
    const r = checkAccess(facts(input({ accessCountries: ['DE', 'CN', 'VN'] })));
    expect(brief(r)).toEqual(['review:CLOUD_ACCESS_RESTRICTED:access']);
    expect(r[0].evidence).toMatchObject({ restricted: ['CN', 'VN'], embargoed: [], notHomeCountries: ['CN', 'VN'] });
  });

  it('deny for logins from an embargoed country; attributes.accessCountries count too', () => {
    const r = checkAccess(facts(input({ attributes: { accessCountries: ['IR'] } })));
    expect(brief(r)).toEqual(['deny:CLOUD_ACCESS_RESTRICTED:access']);
  });

  it('info for logins from unrelated but unrestricted countries', () => {
    expect(brief(checkAccess(facts(input({ accessCountries: ['DE', 'BR'] }))))).toEqual(['info:CLOUD_ACCESS_MISMATCH:access']);
    expect(checkAccess(facts(input({ accessCountries: ['DE'] })))).toEqual([]);
  });

  it('a customer or resold-to party located in a restricted country is treated as access from there', () => {
    const r = checkAccess(facts(input({ customer: { name: 'X', country: 'VN', headquartersCountry: 'US' }, resellerFor: { name: 'Y', country: 'SA' } })));
    expect(brief(r)).toEqual(['review:CLOUD_ACCESS_RESTRICTED:customer', 'review:CLOUD_ACCESS_RESTRICTED:resellerFor']);
  });
});

describe('checkAnonymiser (CLOUD_ANONYMISER_ACCESS)', () => {
  it('review only when anonymiser access is reported', () => {
    expect(brief(checkAnonymiser(facts(input({ anonymiserAccess: true }))))).toEqual(['review:CLOUD_ANONYMISER_ACCESS:access']);
    expect(checkAnonymiser(facts(input({ anonymiserAccess: false })))).toEqual([]);
  });
});

// ------------------------------------------------------------------ resellers

describe('checkReseller (CLOUD_RESELLER_UNDISCLOSED)', () => {
  it('review when the reseller will not name its customers', () => {
    expect(brief(checkReseller(facts(input({ resellerDisclosesCustomers: false }))))).toEqual(['review:CLOUD_RESELLER_UNDISCLOSED:customer']);
  });
  it('review for a reseller that names nobody; none when it names its customer or says it discloses', () => {
    const reseller = { name: 'R', country: 'SG', kind: 'reseller' as const };
    expect(brief(checkReseller(facts(input({ customer: reseller }))))).toEqual(['review:CLOUD_RESELLER_UNDISCLOSED:customer']);
    expect(checkReseller(facts(input({ customer: reseller, resellerFor: { name: 'Down' } })))).toEqual([]);
    expect(checkReseller(facts(input({ customer: reseller, resellerDisclosesCustomers: true })))).toEqual([]);
    expect(checkReseller(facts(input()))).toEqual([]);
  });
});

// ------------------------------------------------------------------ licence / VEU conditions

describe('checkLicenseConditions (CLOUD_LICENSE_CONDITION)', () => {
  const veu: DataCenterCondition = {
    id: 'VEU-1',
    dataCenterCountry: 'MY',
    dataCenterId: 'my-1',
    authorisation: 'DC VEU',
    reference: 'test',
    forbids: ['restricted_hq', 'd5_access'],
    severity: 'deny',
    from: '2024-10-02',
    to: null,
    citation: '15 CFR 748.15',
  };
  const countryWide: DataCenterCondition = {
    ...veu,
    id: 'LIC-AE',
    dataCenterCountry: 'AE',
    dataCenterId: null,
    forbids: ['restricted_access'],
    severity: 'review',
  };
  const d = deps({ conditions: [veu, countryWide] });

  it('deny when the customer falls in a forbidden category of the data centre it asks for', () => {
    const r = checkLicenseConditions(facts(input({ dataCenterCountry: 'MY', dataCenterId: 'MY-1', customer: { name: 'X', headquartersCountry: 'CN' } }), d));
    expect(brief(r)).toEqual(['deny:CLOUD_LICENSE_CONDITION:dataCenter']);
    expect(r[0].evidence).toMatchObject({ conditionId: 'VEU-1', violated: ['restricted_hq'] });
  });

  it('info when the conditions are met; nothing for another data centre or outside the dates', () => {
    expect(brief(checkLicenseConditions(facts(input({ dataCenterCountry: 'MY', dataCenterId: 'my-1' }), d)))).toEqual([
      'info:CLOUD_LICENSE_CONDITIONS_MET:dataCenter',
    ]);
    expect(
      checkLicenseConditions(facts(input({ dataCenterCountry: 'MY', dataCenterId: 'my-2', customer: { name: 'X', headquartersCountry: 'CN' } }), d)),
    ).toEqual([]);
    expect(
      checkLicenseConditions(
        facts(input({ date: '2024-01-01', dataCenterCountry: 'MY', dataCenterId: 'my-1', customer: { name: 'X', headquartersCountry: 'CN' } }), d),
      ),
    ).toEqual([]);
  });

  it('a row without dataCenterId applies to every data centre of its country, with its own severity', () => {
    const r = checkLicenseConditions(facts(input({ dataCenterCountry: 'AE', accessCountries: ['VN'] }), d));
    expect(brief(r)).toEqual(['review:CLOUD_LICENSE_CONDITION:dataCenter']);
  });

  it('customer categories', () => {
    const f = facts(input({ accessCountries: ['MO'], anonymiserAccess: true, resellerDisclosesCustomers: false, customer: { name: 'Listed Lab' } }));
    expect(customerCategories(f).sort()).toEqual(['anonymised_access', 'd5_access', 'listed_party', 'restricted_access', 'undisclosed_end_customers']);
    expect(customerCategories(facts(input()))).toEqual([]);
    // a minority owner's match is review, not a listed user of the hardware
    expect(customerCategories(facts(input({ beneficialOwners: [{ name: 'Listed Lab', ownershipPercent: 30 }] })))).toEqual([]);
  });

  it('the shipped data file loads and validates; a bad row is refused naming it', () => {
    const rows = loadConditions(join(__dirname, '..', '..', 'data'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.example === true)).toBe(true);
    expect(() => parseConditions([{ ...veu, forbids: ['martians'] }])).toThrow(/conditions\[0\] forbids/);
    expect(() => parseConditions([{ ...veu, dataCenterCountry: 'XX' }])).toThrow(/dataCenterCountry/);
    expect(loadConditions('/nonexistent')).toEqual([]);
  });
});

// ------------------------------------------------------------------ data centre, capacity, payment, owners

describe('checkDataCenter (CLOUD_DATACENTER_RESTRICTED)', () => {
  it('review in a restricted country, deny in an embargoed one, nothing elsewhere', () => {
    expect(brief(checkDataCenter(facts(input({ dataCenterCountry: 'VN' }))))).toEqual(['review:CLOUD_DATACENTER_RESTRICTED:dataCenter']);
    expect(brief(checkDataCenter(facts(input({ dataCenterCountry: 'RU' }))))).toEqual(['deny:CLOUD_DATACENTER_RESTRICTED:dataCenter']);
    expect(checkDataCenter(facts(input({ dataCenterCountry: 'SG' })))).toEqual([]);
  });
});

describe('checkCapacity (CLOUD_CAPACITY_MISMATCH)', () => {
  it('annual spend above the revenue', () => {
    const r = checkCapacity(facts(input({ accelerators: [{ model: 'H100', quantity: 100 }], attributes: { annualRevenueUsd: 1_000_000 } })));
    expect(brief(r)).toEqual(['review:CLOUD_CAPACITY_MISMATCH:customer']);
    expect(r[0].evidence).toMatchObject({ annualSpendUsd: 100 * 2 * 8760, annualRevenueUsd: 1_000_000 });
    expect(checkCapacity(facts(input({ accelerators: [{ model: 'H100', quantity: 100 }], attributes: { annualRevenueUsd: 50_000_000 } })))).toEqual([]);
  });
  it('unrelated registered activity, an individual, a new company with a large cluster', () => {
    expect(checkCapacity(facts(input({ attributes: { registeredActivity: 'general trading' } })))[0].message).toMatch(/general trading/);
    expect(checkCapacity(facts(input({ attributes: { registeredActivity: 'AI cloud services' } })))).toEqual([]);
    expect(checkCapacity(facts(input({ customer: { name: 'Jane Doe', type: 'individual' } })))[0].message).toMatch(/individual/);
    const young = { name: 'New Co', country: 'DE', incorporatedOn: '2026-05-01' };
    expect(checkCapacity(facts(input({ customer: young, accelerators: [{ model: 'H100', quantity: 1024 }] })))[0].message).toMatch(
      /incorporated on 2026-05-01/,
    );
    expect(checkCapacity(facts(input({ customer: young, accelerators: [{ model: 'H100', quantity: 64 }] })))).toEqual([]);
  });
});

describe('checkPayment (CLOUD_PAYMENT_RESTRICTED)', () => {
  it('review from a restricted country, deny from an embargoed one, nothing from an ally', () => {
    expect(brief(checkPayment(facts(input({ payment: { originCountry: 'HK' } }))))).toEqual(['review:CLOUD_PAYMENT_RESTRICTED:payment']);
    expect(brief(checkPayment(facts(input({ payment: { originCountry: 'IR' } }))))).toEqual(['deny:CLOUD_PAYMENT_RESTRICTED:payment']);
    expect(checkPayment(facts(input({ payment: { originCountry: 'DE' } })))).toEqual([]);
  });
});

describe('checkOwners (CLOUD_OWNERS_UNDISCLOSED)', () => {
  it('review when owners were refused; info when a company gave none; nothing for an individual', () => {
    expect(brief(checkOwners(facts(input({ attributes: { ownersDisclosed: false } }))))).toEqual(['review:CLOUD_OWNERS_UNDISCLOSED:customer']);
    expect(brief(checkOwners(facts(input({ beneficialOwners: [] }))))).toEqual(['info:CLOUD_OWNERS_NOT_PROVIDED:customer']);
    expect(checkOwners(facts(input({ beneficialOwners: [], customer: { name: 'Jane', type: 'individual' } })))).toEqual([]);
  });
});

// ------------------------------------------------------------------ the whole decision

describe('decideCustomer', () => {
  it('a clean allied-country customer is allow with a low score', () => {
    const d = decideCustomer(input(), deps());
    expect(d.decision).toBe('allow');
    expect(d.riskScore).toBeLessThanOrEqual(20);
    expect(d.rulesVersion).toBe('2026-07-10');
    expect(d.listVersions).toEqual({ EL: '2026-07-09' });
    expect(d.compute.h100Equivalents).toBe(64);
  });

  it('fails closed on a sample-only list', () => {
    const d = decideCustomer(input(), deps({ lists: { ...LISTS, sample: true } }));
    expect(d.decision).toBe('review');
    expect(d.reasons[0].code).toBe('LISTS_SAMPLE_ONLY');
  });

  it('most severe first, deterministic for the same input', () => {
    const i = input({
      customer: { name: 'X', headquartersCountry: 'CN' },
      intendedUse: 'training',
      trainingComputeFlop: 5e26,
      accessCountries: ['CN'],
      payment: { originCountry: 'HK' },
    });
    const a = decideCustomer(i, deps());
    expect(a.decision).toBe('deny');
    expect(a.reasons[0].severity).toBe('deny');
    expect(a.riskScore).toBeGreaterThanOrEqual(90);
    expect(decideCustomer(i, deps())).toEqual(a);
  });
});

describe('cloudRiskScore', () => {
  const r = (code: string, severity: Reason['severity']): Reason => ({ code, severity, message: '', citation: '', subject: 'customer', evidence: {} });
  it('floors and caps like the transaction score', () => {
    expect(cloudRiskScore([])).toBe(0);
    expect(cloudRiskScore([r('CLOUD_LARGE_TRAINING', 'info')])).toBeLessThanOrEqual(20);
    expect(cloudRiskScore([r('CLOUD_PAYMENT_RESTRICTED', 'review')])).toBe(30);
    expect(cloudRiskScore([r('SOMETHING_ELSE', 'review')])).toBe(25);
    expect(cloudRiskScore([r('CLOUD_LICENSE_CONDITION', 'deny')])).toBe(90);
    expect(cloudRiskScore([r('LISTS_SAMPLE_ONLY', 'review')])).toBe(0);
    const many = cloudRiskScore([r('CLOUD_HQ_RESTRICTED', 'review'), r('CLOUD_ACCESS_RESTRICTED', 'review'), r('CLOUD_ANONYMISER_ACCESS', 'review')]);
    expect(many).toBeGreaterThan(60);
    expect(many).toBeLessThan(100);
  });
});

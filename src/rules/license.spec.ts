import { join } from 'path';
import type { LicenseOnFile } from '../common/order';
import { loadRuleBook } from './index';
import { licenseChecker } from './license-check.testing';
import type { LicenseContext } from './types';

const book = loadRuleBook(join(__dirname, '..', '..', 'data'));
const NOW = '2026-08-01';

const check = licenseChecker(book, NOW);

describe('country groups (dated)', () => {
  it('Nicaragua joins D:1 and D:5 on 2024-03-15', () => {
    expect(book.countryGroups('NI', '2024-03-14')).toEqual([]);
    expect(book.isRestrictedForAdvancedComputing('NI', '2024-03-14')).toBe(false);
    expect(book.countryGroups('NI', '2024-03-15')).toEqual(['D:1', 'D:5']);
    expect(book.isRestrictedForAdvancedComputing('NI', '2024-03-15')).toBe(true);
    expect(book.ruleSetFor('2024-03-15').id).toBe('2024-03-15');
  });
  it('Cambodia leaves D:5 on 2026-02-03 but stays a licence destination (D:1)', () => {
    expect(book.isArmsEmbargoed('KH', '2026-02-02')).toBe(true);
    expect(book.isArmsEmbargoed('KH', '2026-02-03')).toBe(false);
    expect(book.isRestrictedForAdvancedComputing('KH', '2026-02-03')).toBe(true);
  });
  it('UAE moves from D:3/D:4 to A:5 on 2026-07-10', () => {
    expect(book.countryGroups('AE', '2026-07-09')).toEqual(['D:3', 'D:4']);
    expect(book.isRestrictedForAdvancedComputing('AE', '2026-07-09')).toBe(true);
    expect(book.countryGroups('AE', '2026-07-10')).toEqual(['A:5']);
    expect(book.isRestrictedForAdvancedComputing('AE', '2026-07-10')).toBe(false);
  });
  it('Hong Kong is China; Macau is named; A:6 members are carved out', () => {
    expect(book.countryGroups('HK', NOW)).toEqual(book.countryGroups('CN', NOW));
    expect(book.isRestrictedForAdvancedComputing('HK', NOW)).toBe(true);
    expect(book.isRestrictedForAdvancedComputing('MO', NOW)).toBe(true);
    expect(book.isRestrictedForAdvancedComputing('IL', NOW)).toBe(false); // D:4 and A:6
    expect(book.isRestrictedForAdvancedComputing('CY', NOW)).toBe(false); // D:5 and A:6
    expect(book.isRestrictedForAdvancedComputing('SA', NOW)).toBe(true);
    expect(book.isRestrictedForAdvancedComputing('DE', NOW)).toBe(false);
    expect(book.isRestrictedForAdvancedComputing('US', NOW)).toBe(false);
  });
  it('2022 scope was China and Macau only', () => {
    expect(book.isRestrictedForAdvancedComputing('SA', '2023-01-01')).toBe(false);
    expect(book.isRestrictedForAdvancedComputing('CN', '2023-01-01')).toBe(true);
  });
  it('embargoes, arms embargo and hubs', () => {
    for (const c of ['CU', 'IR', 'KP', 'SY', 'RU', 'BY']) expect(book.isEmbargoed(c, NOW)).toBe(true);
    expect(book.isEmbargoed('CN', NOW)).toBe(false);
    expect(book.isArmsEmbargoed('CN', NOW)).toBe(true);
    expect(book.isArmsEmbargoed('SG', NOW)).toBe(false);
    expect(book.isTransshipmentHub('sg')).toBe(true);
    expect(book.isTransshipmentHub('MY')).toBe(true);
    expect(book.isTransshipmentHub('DE')).toBe(false);
    expect(book.isRestrictedHeadquarters('CN', NOW)).toBe(true);
    expect(book.isRestrictedHeadquarters('MO', NOW)).toBe(true);
    expect(book.isRestrictedHeadquarters('MY', NOW)).toBe(false);
  });
});

describe('rule sets', () => {
  it('the date selects the rule set; its id is the rules version', () => {
    expect(book.ruleSetFor(NOW).id).toBe('2026-07-10');
    expect(book.ruleSetFor('2026-07-09').id).toBe('2026-02-03');
    expect(book.ruleSetFor('2025-06-01').id).toBe('2025-05-13');
    expect(book.ruleSetFor('2020-01-01').id).toBe('2022-10-07');
    expect(book.determineLicense(book.classifyItem({ model: 'L4', quantity: 1 }, { date: NOW }), { date: NOW, destinations: [] }).rulesVersion).toBe(
      '2026-07-10',
    );
  });
  it('carries citations of every row in force', () => {
    expect(book.ruleSetFor(NOW).citations.join(' ')).toMatch(/2023-23055.*2026-00789.*2026-14132/);
  });
});

describe('destination licence', () => {
  it('H100 to China before the Jan 2026 tier: licence, presumption of denial, no exception -> deny', () => {
    const r = check('H100', 'CN', { date: '2025-06-01' });
    expect(r.lic).toMatchObject({ licenseRequired: true, licenseExceptions: [], reviewPolicy: 'presumption_of_denial' });
    expect(r.codes).toContain('LICENSE_REQUIRED:deny');
    expect(r.outcome).toBe('deny');
    expect(r.lic.reasons.find((x) => x.code === 'LICENSE_REQUIRED')!.citation).toMatch(/742\.6\(a\)\(6\)/);
  });
  it('H200 to China from the US after Jan 15 2026: case-by-case tier -> review', () => {
    const r = check('H200', 'CN');
    expect(r.lic.reviewPolicy).toBe('case_by_case');
    expect(r.codes).toEqual(expect.arrayContaining(['LICENSE_REQUIRED:review', 'CASE_BY_CASE_TIER_2026:info']));
    expect(r.outcome).toBe('review');
  });
  it('the tier does not cover re-exports, B200 or parts above 6,500 GB/s', () => {
    expect(check('H200', 'CN', { exportFrom: 'SG' }).outcome).toBe('deny');
    expect(check('B200', 'CN').outcome).toBe('deny');
    expect(check('MI325X', 'CN').outcome).toBe('review'); // 6,000 GB/s, TPP 20,919
    expect(check('MI355X', 'CN').outcome).toBe('deny');
  });
  it('presumption of approval for a US-headquartered end user in China', () => {
    const r = check('H100', 'CN', { date: '2025-06-01', headquarters: [{ subject: 'endUser', country: 'US', kind: 'headquarters' }] });
    expect(r.lic.reviewPolicy).toBe('presumption_of_approval');
    expect(r.outcome).toBe('review');
  });
  it('RTX 4090 (non-datacenter 3A090.a) to China: licence or NAC -> review', () => {
    const r = check('RTX 4090', 'CN');
    expect(r.lic).toMatchObject({ licenseRequired: true, licenseExceptions: ['NAC'], reviewPolicy: 'case_by_case' });
    expect(r.codes).toEqual(expect.arrayContaining(['LICENSE_REQUIRED:review', 'NAC_ELIGIBLE:info']));
  });
  it('RTX 4090 to Saudi Arabia (D:4, not D:5): ACA', () => {
    expect(check('RTX 4090', 'SA').lic.licenseExceptions).toEqual(['ACA']);
  });
  it('before the Apr 2024 split NAC covered every licence destination', () => {
    expect(check('RTX 4090', 'SA', { date: '2024-01-10' }).lic.licenseExceptions).toEqual(['NAC']);
  });
  it('RTX 4090D is not caught (Note 2) and L4 to Germany needs nothing', () => {
    expect(check('RTX 4090D', 'CN')).toMatchObject({ outcome: 'allow', codes: ['NOT_CONTROLLED:info'] });
    const l4 = check('L4', 'DE');
    expect(l4.lic.licenseRequired).toBe(false);
    expect(l4.codes).toEqual(['NOT_CONTROLLED:info']);
  });
  it('3A090.c HBM to China: licence (presumption of denial, [U]); HBM exception under 3.3 GB/s/mm²', () => {
    const r = check({ model: 'HBM stack', kind: 'hbm', quantity: 1, specs: { hbm: { bandwidthGBs: 330, areaMm2: 110 } } }, 'CN');
    expect(r.codes).toContain('LICENSE_REQUIRED_HBM:deny');
    expect(r.lic.licenseExceptions).toEqual(['HBM']);
  });
});

describe('headquarters rule (742.6(a)(6)(iii)(A), 744.23(a)(3))', () => {
  const cnHq: LicenseContext['headquarters'] = [{ subject: 'endUser', country: 'CN', kind: 'ultimateParent' }];
  it('a Chinese-parented company in Malaysia: H100 needs a licence, presumption of denial', () => {
    const r = check('H100', 'MY', { headquarters: cnHq });
    expect(r.codes).toContain('LICENSE_REQUIRED_HQ:deny');
    expect(r.lic.reasons[0].message).toMatch(/ultimate parent headquartered in China/);
  });
  it('the same company buying RTX 4090s: licence or NAC -> review', () => {
    const r = check('RTX 4090', 'MY', { headquarters: cnHq });
    expect(r.codes).toContain('LICENSE_REQUIRED_HQ:review');
    expect(r.lic.licenseExceptions).toEqual(['NAC']);
  });
  it('a Malaysian company with a US parent: no licence', () => {
    expect(check('H100', 'MY', { headquarters: [{ subject: 'endUser', country: 'US', kind: 'ultimateParent' }] }).outcome).toBe('allow');
  });
  it('Macau counts as a headquarters place', () => {
    expect(check('H100', 'DE', { headquarters: [{ subject: 'buyer', country: 'MO', kind: 'headquarters' }] }).outcome).toBe('deny');
  });
});

describe('letters, GP10, embargo, unknown items', () => {
  it('H20 to China: is-informed letter -> review (from Apr 14 2025)', () => {
    const r = check('H20', 'CN');
    expect(r.lic.licenseRequired).toBe(true);
    expect(r.codes).toContain('INFORMED_LETTER_ITEM:review');
    expect(r.outcome).toBe('review');
    expect(check('H20', 'CN', { date: '2025-04-13' }).outcome).toBe('allow');
    expect(check('H20', 'DE').outcome).toBe('allow');
  });
  it('H20 to a Chinese-headquartered buyer in Singapore: letter review', () => {
    expect(check('H20', 'SG', { headquarters: [{ subject: 'endUser', country: 'CN', kind: 'headquarters' }] }).codes).toContain('INFORMED_LETTER_ITEM:review');
  });
  it('a custom part with the H20 memory bandwidth is letter-equivalent', () => {
    const r = check({ model: 'Custom X', quantity: 1, specs: { tpp: 1000, dieAreaMm2: 800, datacenter: true, memoryBandwidthGBs: 4000 } }, 'CN');
    expect(r.codes).toContain('INFORMED_LETTER_ITEM:review');
  });
  it('MI308X to China: unknown figures and the AMD letter -> review, never allow', () => {
    const r = check('MI308X', 'CN');
    expect(r.codes).toEqual(expect.arrayContaining(['ITEM_SPECS_INCOMPLETE:review', 'INFORMED_LETTER_ITEM:review']));
    expect(r.outcome).toBe('review');
  });
  it('Huawei Ascend: GP10 deny anywhere, from the May 13 2025 guidance', () => {
    expect(check('Ascend 910B', 'DE').codes).toContain('GP10_ADVANCED_COMPUTING_ICS:deny');
    expect(check('Ascend 910C', 'US').outcome).toBe('deny');
    expect(check('Ascend 910B', 'DE', { date: '2025-05-12' }).codes).not.toContain('GP10_ADVANCED_COMPUTING_ICS:deny');
  });
  it('embargoed destinations deny even below-threshold items', () => {
    expect(check('H100', 'IR').codes).toContain('EMBARGOED_DESTINATION:deny');
    expect(check('L2', 'RU').outcome).toBe('deny');
    expect(check('L2', 'RU', { date: '2022-01-01' }).outcome).toBe('allow');
  });
  it('an unknown item fails closed: review where a licence could apply', () => {
    expect(check('Zorblax 9000', 'CN').codes).toEqual(expect.arrayContaining(['UNKNOWN_ITEM:review', 'LICENSE_MAY_BE_REQUIRED:review']));
    expect(check('Zorblax 9000', 'CN').outcome).toBe('review');
    expect(check('Zorblax 9000', 'DE').outcome).toBe('review');
  });
});

describe('UAE rule (91 FR 43034)', () => {
  it('licence to the UAE except approved parties', () => {
    expect(check('H100', 'AE').codes).toContain('LICENSE_REQUIRED_UAE:review');
    const core42 = check('H100', 'AE', { parties: [{ subject: 'endUser', name: 'Core42 Technologies LLC' }] });
    expect(core42.codes).toContain('UAE_APPROVED_PARTY:info');
    // an approved party gets License Exception STA with conditions (15 CFR 740.20), not "no licence needed"
    expect(core42.lic.licenseExceptions).toEqual(['STA']);
    expect(core42.codes).toContain('STA_ELIGIBLE:info');
    expect(core42.outcome).toBe('review');
    // Supp. 8 authorisation expires 2027-04-06
    expect(check('H100', 'AE', { date: '2027-04-06', parties: [{ subject: 'endUser', name: 'Core42 Technologies LLC' }] }).codes).toContain(
      'LICENSE_REQUIRED_UAE:review',
    );
  });
  it('a US AI firm must be US-headquartered to use the carve-out', () => {
    const parties = [{ subject: 'endUser', name: 'Microsoft Gulf FZ-LLC' }];
    expect(check('H100', 'AE', { parties }).codes).toContain('LICENSE_REQUIRED_UAE:review');
    const usHq = check('H100', 'AE', { parties, headquarters: [{ subject: 'endUser', country: 'US', kind: 'ultimateParent' }] });
    expect(usHq.codes).toContain('UAE_APPROVED_PARTY:info');
    expect(usHq.lic.licenseExceptions).toEqual(['STA']);
    expect(usHq.outcome).toBe('review');
  });
  it('before the rule the UAE was D:4: ordinary destination licence', () => {
    expect(check('H100', 'AE', { date: '2026-07-09' }).codes).toContain('LICENSE_REQUIRED:review');
  });
});

describe('licences and exceptions on file', () => {
  const date = '2025-06-01';
  const lic = (l: LicenseOnFile[]) => ({ date, licenses: l });
  it('a valid licence clears the requirement (info LICENSE_ON_FILE)', () => {
    const r = check('H100', 'CN', lic([{ type: 'license', number: 'D1234567', validUntil: '2026-01-01' }]));
    expect(r.outcome).toBe('allow');
    expect(r.codes).toEqual(expect.arrayContaining(['LICENSE_REQUIRED:info', 'LICENSE_ON_FILE:info']));
    expect(r.lic.licenseRequired).toBe(true);
  });
  it('a VEU valid on the day counts too', () => {
    expect(check('H100', 'CN', lic([{ type: 'VEU', number: 'VEU-1', validUntil: date }])).outcome).toBe('allow');
  });
  it('an expired licence does not count, and says so', () => {
    const r = check('H100', 'CN', lic([{ type: 'license', number: 'D1', validUntil: '2025-05-31' }]));
    expect(r.outcome).toBe('deny');
    expect(r.codes).toContain('LICENSE_EXPIRED:info');
  });
  it('a licence without validUntil is not counted', () => {
    const r = check('H100', 'CN', lic([{ type: 'license', number: 'D2' }]));
    expect(r.outcome).toBe('deny');
    expect(r.codes).toContain('LICENSE_UNVERIFIED:info');
  });
  it('a NAC notification turns an eligible requirement into review, never allow', () => {
    const r = check('RTX 4090', 'CN', lic([{ type: 'NAC', number: 'NAC-1' }]));
    expect(r.codes).toEqual(expect.arrayContaining(['LICENSE_REQUIRED:review', 'NAC_NOTIFIED:review']));
    expect(r.outcome).toBe('review');
  });
  it('NAC does not cover a datacenter 3A090.a item', () => {
    const r = check('H100', 'CN', lic([{ type: 'NAC', number: 'NAC-1' }]));
    expect(r.outcome).toBe('deny');
    expect(r.codes).toContain('LICENSE_EXCEPTION_NOT_ELIGIBLE:info');
  });
  it('ACA claimed for a D:1 destination: review', () => {
    expect(check('RTX 4090', 'VN', lic([{ type: 'ACA' }])).codes).toContain('ACA_CLAIMED:review');
  });
  it('a licence never clears GP10 or an embargo', () => {
    const l = lic([{ type: 'license', number: 'X', validUntil: '2030-01-01' }]);
    expect(check('Ascend 910B', 'DE', l).outcome).toBe('deny');
    expect(check('H100', 'IR', l).outcome).toBe('deny');
  });
});

describe('reasons', () => {
  it('every reason has a known code, a sentence, a citation and the item subject', () => {
    const { RULES_REASON_CODES } = require('./reason-codes');
    const all = [
      check('H100', 'CN', { date: '2025-06-01' }),
      check('RTX 4090', 'MY', { headquarters: [{ subject: 'endUser', country: 'CN', kind: 'headquarters' }] }),
      check('Zorblax', 'CN'),
      check('L4', 'DE'),
      check('H100', 'IR'),
    ].flatMap((r) => r.reasons);
    for (const r of all) {
      expect(RULES_REASON_CODES[r.code]).toBeDefined();
      expect(RULES_REASON_CODES[r.code].severity).toContain(r.severity);
      expect(r.message.length).toBeGreaterThan(10);
      expect(r.citation).toMatch(/CFR|FR|Supp/);
      expect(r.subject).toBe('items[0]');
    }
  });
});

describe('edge cases of the HQ rule and GP10', () => {
  it('an end user headquartered in Cyprus (D:5 and A:6) gets a presumption of approval: review, not deny', () => {
    const cy = check('H100 SXM5 80GB', 'CY', { headquarters: [{ subject: 'endUser', country: 'CY', kind: 'headquarters' }] });
    expect(cy.lic.reviewPolicy).toBe('presumption_of_approval');
    expect(cy.outcome).toBe('review');
    const cn = check('H100 SXM5 80GB', 'MY', { headquarters: [{ subject: 'endUser', country: 'CN', kind: 'headquarters' }] });
    expect(cn.lic.reviewPolicy).toBe('presumption_of_denial');
    expect(cn.outcome).toBe('deny');
  });

  it('Huawei Ascend is a GP10 deny unless the declared end use is teardown / evaluation (then review)', () => {
    expect(check('Ascend 910B', 'DE').codes).toContain('GP10_ADVANCED_COMPUTING_ICS:deny');
    const teardown = check('Ascend 910B', 'DE', { endUse: 'Teardown and destructive testing only' });
    expect(teardown.codes).toContain('GP10_ADVANCED_COMPUTING_ICS:review');
    expect(teardown.outcome).toBe('review');
  });
});

/**
 * Issue 12 (law part): each block is a bug that was answered wrongly before, with the public rule that decides it.
 */
import { join } from 'path';
import { classifyRequest } from './classify-request';
import { loadRuleBook } from './index';
import { licenseChecker } from './license-check.testing';

const book = loadRuleBook(join(__dirname, '..', '..', 'data'));
const NOW = '2026-11-20';

const check = licenseChecker(book, NOW);

describe('specs never make a catalog part less controlled (API.md Item `specs`, SPECS_CONFLICT)', () => {
  it('"specs": {"tpp": 1} on H100 SXM5 to China stays 3A090.a and deny, with SPECS_CONFLICT review', () => {
    const r = check({ model: 'H100 SXM5 80GB', quantity: 8, specs: { tpp: 1 } }, 'CN', { date: '2025-06-01' });
    expect(r.c).toMatchObject({ catalogId: 'nvidia-h100-sxm5-80gb', eccn: '3A090.a', tpp: 15832 });
    expect(r.codes).toContain('SPECS_CONFLICT:review');
    expect(r.outcome).toBe('deny');
    expect(r.reasons.find((x) => x.code === 'SPECS_CONFLICT')!.message).toMatch(/tpp 1 given, catalog 15832/);
  });
  it('a datacenter part declared non-datacenter does not open NAC/ACA', () => {
    const r = check({ model: 'H100 PCIe', quantity: 1, specs: { datacenter: false } }, 'SA');
    expect(r.c.datacenter).toBe(true);
    expect(r.lic.licenseExceptions).toEqual([]);
    expect(r.codes).toContain('SPECS_CONFLICT:review');
  });
  it('a lower memory bandwidth cannot bring a B200 into the Jan 2026 case-by-case tier', () => {
    const r = check({ model: 'B200', quantity: 1, specs: { tpp: 15000, memoryBandwidthGBs: 3000 } }, 'CN');
    expect(r.c).toMatchObject({ tpp: 36000, memoryBandwidthGBs: 7700 });
    expect(r.codes).not.toContain('CASE_BY_CASE_TIER_2026:info');
    expect(r.outcome).toBe('deny');
  });
  it('a larger die area cannot lower the PD of an L4 below 5.92', () => {
    const r = check({ model: 'L4', quantity: 1, specs: { dieAreaMm2: 2000 } }, 'CN');
    expect(r.c.eccn).toBe('3A090.a');
    expect(r.codes).toContain('SPECS_CONFLICT:review');
  });
  it('stricter specs stand (info), as before: L20 with a smaller die is 3A090.a', () => {
    const r = check({ model: 'L20', quantity: 1, specs: { dieAreaMm2: 300 } }, 'DE');
    expect(r.c).toMatchObject({ eccn: '3A090.a', performanceDensity: 6.37 });
    expect(r.codes).toContain('SPECS_CONFLICT:info');
    expect(r.codes).not.toContain('SPECS_CONFLICT:review');
  });
  it('specs that agree with the catalog (rounding) are no conflict', () => {
    const r = check({ model: 'H100 SXM5', quantity: 1, specs: { tpp: 15830, memoryBandwidthGBs: 3350 } }, 'DE');
    expect(r.codes.filter((x) => x.startsWith('SPECS_CONFLICT'))).toEqual([]);
    expect(r.outcome).toBe('allow');
  });
  it('a part the catalog does not know is classified on its specs alone', () => {
    const r = check({ model: 'Custom ASIC Q', quantity: 1, specs: { tpp: 1 } }, 'CN');
    expect(r.c.eccn).toBe('EAR99/NOT_3A090');
    expect(r.codes.filter((x) => x.startsWith('SPECS_CONFLICT'))).toEqual([]);
  });
  it('POST /v1/items/classify logic: the same through classifyRequest', () => {
    const res = classifyRequest(book, { items: [{ model: 'H100 SXM5 80GB', quantity: 1, specs: { tpp: 1 } }], destination: 'CN', date: '2025-06-01' });
    expect(res.items[0]).toMatchObject({ eccn: '3A090.a', tpp: 15832, licenseRequired: true, reviewPolicy: 'presumption_of_denial' });
    expect(res.items[0].reasons.map((r) => r.code)).toContain('SPECS_CONFLICT');
  });
});

describe('headquarters rule in D:1 / D:4 destinations (742.6(a)(6)(iii)(A), 744.23(a)(3), 744.23(d), 740.8)', () => {
  const cnHq = (subject = 'endUser') => ({ headquarters: [{ subject, country: 'CN', kind: 'headquarters' as const }] });
  it.each([['VN'], ['KZ'], ['SA']])('a PRC-headquartered firm located in %s buying H100: presumption of denial (deny), not case-by-case', (country) => {
    const r = check('H100 SXM5', country, cnHq());
    expect(r.codes).toContain('LICENSE_REQUIRED_HQ:deny');
    expect(r.lic.reviewPolicy).toBe('presumption_of_denial');
    expect(r.outcome).toBe('deny');
  });
  it('the Jan 2026 case-by-case tier does not reach a PRC-headquartered firm outside China (H200 to Vietnam)', () => {
    const r = check('H200 SXM', 'VN', cnHq());
    expect(r.outcome).toBe('deny');
  });
  it('RTX 4090 to a Macau-headquartered firm in Vietnam: NAC, never ACA', () => {
    const r = check('RTX 4090', 'VN', { headquarters: [{ subject: 'endUser', country: 'MO', kind: 'ultimateParent' }] });
    expect(r.lic.licenseExceptions).toEqual(['NAC']);
    expect(r.codes).toContain('LICENSE_REQUIRED_HQ:review');
    expect(r.codes).not.toContain('ACA_ELIGIBLE:info');
  });
  it('an ACA claim on file for such a firm does not cover it', () => {
    const r = check('RTX 4090', 'KZ', { ...cnHq(), licenses: [{ type: 'ACA', number: 'ACA-1' }] });
    expect(r.codes).toContain('LICENSE_EXCEPTION_NOT_ELIGIBLE:info');
    expect(r.codes).not.toContain('ACA_CLAIMED:review');
  });
  it('unchanged: a Vietnamese firm with a Vietnamese parent gets case-by-case and ACA for a 3A090.b / consumer part', () => {
    const r = check('RTX 4090', 'VN', { headquarters: [{ subject: 'endUser', country: 'VN', kind: 'headquarters' }] });
    expect(r.lic.licenseExceptions).toEqual(['ACA']);
    expect(r.outcome).toBe('review');
  });
  it('unchanged: a PRC firm in China keeps the destination policy (Jan 2026 tier), no second HQ requirement', () => {
    const r = check('H200 SXM', 'CN', cnHq());
    expect(r.codes).not.toContain('LICENSE_REQUIRED_HQ:deny');
    expect(r.codes).toContain('CASE_BY_CASE_TIER_2026:info');
  });
});

describe('catalog figures with their public sources (and the classifications that depend on them)', () => {
  const view = (id: string, date = NOW) => book.acceleratorView(id, date)!;
  it('B200: 7.7 TB/s memory bandwidth (NVIDIA HGX B200: 62 TB/s over 8 GPUs); still above the Jan 2026 tier', () => {
    expect(view('nvidia-b200').memory?.bandwidthGBs).toBe(7700);
    expect(view('nvidia-b200').sources.memory).toMatch(/7\.7 TB\/s/);
    expect(check('B200', 'CN').outcome).toBe('deny');
  });
  it('B300: dense FP4 14 PF per GPU -> TPP 56,000 (3A090.a)', () => {
    expect(view('nvidia-b300')).toMatchObject({ tpp: 56000, eccn: '3A090.a' });
  });
  it('Gaudi 2 / 3: interconnect as the two-way total, so the 2022 rule (>= 600 GB/s bidirectional) catches Gaudi 2', () => {
    expect(view('intel-gaudi2').interconnectGBs).toBe(600);
    expect(view('intel-gaudi3').interconnectGBs).toBe(1200);
    expect(view('intel-gaudi2', '2023-06-01')).toMatchObject({ eccn: '3A090.a' });
    expect(view('intel-gaudi3', '2023-06-01')).toMatchObject({ eccn: '3A090.a' });
  });
  it('Ascend 910B: FP16 about 320 TFLOPS, marked uncertain -> TPP 5,120 (still 3A090-class)', () => {
    const v = view('huawei-ascend-910b');
    expect(v).toMatchObject({ tpp: 5120, eccn: '3A090.a' });
    expect(v.uncertain).toContain('denseTops');
  });
});

describe('a server named by its GPU resolves to that GPU variant (catalog resolution)', () => {
  it('"Supermicro SYS-821GE-TNHR (HGX H200 8-GPU)" -> the server with 8 x H200, not an unknown item', () => {
    const c = book.classifyItem({ model: 'Supermicro SYS-821GE-TNHR (HGX H200 8-GPU)', quantity: 2 }, { date: NOW });
    expect(c).toMatchObject({
      catalogId: 'supermicro-sys-821ge-tnhr',
      kind: 'server',
      acceleratorsPerUnit: 8,
      eccn: '4A090.a',
      unknown: false,
      memoryBandwidthGBs: 4800,
    });
    expect(c.resolvedModel).toMatch(/8 x NVIDIA H200 SXM 141GB/);
    expect(c.reasons.map((r) => r.code)).not.toContain('UNKNOWN_ITEM');
  });
  it('the same server with H100 named, or no GPU named, holds H100', () => {
    expect(book.classifyItem({ model: 'Supermicro SYS-821GE-TNHR HGX H100', quantity: 1 }, { date: NOW }).memoryBandwidthGBs).toBe(3350);
    expect(book.classifyItem({ model: 'SYS-821GE-TNHR', quantity: 1 }, { date: NOW }).memoryBandwidthGBs).toBe(3350);
  });
  it('"Dell XE9680 with 8x H200" -> the XE9680 H200 entry', () => {
    expect(book.resolveModel('Dell XE9680 with 8x H200')?.entry.id).toBe('dell-poweredge-xe9680-h200');
  });
  it('a GPU the server is not sold with stays unknown (fail closed)', () => {
    expect(book.resolveModel('Supermicro SYS-821GE-TNHR (HGX B200 8-GPU)')).toBeUndefined();
  });
});

describe('GP10: the Huawei Ascend family is recognised by name (BIS guidance of May 13 2025)', () => {
  it.each([['Ascend 910D'], ['Huawei Ascend 950DT'], ['Ascend 960'], ['Huawei Atlas 800T A3 server'], ['Atlas 900 SuperCluster'], ['HUAWEI ASCEND 910D 64GB']])(
    '"%s" to Germany is a GP10 deny, not a generic unknown item',
    (model) => {
      const r = check(model, 'DE');
      expect(r.c.gp10).toBe(true);
      expect(r.codes).toContain('GP10_ADVANCED_COMPUTING_ICS:deny');
      expect(r.outcome).toBe('deny');
    },
  );
  it('a declared teardown end use still gets the carve-out (review)', () => {
    const r = check('Ascend 910D', 'DE', { endUse: 'teardown and technical analysis only' });
    expect(r.codes).toContain('GP10_ADVANCED_COMPUTING_ICS:review');
  });
  it('the family is named in the reason and the description counts too', () => {
    const r = check({ model: 'NPU accelerator card', description: 'Huawei Ascend 910D, 64 GB', quantity: 4 }, 'SG');
    expect(r.reasons.find((x) => x.code === 'GP10_ADVANCED_COMPUTING_ICS')!.message).toMatch(/recognised by name as Huawei Ascend/);
  });
  it('not before the guidance (2025-05-12), and not for other words that merely contain the letters', () => {
    expect(check('Ascend 910D', 'DE', { date: '2025-05-12' }).c.gp10).toBe(false);
    expect(check('Transcend SSD 1TB', 'DE').c.gp10).toBe(false);
    expect(check('Atlas Copco compressor', 'DE').c.gp10).toBe(false);
  });
});

describe('law corrections as dated, cited rule data', () => {
  it('Macau joined the China controls on 2023-01-17 (88 FR 2821), not 2022-10-07', () => {
    expect(book.isRestrictedForAdvancedComputing('MO', '2022-12-01')).toBe(false);
    expect(check('A100 SXM4', 'MO', { date: '2022-12-01' }).outcome).toBe('allow');
    expect(book.isRestrictedForAdvancedComputing('MO', '2023-01-17')).toBe(true);
    const r = check('A100 SXM4', 'MO', { date: '2023-01-17' });
    expect(r.codes).toContain('LICENSE_REQUIRED:deny');
    expect(r.reasons.find((x) => x.code === 'LICENSE_REQUIRED')!.citation).toMatch(/88 FR 2821/);
    expect(book.ruleSetFor('2023-01-17').citations.join(' ')).toMatch(/FR Doc 2023-00888/);
    // China itself from the first day
    expect(check('A100 SXM4', 'CN', { date: '2022-12-01' }).outcome).toBe('deny');
  });
  it('approved UAE parties: License Exception STA with conditions, not "no licence needed"', () => {
    const r = check('H100 SXM5', 'AE', { parties: [{ subject: 'endUser', name: 'G42', kind: 'data_center_operator' }] });
    expect(r.lic).toMatchObject({ licenseRequired: true, licenseExceptions: ['STA'] });
    const approved = r.reasons.find((x) => x.code === 'UAE_APPROVED_PARTY')!;
    expect(approved.message).toMatch(/License Exception STA/);
    expect(approved.message).not.toMatch(/no licence needed/);
    expect(approved.citation).toMatch(/740\.20/);
    expect(r.outcome).toBe('review');
  });
  it('Blackwell-class parts to China / Macau are presumption of denial, never the Jan 2026 case-by-case tier', () => {
    const b30a = check('B30A', 'CN');
    expect(b30a.c).toMatchObject({ catalogId: 'nvidia-b30a', architecture: 'Blackwell', eccn: '3A090.a' });
    expect(b30a.lic.reviewPolicy).toBe('presumption_of_denial');
    expect(b30a.outcome).toBe('deny');
    // even with specs that would fit the tier's numbers
    const fit = check({ model: 'Blackwell B40 datacenter GPU', quantity: 1, specs: { tpp: 15000, memoryBandwidthGBs: 4000, datacenter: true } }, 'CN');
    expect(fit.c.architecture).toBe('Blackwell');
    expect(fit.codes).not.toContain('CASE_BY_CASE_TIER_2026:info');
    expect(fit.outcome).toBe('deny');
    // an unlisted Blackwell-class name with no figures: deny to China, not a case-by-case "may be required"
    const named = check('NVIDIA B40', 'MO');
    expect(named.codes).toContain('LICENSE_MAY_BE_REQUIRED:deny');
    // the H200 keeps the tier
    expect(check('H200 SXM', 'CN').codes).toContain('CASE_BY_CASE_TIER_2026:info');
  });
});

describe("UAE rule: a US AI firm's UAE subsidiary (US ultimate parent) is an approved party", () => {
  it('headquartered in the UAE with a US ultimate parent: STA with conditions', () => {
    const r = check('H100 SXM5', 'AE', {
      parties: [{ subject: 'endUser', name: 'Microsoft Gulf FZ-LLC' }],
      headquarters: [
        { subject: 'endUser', country: 'AE', kind: 'headquarters' },
        { subject: 'endUser', country: 'US', kind: 'ultimateParent' },
      ],
    });
    expect(r.codes).toContain('UAE_APPROVED_PARTY:info');
    expect(r.lic.licenseExceptions).toEqual(['STA']);
  });
  it('a non-US ultimate parent is not', () => {
    const r = check('H100 SXM5', 'AE', {
      parties: [{ subject: 'endUser', name: 'Microsoft Gulf FZ-LLC' }],
      headquarters: [
        { subject: 'endUser', country: 'US', kind: 'headquarters' },
        { subject: 'endUser', country: 'CN', kind: 'ultimateParent' },
      ],
    });
    expect(r.codes).not.toContain('UAE_APPROVED_PARTY:info');
  });
});

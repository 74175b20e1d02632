import { join } from 'path';
import { classifyIc, computeTpp, loadRuleBook, performanceDensity } from './index';

const book = loadRuleBook(join(__dirname, '..', '..', 'data'));
const params = book.ruleSetFor('2026-08-01').parameters;
const bits = params.precisionBits;
const ic = (tpp: number, pd: number | undefined, datacenter = true) => classifyIc({ tpp, pd, datacenter }, params.eccn3A090);

describe('TPP and PD', () => {
  it('takes the highest (dense rate x bit length) over precisions', () => {
    expect(computeTpp([{ fp16: 1835, fp8: 1835 }], bits)).toMatchObject({ tpp: 29360, precision: 'fp16' }); // Gaudi 3: BF16 wins
    expect(computeTpp([{ fp16: 100, fp8: 300 }], bits)).toMatchObject({ tpp: 2400, precision: 'fp8' });
    expect(computeTpp([{ fp16: 2500, fp8: 5000, fp6: 10000, fp4: 10000 }], bits).tpp).toBe(60000); // MI355X: FP6 x 6
  });
  it('matches the BIS worked example (600 INT8 TOPS or 300 FP16 TFLOPS = 4800)', () => {
    expect(computeTpp([{ int8: 600 }], bits).tpp).toBe(4800);
    expect(computeTpp([{ fp16: 300 }], bits).tpp).toBe(4800);
  });
  it('does not count sparse figures or unknown precisions', () => {
    const r = computeTpp([{ fp8: 100, fp8_sparse: 1e6, weird: 1e6 }], bits);
    expect(r.tpp).toBe(800);
    expect(r.ignored).toEqual(expect.arrayContaining(['fp8_sparse', 'weird']));
  });
  it('sums a precision over dies before weighing it', () => {
    expect(computeTpp([{ fp16: 150 }, { fp16: 150 }], bits).tpp).toBe(4800);
  });
  it('PD = TPP / applicable die area; no area, no PD', () => {
    expect(performanceDensity(15832, 814)).toBe(19.45);
    expect(performanceDensity(1000, 0)).toBeUndefined();
    expect(performanceDensity(1000, undefined)).toBeUndefined();
  });
});

describe('3A090 thresholds (88 FR 73458)', () => {
  it('a.1 at TPP 4800, not just below', () => {
    expect(ic(4800, 1).paragraph).toBe('3A090.a');
    expect(ic(4800, 1).branch).toBe('a.1');
    expect(ic(4799.9, 1).paragraph).toBeUndefined();
  });
  it('a.2 at TPP 1600 and PD 5.92', () => {
    expect(ic(1600, 5.92)).toMatchObject({ paragraph: '3A090.a', branch: 'a.2' });
    expect(ic(1600, 5.91)).toMatchObject({ paragraph: '3A090.b', branch: 'b.2' });
    expect(ic(1599.9, 10).paragraph).toBeUndefined();
  });
  it('b.1 at TPP 2400 and PD 1.6', () => {
    expect(ic(2400, 1.6)).toMatchObject({ paragraph: '3A090.b', branch: 'b.1' });
    expect(ic(2399.9, 1.6).paragraph).toBeUndefined();
    expect(ic(2400, 1.59).paragraph).toBeUndefined();
  });
  it('b.2 at TPP 1600 and PD 3.2', () => {
    expect(ic(1600, 3.2)).toMatchObject({ paragraph: '3A090.b', branch: 'b.2' });
    expect(ic(1600, 3.19).paragraph).toBeUndefined();
  });
  it('Note 2: a non-datacenter item is caught only at TPP >= 4800, whatever its PD', () => {
    expect(ic(4799, 50, false).paragraph).toBeUndefined();
    expect(ic(4799, 50, false).basis).toMatch(/Note 2/);
    expect(ic(4800, 1, false)).toMatchObject({ paragraph: '3A090.a', branch: 'a.1' });
  });
  it('asks for the die area when PD decides', () => {
    expect(ic(3000, undefined).needsPd).toBe(true);
    expect(ic(5000, undefined).paragraph).toBe('3A090.a');
    expect(ic(1500, undefined).paragraph).toBeUndefined();
  });
  it('the basis names the paragraph and the numbers', () => {
    expect(ic(1940, 6.59).basis).toMatch(/3A090\.a \(a\.2\).*TPP 1940, PD 6\.59/);
  });
});

describe('classifyItem', () => {
  const on = '2026-08-01';
  const cls = (item: Parameters<typeof book.classifyItem>[0], date = on) => book.classifyItem(item, { date, index: 2 });

  it('every catalog entry classifies, with a source for each figure it has', () => {
    for (const e of book.catalog.entries) {
      const c = cls({ model: e.id, quantity: 1 });
      expect(c.catalogId).toBe(e.id);
      expect(c.basis.length).toBeGreaterThan(10);
      expect(c.eccn).toMatch(/^(3A090\.[abc]|4A090\.[ab]|EAR99\/NOT_3A090|UNKNOWN)$/);
      if (c.eccn === 'UNKNOWN') expect(e.specsUnconfirmed).toBe(true);
      if (e.denseTops) expect(e.sources.denseTops).toBeTruthy();
      if (e.dieAreaMm2) expect(e.sources.dieAreaMm2).toBeTruthy();
      if (e.memory?.bandwidthGBs) expect(e.sources.memory).toBeTruthy();
      if (e.interconnectGBs !== undefined) expect(e.sources.interconnectGBs).toBeTruthy();
      if (e.contains) expect(e.sources.contains).toBeTruthy();
      expect(e.sources.datacenter).toBeTruthy();
    }
    expect(book.catalog.entries.length).toBeGreaterThanOrEqual(35);
  });

  it.each([
    ['H100 SXM5 80GB', '3A090.a', 15832, 19.45],
    ['A100', '3A090.a', 4992, 6.04],
    ['L4', '3A090.a', 1940, 6.59],
    ['L40S', '3A090.a', 5864, 9.63],
    ['H20', 'EAR99/NOT_3A090', 2368, 2.91],
    ['L20', 'EAR99/NOT_3A090', 1912, 3.14],
    ['L2', 'EAR99/NOT_3A090', 1544, 5.24],
    ['RTX 4090', '3A090.a', 5284.8, 8.68],
    ['RTX 4090D', 'EAR99/NOT_3A090', 4707.2, 7.73],
    ['RTX 5090D', 'EAR99/NOT_3A090', 4750, 6.33],
    ['Gaudi 3', '3A090.a', 29360, undefined],
    ['DGX H100', '4A090.a', 15832, 19.45],
  ])('%s -> %s (TPP %s, PD %s)', (model, eccn, tpp, pd) => {
    const c = cls({ model, quantity: 1 });
    expect(c).toMatchObject({ eccn, tpp, unknown: false });
    expect(c.performanceDensity).toBe(pd);
  });

  it('servers and boards are 4A090 and carry the accelerator count', () => {
    const c = cls({ model: 'Dell PowerEdge XE9680', quantity: 2 });
    expect(c).toMatchObject({ eccn: '4A090.a', kind: 'server', acceleratorsPerUnit: 8, paragraph: '4A090.a' });
    expect(c.basis).toMatch(/4A090\.a/);
  });

  it('a bare "H100" is taken as SXM5 and says so', () => {
    const c = cls({ model: 'H100', quantity: 1 });
    expect(c.catalogId).toBe('nvidia-h100-sxm5-80gb');
    expect(c.basis).toMatch(/more common/);
    expect(c.reasons.map((r) => r.code)).toContain('MODEL_ASSUMED');
  });

  it('specs override the catalog figures', () => {
    // L20 with a smaller die area given: PD 1912 / 300 = 6.37 -> a.2
    const c = cls({ model: 'L20', quantity: 1, specs: { dieAreaMm2: 300 } });
    expect(c).toMatchObject({ catalogId: 'nvidia-l20', eccn: '3A090.a', tpp: 1912, performanceDensity: 6.37 });
  });

  it('custom part: the numbers decide (TPP 3200 / 500 mm² = PD 6.4 -> a.2)', () => {
    const c = cls({ model: 'Custom ASIC X1', quantity: 1, specs: { denseTops: { fp16: 200 }, dieAreaMm2: 500, datacenter: true } });
    expect(c).toMatchObject({ eccn: '3A090.a', tpp: 3200, performanceDensity: 6.4, unknown: false });
  });

  it('an unknown model without specs is UNKNOWN_ITEM (review), never a guess', () => {
    const c = cls({ model: 'Zorblax 9000', quantity: 1 });
    expect(c).toMatchObject({ eccn: 'UNKNOWN', unknown: true });
    expect(c.reasons).toEqual([expect.objectContaining({ code: 'UNKNOWN_ITEM', severity: 'review', subject: 'items[2]' })]);
  });

  it('a datacenter part whose class depends on PD needs the die area', () => {
    const c = cls({ model: 'Custom', quantity: 1, specs: { tpp: 3000, datacenter: true } });
    expect(c.unknown).toBe(true);
    expect(c.reasons.map((r) => r.code)).toContain('ITEM_SPECS_INCOMPLETE');
  });

  it('no datacenter flag: treated as datacenter (stricter), with an info reason', () => {
    const c = cls({ model: 'Custom', quantity: 1, specs: { tpp: 2000, dieAreaMm2: 300 } });
    expect(c).toMatchObject({ eccn: '3A090.a', datacenter: true });
    expect(c.reasons.map((r) => r.code)).toContain('DATACENTER_ASSUMED');
  });

  it('MI308X has no confirmed figures: unknown, with the letter attached', () => {
    const c = cls({ model: 'MI308X', quantity: 1 });
    expect(c).toMatchObject({ eccn: 'UNKNOWN', unknown: true, catalogId: 'amd-mi308x' });
    expect(c.informedLetter?.id).toBe('AMD-MI308-2025');
  });

  it('.z twin when the declared ECCN has a .z paragraph', () => {
    const c = cls({ model: 'DGX H100', quantity: 1, declaredEccn: '5A992.c' });
    expect(c).toMatchObject({ eccn: '5A992.z', paragraph: '4A090.a' });
    expect(c.basis).toMatch(/5A992\.z/);
    expect(c.reasons.map((r) => r.code)).not.toContain('ECCN_MISMATCH');
    expect(cls({ model: 'H100', quantity: 1, declaredEccn: '4A003' }).eccn).toBe('4A003.z');
  });

  it('ECCN_MISMATCH when the paperwork under-states the control', () => {
    const c = cls({ model: 'H100 SXM', quantity: 1, declaredEccn: 'EAR99' });
    expect(c.reasons).toContainEqual(expect.objectContaining({ code: 'ECCN_MISMATCH', severity: 'review' }));
    // 4A994 has no .z paragraph in the regulation text consulted: stays 4A090.a, flagged
    const d = cls({ model: 'DGX H100', quantity: 1, declaredEccn: '4A994.l' });
    expect(d.eccn).toBe('4A090.a');
    expect(d.reasons.map((r) => r.code)).toContain('ECCN_MISMATCH');
    // stricter than needed: info only
    const e = cls({ model: 'L2', quantity: 1, declaredEccn: '3A090.b' });
    expect(e.reasons).toContainEqual(expect.objectContaining({ code: 'ECCN_MISMATCH', severity: 'info' }));
    expect(cls({ model: 'H100', quantity: 1, declaredEccn: '3A090.a' }).reasons.map((r) => r.code)).not.toContain('ECCN_MISMATCH');
  });

  it('3A090.c: HBM above 2 GB/s/mm²', () => {
    expect(cls({ model: 'HBM3E stack', kind: 'hbm', quantity: 1, specs: { hbm: { bandwidthGBs: 1200, areaMm2: 110 } } })).toMatchObject({
      eccn: '3A090.c',
      memoryBandwidthDensity: 10.909,
    });
    expect(cls({ model: 'HBM2 stack', kind: 'hbm', quantity: 1, specs: { hbm: { bandwidthGBs: 220, areaMm2: 110 } } }).eccn).toBe('EAR99/NOT_3A090');
    expect(cls({ model: 'HBM3E stack', kind: 'hbm', quantity: 1, specs: { hbm: { bandwidthGBs: 1200, areaMm2: 110 } } }, '2024-12-01').eccn).toBe(
      'EAR99/NOT_3A090',
    );
  });

  it('2022 rule set: A800 (NVLink 400 GB/s) escaped; caught from Nov 17 2023', () => {
    // rules version 2023-01-17: the 2022 parameters with Macau added (88 FR 2821)
    expect(cls({ model: 'A800', quantity: 1 }, '2023-06-01')).toMatchObject({ eccn: 'EAR99/NOT_3A090', rulesVersion: '2023-01-17' });
    expect(cls({ model: 'A100', quantity: 1 }, '2023-06-01').eccn).toBe('3A090.a');
    expect(cls({ model: 'A800', quantity: 1 }, '2023-11-17')).toMatchObject({ eccn: '3A090.a', rulesVersion: '2023-11-17' });
  });

  it('aggregates compute in H100-equivalents (H100 TPP 15,832 from the catalog)', () => {
    expect(book.h100Tpp()).toBe(15832);
    const dgx = cls({ model: 'DGX H100', quantity: 10 });
    const unknown = cls({ model: 'Zorblax', quantity: 1 });
    expect(
      book.aggregateCompute([
        { classification: dgx, quantity: 10 },
        { classification: unknown, quantity: 3 },
      ]),
    ).toEqual({ totalTpp: 15832 * 80, h100Equivalents: 80, accelerators: 83, unknownItems: 1 });
  });
});

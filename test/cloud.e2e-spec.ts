import request from 'supertest';
import { importSharedLists, startTestApp, TestApp } from './helpers';

type Reason = { code: string; severity: string; subject: string; message: string; citation: string; evidence: Record<string, unknown> };
type Decision = {
  id: string;
  kind: string;
  decision: string;
  reasons: Reason[];
  riskScore: number;
  rulesVersion: string;
  listVersions: Record<string, string>;
  createdAt: string;
  parties: { subject: string; status: string }[];
  compute: {
    totalTpp: number;
    h100Equivalents: number;
    acceleratorCount: number;
    accelerators: { model: string; resolvedModel: string | null; quantity: number; tpp: number | null }[];
  };
};

const DATE = '2026-08-20';
const codes = (d: Decision) => d.reasons.map((r) => r.code);
const reason = (d: Decision, code: string, subject?: string) => d.reasons.find((r) => r.code === code && (subject === undefined || r.subject === subject));
/** reasons that decide the outcome (not info) */
const blocking = (d: Decision) => d.reasons.filter((r) => r.severity !== 'info').map((r) => `${r.severity}:${r.code}:${r.subject}`);

describe('cloud customer vetting: POST /v1/cloud/customers/screen (real lists, real SQLite)', () => {
  let t: TestApp;
  const screen = async (body: Record<string, unknown>): Promise<Decision> => {
    const res = await request(t.http)
      .post('/v1/cloud/customers/screen')
      .send({ date: DATE, ...body });
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return res.body as Decision;
  };

  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '36500', CHIPGUARD_LOAD_SAMPLE: '0' });
  });
  afterAll(() => t.close());

  it('answers 503 while no list is loaded (never an allow without lists)', async () => {
    const res = await request(t.http)
      .post('/v1/cloud/customers/screen')
      .send({ customer: { name: 'Anyone GmbH', country: 'DE' }, dataCenterCountry: 'DE', accelerators: [{ model: 'H100', quantity: 8 }] });
    expect(res.status).toBe(503);
  });

  it('imports the Entity List, MEU and the OFAC SDN csv set', async () => {
    await importSharedLists(t, [
      { format: 'csl-csv', files: ['us-csl-entity-list-2026-07.csv'] },
      { format: 'csl-csv', files: ['us-csl-meu-2026-07.csv'] },
      { format: 'ofac-csv', files: ['ofac-sdn.csv', 'ofac-sdn-add.csv', 'ofac-sdn-alt.csv', 'ofac-sdn-comments.csv'] },
    ]);
  }, 120_000);

  it('rejects invalid requests with 400 naming the fields', async () => {
    const bad = async (body: Record<string, unknown>, pattern: RegExp) => {
      const res = await request(t.http).post('/v1/cloud/customers/screen').send(body);
      expect(res.status).toBe(400);
      expect(res.body.message.join(' | ')).toMatch(pattern);
    };
    const ok = { customer: { name: 'Valid GmbH', country: 'DE' }, dataCenterCountry: 'DE', accelerators: [{ model: 'H100', quantity: 8 }] };
    await bad({ ...ok, dataCenterCountry: undefined }, /dataCenterCountry/);
    await bad({ ...ok, customer: undefined }, /customer/);
    await bad({ ...ok, accessCountries: ['CN', 'XX'] }, /accessCountries/);
    await bad({ ...ok, accelerators: [{ model: 'H100', quantity: 0 }] }, /quantity/);
    await bad({ ...ok, accelerators: [] }, /accelerators/);
    await bad({ ...ok, intendedUse: 'mining' }, /intendedUse/);
    await bad({ ...ok, trainingComputeFlop: -1 }, /trainingComputeFlop/);
    await bad({ ...ok, beneficialOwners: [{ name: 'A', ownershipPercent: 101 }] }, /ownershipPercent/);
    await bad(
      {
        ...ok,
        beneficialOwners: [
          { name: 'A', ownershipPercent: 60 },
          { name: 'B', ownershipPercent: 60 },
        ],
      },
      /adds up to 120/,
    );
    await bad({ ...ok, attributes: { ownersDisclosed: 'no' } }, /attributes\.ownersDisclosed/);
    await bad({ ...ok, unknownField: 1 }, /unknownField/);
    // an array where an object belongs: a 400, not a 500 (customer, owners, lines) or a silently dropped payment origin
    await bad({ ...ok, customer: [ok.customer] }, /customer must be an object/);
    await bad({ ...ok, beneficialOwners: [[{ name: 'A', ownershipPercent: 60 }]] }, /each value in beneficialOwners must be an object/);
    await bad({ ...ok, accelerators: [ok.accelerators] }, /each value in accelerators must be an object/);
    await bad({ ...ok, resellerFor: [{ name: 'B' }] }, /resellerFor must be an object/);
    await bad({ ...ok, payment: [{ originCountry: 'HK' }] }, /payment must be an object/);
  });

  // ------------------------------------------------------------------ clean customers

  it('1. a German company renting 64 H100 for inference in Ireland is allowed, with the compute returned', async () => {
    const d = await screen({
      reference: 'ACCT-DE-1',
      customer: { name: 'Rheinwerk Analytics GmbH', country: 'DE', headquartersCountry: 'DE', ultimateParentCountry: 'DE', kind: 'end_user' },
      beneficialOwners: [{ name: 'Rheinwerk Holding AG', type: 'entity', country: 'DE', ownershipPercent: 100 }],
      dataCenterCountry: 'IE',
      accessCountries: ['de', 'IE'],
      accelerators: [{ model: 'H100', quantity: 64 }],
      intendedUse: 'inference',
      payment: { originCountry: 'DE' },
      attributes: { ownersDisclosed: true, annualRevenueUsd: 40_000_000 },
    });
    expect(blocking(d)).toEqual([]);
    expect(d.decision).toBe('allow');
    expect(d.riskScore).toBeLessThanOrEqual(20);
    expect(d.id).toMatch(/^dec_/);
    expect(d.kind).toBe('cloud');
    expect(d.rulesVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(d.listVersions)).toEqual(expect.arrayContaining(['EL', 'SDN']));
    expect(d.compute.totalTpp).toBe(64 * 15832);
    expect(d.compute.h100Equivalents).toBe(64);
    expect(d.compute.accelerators[0]).toMatchObject({ model: 'H100', resolvedModel: 'NVIDIA H100 SXM5 80GB', quantity: 64, tpp: 15832 });
    expect(d.parties.map((p) => p.subject)).toEqual(['customer', 'beneficialOwners[0]']);
  });

  it('2. a Japanese lab training below the threshold on 1,024 H200 in the US is allowed', async () => {
    const d = await screen({
      customer: { name: 'Sakura Foundation Models KK', country: 'JP', headquartersCountry: 'JP', ultimateParentCountry: 'JP' },
      beneficialOwners: [{ name: 'Sakura Ventures KK', country: 'JP', ownershipPercent: 70 }],
      dataCenterCountry: 'US',
      accessCountries: ['JP', 'US'],
      accelerators: [{ model: 'H200 SXM', quantity: 1024 }],
      intendedUse: 'training',
      trainingComputeFlop: 3e24,
      payment: { originCountry: 'JP' },
    });
    expect(blocking(d)).toEqual([]);
    expect(d.decision).toBe('allow');
    expect(codes(d)).not.toContain('CLOUD_LARGE_TRAINING');
    expect(d.compute.h100Equivalents).toBe(1024);
  });

  it('3. a British customer in a data centre held under a DC VEU passes its conditions (info, allow)', async () => {
    const d = await screen({
      customer: { name: 'Thames Inference Ltd', country: 'GB', headquartersCountry: 'GB' },
      beneficialOwners: [{ name: 'Thames Group plc', country: 'GB', ownershipPercent: 100 }],
      dataCenterCountry: 'MY',
      dataCenterId: 'MY-JHB-1',
      accessCountries: ['GB'],
      accelerators: [{ model: 'HGX H100 8-GPU', quantity: 4 }],
      intendedUse: 'inference',
      payment: { originCountry: 'GB' },
    });
    expect(d.decision).toBe('allow');
    expect(reason(d, 'CLOUD_LICENSE_CONDITIONS_MET')?.evidence.conditionId).toBe('EXAMPLE-DCVEU-MY-JHB1');
    expect(d.compute.acceleratorCount).toBe(32);
    expect(d.compute.h100Equivalents).toBe(32);
  });

  // ------------------------------------------------------------------ D:5 / Macau headquarters

  it('4. a Singapore subsidiary of a China-headquartered lab training a 2e26 model is denied', async () => {
    const d = await screen({
      customer: {
        name: 'Lumen Horizon AI Pte. Ltd.',
        country: 'SG',
        headquartersCountry: 'CN',
        ultimateParentCountry: 'CN',
        ultimateParentName: 'Hangzhou Lumen Horizon Intelligence Co., Ltd.',
      },
      dataCenterCountry: 'SG',
      accessCountries: ['SG'],
      accelerators: [{ model: 'B200', quantity: 8192 }],
      intendedUse: 'training',
      trainingComputeFlop: 2e26,
      payment: { originCountry: 'SG' },
    });
    expect(d.decision).toBe('deny');
    const big = reason(d, 'CLOUD_LARGE_TRAINING')!;
    expect(big.severity).toBe('deny');
    expect(big.evidence.trainingComputeFlop).toBe(2e26);
    expect(big.evidence.thresholdFlop).toBe(1e26);
    expect(big.message).toMatch(/2\.00e26/);
    expect(big.citation).toMatch(/May 13 2025/);
    const hq = reason(d, 'CLOUD_HQ_RESTRICTED', 'customer')!;
    expect(hq.severity).toBe('review');
    expect(hq.citation).toMatch(/744\.23\(a\)\(3\)/);
    expect(d.riskScore).toBeGreaterThanOrEqual(90);
  });

  it('5. a Malaysian front with a Chinese ultimate parent, training without an estimate on a large cluster, is held for review', async () => {
    const d = await screen({
      customer: { name: 'Tiga Bintang Compute Sdn. Bhd.', country: 'MY', headquartersCountry: 'MY', ultimateParentCountry: 'CN' },
      dataCenterCountry: 'MY',
      accessCountries: ['MY'],
      accelerators: [{ model: 'B200', quantity: 16384 }],
      intendedUse: 'training',
      payment: { originCountry: 'MY' },
    });
    expect(d.decision).toBe('review');
    expect(reason(d, 'CLOUD_HQ_RESTRICTED', 'customer')?.evidence.kind).toBe('ultimateParent');
    const big = reason(d, 'CLOUD_LARGE_TRAINING')!;
    expect(big.severity).toBe('review');
    expect(big.evidence.clusterWindowOps as number).toBeGreaterThan(1e26);
  });

  it('6. a Hong Kong-headquartered cloud operator in a DC VEU data centre is denied by the VEU condition, with the May 2026 operator note', async () => {
    const d = await screen({
      customer: { name: 'Harbour Peak Cloud Ltd', country: 'MY', headquartersCountry: 'HK', kind: 'cloud_provider' },
      resellerFor: { name: 'Pearl Delta Robotics Ltd', country: 'MY', headquartersCountry: 'MY' },
      dataCenterCountry: 'MY',
      dataCenterId: 'my-jhb-1',
      accelerators: [{ model: 'H200', quantity: 256 }],
      intendedUse: 'inference',
    });
    expect(d.decision).toBe('deny');
    const cond = reason(d, 'CLOUD_LICENSE_CONDITION', 'dataCenter')!;
    expect(cond.severity).toBe('deny');
    expect(cond.evidence.violated).toEqual(['restricted_hq']);
    const hq = reason(d, 'CLOUD_HQ_RESTRICTED', 'customer')!;
    expect(hq.message).toMatch(/bona fide data-centre operators/);
    expect(hq.citation).toMatch(/May 31 2026/);
  });

  // ------------------------------------------------------------------ listed parties under other spellings

  it('7. a minority owner that is an Entity List company under another word order is flagged for review', async () => {
    // EL: "Beijing Zhipu Huazhang Technology Co., Ltd."
    const d = await screen({
      customer: { name: 'Orchid Lane Labs Pte. Ltd.', country: 'SG', headquartersCountry: 'SG' },
      beneficialOwners: [
        { name: 'Zhipu Huazhang Technology (Beijing) Company Limited', type: 'entity', country: 'CN', ownershipPercent: 30 },
        { name: 'Orchid Lane Founders Pte. Ltd.', country: 'SG', ownershipPercent: 70 },
      ],
      dataCenterCountry: 'SG',
      accessCountries: ['SG'],
      accelerators: [{ model: 'H100', quantity: 128 }],
      intendedUse: 'inference',
    });
    expect(d.decision).toBe('review');
    const hit = d.reasons.find((r) => r.subject === 'beneficialOwners[0]' && /PARTY_(LIST|POSSIBLE)_MATCH/.test(r.code))!;
    expect(hit.evidence.source).toBe('EL');
    expect(hit.evidence.entryName).toBe('Beijing Zhipu Huazhang Technology Co., Ltd.');
    expect(hit.severity).toBe('review');
    expect(hit.message).toMatch(/^Beneficial owner 1 /);
  });

  it('8. a majority owner on the SDN list under another spelling makes the customer a deny', async () => {
    // SDN: "SUNWAY TECH CO., LTD" (NPWMD)
    const d = await screen({
      customer: { name: 'Bluewater Render Farm LLC', country: 'AE', headquartersCountry: 'AE' },
      beneficialOwners: [{ name: 'Sunway Tech Company Limited', type: 'entity', country: 'CN', ownershipPercent: 60 }],
      dataCenterCountry: 'AE',
      accelerators: [{ model: 'L40S', quantity: 16 }],
      intendedUse: 'other',
    });
    expect(d.decision).toBe('deny');
    const hit = reason(d, 'PARTY_LIST_MATCH', 'beneficialOwners[0]')!;
    expect(hit.evidence.source).toBe('SDN');
    expect(hit.severity).toBe('deny');
    expect(hit.citation).toMatch(/50 Percent/);
    // a 60 % owner headquartered in China is also the HQ rule's concern
    expect(reason(d, 'CLOUD_HQ_RESTRICTED', 'beneficialOwners[0]')?.evidence.kind).toBe('majorityOwner');
  });

  it('9. an owner below the screening share is not screened (OWNER_SCREEN_PERCENT), and says so', async () => {
    const d = await screen({
      customer: { name: 'Nordlys Compute AS', country: 'NO', headquartersCountry: 'NO' },
      beneficialOwners: [
        { name: 'Sunway Tech Co., Ltd', country: 'CN', ownershipPercent: 10 },
        { name: 'Nordlys Holding AS', country: 'NO', ownershipPercent: 90 },
      ],
      dataCenterCountry: 'NO',
      accelerators: [{ model: 'H100 PCIe', quantity: 8 }],
      intendedUse: 'hpc',
    });
    expect(d.decision).toBe('allow');
    expect(d.parties.map((p) => p.subject)).toEqual(['customer', 'beneficialOwners[1]']);
    expect(reason(d, 'CLOUD_OWNERS_NOT_SCREENED')?.evidence.ownerScreenPercent).toBe(25);
  });

  it('10. a customer that is itself an Entity List party with typos is denied', async () => {
    // EL: "Beijing Academy of Artificial Intelligence"
    const d = await screen({
      customer: { name: 'Bejing Academy of Artifical Intelligence', country: 'CN', headquartersCountry: 'CN' },
      dataCenterCountry: 'JP',
      accelerators: [{ model: 'H100', quantity: 512 }],
      intendedUse: 'training',
      trainingComputeFlop: 5e25,
    });
    expect(d.decision).toBe('deny');
    const hit = d.reasons.find((r) => r.subject === 'customer' && /PARTY_(LIST|POSSIBLE)_MATCH/.test(r.code))!;
    expect(hit.evidence.entryName).toBe('Beijing Academy of Artificial Intelligence');
    expect(codes(d)).toEqual(expect.arrayContaining(['CLOUD_HQ_RESTRICTED', 'CLOUD_ACCESS_RESTRICTED']));
  });

  // ------------------------------------------------------------------ reseller chains

  it('11. a reseller whose named customer is an Entity List company (altered suffix) is denied', async () => {
    // EL: "Sophgo Technologies Pte. Ltd." (Singapore)
    const d = await screen({
      customer: { name: 'Straits GPU Brokers Pte Ltd', country: 'SG', headquartersCountry: 'SG', kind: 'reseller' },
      resellerFor: { name: 'Sophgo Technologies Private Limited', type: 'entity', country: 'SG' },
      resellerDisclosesCustomers: true,
      dataCenterCountry: 'SG',
      accelerators: [{ model: 'H100', quantity: 256 }],
      intendedUse: 'training',
      trainingComputeFlop: 1e24,
    });
    expect(d.decision).toBe('deny');
    const hit = reason(d, 'PARTY_LIST_MATCH', 'resellerFor')!;
    expect(hit.evidence.source).toBe('EL');
    expect(hit.message).toMatch(/^Resold-to party /);
    expect(codes(d)).not.toContain('CLOUD_RESELLER_UNDISCLOSED');
  });

  it('12. a reseller that will not name its customers, with logins from China, is held for review', async () => {
    const d = await screen({
      customer: { name: 'Elevate Capacity Partners Ltd', country: 'SG', headquartersCountry: 'SG', kind: 'reseller' },
      resellerDisclosesCustomers: false,
      dataCenterCountry: 'SG',
      accessCountries: ['SG', 'CN'],
      accelerators: [{ model: 'H200', quantity: 512 }],
      intendedUse: 'other',
      payment: { originCountry: 'SG' },
    });
    expect(d.decision).toBe('review');
    expect(reason(d, 'CLOUD_RESELLER_UNDISCLOSED')?.severity).toBe('review');
    const acc = reason(d, 'CLOUD_ACCESS_RESTRICTED', 'access')!;
    expect(acc.evidence.restricted).toEqual(['CN']);
    expect(acc.evidence.notHomeCountries).toEqual(['CN']);
  });

  it('13. a reseller chain ending at a China-headquartered lab that trains is held (HQ rule follows the resold-to party)', async () => {
    const d = await screen({
      customer: { name: 'Kestrel Cloud Pte Ltd', country: 'SG', headquartersCountry: 'SG', kind: 'reseller' },
      resellerFor: { name: 'Yunhai Cognitive Systems Ltd', country: 'SG', headquartersCountry: 'CN' },
      resellerDisclosesCustomers: true,
      dataCenterCountry: 'SG',
      dataCenterId: 'sg-sin-2',
      accelerators: [{ model: 'H200', quantity: 64 }],
      intendedUse: 'training',
      trainingComputeFlop: 1e23,
    });
    // the H200 licence condition of that data centre forbids D:5-headquartered users: deny
    expect(d.decision).toBe('deny');
    expect(reason(d, 'CLOUD_HQ_RESTRICTED', 'resellerFor')?.message).toMatch(/BIS warned against on May 13 2025/);
    expect(reason(d, 'CLOUD_LICENSE_CONDITION')?.evidence.conditionId).toBe('EXAMPLE-H200-LICENCE-SG-SIN2');
  });

  // ------------------------------------------------------------------ access, anonymisers, payment, capacity, owners

  it('14. a US company whose operators log in from China and Vietnam through VPNs is held for review', async () => {
    const d = await screen({
      customer: { name: 'Pinecrest Digital Inc.', country: 'US', headquartersCountry: 'US' },
      beneficialOwners: [{ name: 'Pinecrest Partners LLC', country: 'US', ownershipPercent: 100 }],
      dataCenterCountry: 'US',
      accessCountries: ['US', 'CN', 'VN'],
      anonymiserAccess: true,
      accelerators: [{ model: 'H100', quantity: 128 }],
      intendedUse: 'inference',
      payment: { originCountry: 'US' },
    });
    expect(d.decision).toBe('review');
    expect(reason(d, 'CLOUD_ACCESS_RESTRICTED')?.evidence.restricted).toEqual(['CN', 'VN']);
    expect(reason(d, 'CLOUD_ANONYMISER_ACCESS')?.severity).toBe('review');
  });

  it('15. logins from Iran are a deny', async () => {
    const d = await screen({
      customer: { name: 'Caspian Render Studio FZE', country: 'AE', headquartersCountry: 'AE' },
      dataCenterCountry: 'DE',
      accessCountries: ['AE', 'IR'],
      accelerators: [{ model: 'L40S', quantity: 8 }],
      intendedUse: 'inference',
    });
    expect(d.decision).toBe('deny');
    expect(reason(d, 'CLOUD_ACCESS_RESTRICTED')).toMatchObject({ severity: 'deny', evidence: expect.objectContaining({ embargoed: ['IR'] }) });
  });

  it('16. a Dutch customer paying from Hong Kong is held for review', async () => {
    const d = await screen({
      customer: { name: 'Polder Vision BV', country: 'NL', headquartersCountry: 'NL' },
      beneficialOwners: [{ name: 'Polder Vision Holding BV', country: 'NL', ownershipPercent: 100 }],
      dataCenterCountry: 'NL',
      accessCountries: ['NL'],
      accelerators: [{ model: 'MI300X', quantity: 32 }],
      intendedUse: 'inference',
      payment: { originCountry: 'HK' },
    });
    expect(blocking(d)).toEqual(['review:CLOUD_PAYMENT_RESTRICTED:payment']);
    expect(d.decision).toBe('review');
  });

  it('17. a real-estate company with $2M revenue renting 256 H100 and hiding its owners is held for review', async () => {
    const d = await screen({
      customer: { name: 'Golden Harvest Realty Sdn Bhd', country: 'MY', headquartersCountry: 'MY', incorporatedOn: '2026-03-01' },
      dataCenterCountry: 'MY',
      accessCountries: ['MY'],
      accelerators: [{ model: 'H100', quantity: 256 }],
      intendedUse: 'training',
      trainingComputeFlop: 1e24,
      attributes: { registeredActivity: 'real estate agency', annualRevenueUsd: 2_000_000, ownersDisclosed: false },
    });
    expect(d.decision).toBe('review');
    const cap = reason(d, 'CLOUD_CAPACITY_MISMATCH')!;
    expect(cap.message).toMatch(/real estate agency/);
    expect(cap.evidence.annualSpendUsd).toBe(Math.round(256 * 2 * 24 * 365));
    expect(reason(d, 'CLOUD_OWNERS_UNDISCLOSED')?.severity).toBe('review');
  });

  it('18. a Canadian lab training 3e26 is allowed, the large run reported as information (IaaS KYC best practice)', async () => {
    const d = await screen({
      customer: { name: 'Maple Frontier AI Inc.', country: 'CA', headquartersCountry: 'CA', ultimateParentCountry: 'CA' },
      beneficialOwners: [{ name: 'Maple Frontier Holdings Inc.', country: 'CA', ownershipPercent: 100 }],
      dataCenterCountry: 'US',
      accessCountries: ['CA', 'US'],
      accelerators: [{ model: 'GB200', quantity: 20000 }],
      intendedUse: 'training',
      trainingComputeFlop: 3e26,
    });
    expect(d.decision).toBe('allow');
    expect(reason(d, 'CLOUD_LARGE_TRAINING')).toMatchObject({ severity: 'info', evidence: expect.objectContaining({ trainingComputeFlop: 3e26 }) });
  });

  // ------------------------------------------------------------------ storage and review workflow

  it('stores cloud decisions like transactions: GET /v1/decisions/:id with the request, open in the review queue, disposable', async () => {
    const d = await screen({
      reference: 'ACCT-REVIEW-1',
      customer: { name: 'Quiet Harbour Compute Ltd', country: 'SG', headquartersCountry: 'SG' },
      dataCenterCountry: 'SG',
      accessCountries: ['CN'],
      accelerators: [{ model: 'H100', quantity: 16 }],
      intendedUse: 'inference',
    });
    expect(d.decision).toBe('review');
    const got = await request(t.http).get(`/v1/decisions/${d.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: d.id, kind: 'cloud', decision: 'review', status: 'open', reference: 'ACCT-REVIEW-1' });
    expect(got.body.request).toMatchObject({ date: DATE, dataCenterCountry: 'SG', accessCountries: ['CN'] });
    expect(got.body.reasons).toEqual(d.reasons);
    expect(got.body.compute).toEqual(d.compute);
    const queue = await request(t.http).get('/v1/decisions').query({ decision: 'review', status: 'open', kind: 'cloud' });
    expect(queue.status).toBe(200);
    const ids = (queue.body.decisions ?? queue.body.items ?? queue.body.results ?? []).map((x: { id: string }) => x.id);
    expect(ids).toContain(d.id);
    const disp = await request(t.http)
      .post(`/v1/decisions/${d.id}/disposition`)
      .send({ action: 'release', note: 'logins were a travelling engineer, verified', by: 'officer@example.com' });
    expect([200, 201]).toContain(disp.status);
    const after = await request(t.http).get(`/v1/decisions/${d.id}`);
    expect(after.body.status).not.toBe('open');
    expect(after.body.dispositions).toHaveLength(1);
  });

  it('replays to the same outcome and reasons (deterministic for the same request, date and lists)', async () => {
    const body = {
      customer: { name: 'Lumen Horizon AI Pte. Ltd.', country: 'SG', headquartersCountry: 'CN' },
      dataCenterCountry: 'SG',
      accelerators: [{ model: 'B200', quantity: 8192 }],
      intendedUse: 'training',
      trainingComputeFlop: 2e26,
    };
    const a = await screen(body);
    const b = await screen(body);
    expect(b.id).not.toBe(a.id);
    expect(b.reasons).toEqual(a.reasons);
    expect(b.riskScore).toBe(a.riskScore);
    expect(b.compute).toEqual(a.compute);
  });
});

/**
 * Calibration of the red flags against the combination rules (issue 12; table in README.md):
 * red flags alone give review; deny only for the listed deny combinations and for deception;
 * one weak flag that the buyer's profile answers is information, not a hold.
 */
import { outcomeOf } from '../common/reason';
import { fired, orderWith, run } from './fakes.testing';

/** A decades-old Japanese operator buying 256 H200 for its own site, paying locally; no order history. */
const japaneseFirstOrder = () =>
  orderWith((o) => {
    const ntt = {
      name: 'Sakura Internet Inc.',
      country: 'JP',
      headquartersCountry: 'JP',
      ultimateParentCountry: 'JP',
      incorporatedOn: '1999-08-17',
      kind: 'data_center_operator' as const,
    };
    o.buyer = { ...ntt };
    o.endUser = { ...ntt };
    o.billTo = { ...ntt };
    o.shipTo = { name: 'Sakura Internet Ishikari Data Center', country: 'JP', address: 'Ishikari, Hokkaido' };
    o.payment = { payerName: 'Sakura Internet Inc.', originCountry: 'JP', method: 'wire' };
    o.items = [{ model: 'H200 SXM', kind: 'chip', quantity: 256, unitValueUsd: 32_000 }];
    delete o.attributes!.priorOrderCount;
  });

describe('calibration: one weak flag answered by the buyer profile is information', () => {
  it('a first large order from a decades-old operator that owns its site and pays locally is allow (FIRST_LARGE_ORDER info)', () => {
    const r = run(japaneseFirstOrder());
    expect(fired(r)).toEqual(['firstLargeOrder:info']);
    expect(outcomeOf(r.reasons)).toBe('allow');
    expect(r.reasons[0].evidence).toMatchObject({ answeredBy: ['established', 'buyerIsEndUser', 'ownSite', 'localPayment'] });
    expect(r.reasons[0].message).toMatch(/answered by the buyer's profile/);
  });

  it('a licence on file answers FIRST_LARGE_ORDER', () => {
    const o = japaneseFirstOrder();
    o.buyer.incorporatedOn = '2024-06-01'; // young: the profile alone does not answer it, the licence does
    o.endUser!.incorporatedOn = '2024-06-01';
    o.licenses = [{ type: 'license', number: 'D1234567', validUntil: '2028-01-01' }];
    const r = run(o);
    expect(fired(r)).toEqual(['firstLargeOrder:info']);
    expect(r.reasons[0].evidence).toMatchObject({ answeredBy: expect.arrayContaining(['licenseOnFile']) });
  });

  it('the profile does not answer it when the buyer pays from a third country', () => {
    const o = japaneseFirstOrder();
    o.payment = { payerName: 'Sakura Internet Inc.', originCountry: 'CH' };
    expect(outcomeOf(run(o).reasons)).toBe('review');
  });

  it('the profile does not answer it for a young company without a licence', () => {
    const o = japaneseFirstOrder();
    o.buyer.incorporatedOn = '2025-01-10';
    o.endUser!.incorporatedOn = '2025-01-10';
    const r = run(o);
    expect(outcomeOf(r.reasons)).toBe('review');
    expect(fired(r)).toContain('firstLargeOrder:review');
  });

  it('two weak flags together stay review', () => {
    const o = japaneseFirstOrder();
    o.attributes!.websiteAgeMonths = 2;
    expect(fired(run(o)).sort()).toEqual(['firstLargeOrder:review', 'noWebPresence:review']);
  });

  it('an expired licence answers nothing', () => {
    const o = japaneseFirstOrder();
    delete o.buyer.incorporatedOn;
    o.licenses = [{ type: 'license', number: 'D1', validUntil: '2025-01-01' }];
    expect(outcomeOf(run(o).reasons)).toBe('review');
  });
});

describe('calibration: red flags alone are review; deny only for deny combinations and deception', () => {
  const forwarderOrder = () =>
    orderWith((o) => {
      o.shipTo = { name: 'Swift Freight Pte Ltd', country: 'SG', kind: 'freight_forwarder', address: '1 Changi North Way' };
    });

  it('forwarder as consignee + unnamed end user is review, not deny', () => {
    const o = forwarderOrder();
    delete o.endUser;
    o.buyer.kind = 'distributor';
    const r = run(o);
    expect(outcomeOf(r.reasons)).toBe('review');
    expect(fired(r)).toEqual(expect.arrayContaining(['forwarderAsConsignee:review', 'endUserUnverifiable:review']));
  });

  it('forwarder as consignee + third-country payment from a non-restricted country + hub is review, not deny', () => {
    const o = forwarderOrder();
    o.payment = { payerName: 'Alpine Treasury AG', originCountry: 'CH' };
    const r = run(o);
    expect(outcomeOf(r.reasons)).toBe('review');
    expect(fired(r)).toEqual(expect.arrayContaining(['forwarderAsConsignee:review', 'thirdPartyPayment:review', 'transshipmentHub:info']));
  });

  it('line-of-business mismatch + third-party payment from a non-restricted country is review', () => {
    const o = orderWith((o) => {
      o.attributes!.registeredActivity = 'real estate agency';
      o.payment = { payerName: 'Alpine Treasury AG', originCountry: 'CH' };
    });
    expect(outcomeOf(run(o).reasons)).toBe('review');
  });

  it('deny combination: payment from a restricted country + forwarder as consignee', () => {
    const o = forwarderOrder();
    o.payment = { payerName: 'Kowloon Trading Ltd', originCountry: 'HK' };
    const r = run(o);
    expect(outcomeOf(r.reasons)).toBe('deny');
    expect(
      r.hits
        .filter((h) => h.severity === 'deny')
        .map((h) => h.escalatedBy)
        .sort(),
    ).toEqual(['FORWARDER_PAID_FROM_RESTRICTED_COUNTRY', 'RESTRICTED_PAYMENT_WITH_DIVERSION_FLAG', 'THIRD_PARTY_PAYER_IN_RESTRICTED_COUNTRY']);
  });

  it('deception: a named end user that does not exist is deny on its own', () => {
    const o = orderWith((o) => (o.attributes!.endUserVerified = false));
    expect(outcomeOf(run(o).reasons)).toBe('deny');
  });
});

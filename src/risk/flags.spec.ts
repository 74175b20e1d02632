import { MemoryOrderHistory } from './memory-history';
import { relatedKeys } from './keys';
import { RED_FLAGS } from './flags';
import { cleanOrder, fired, hitsOf, NOW, orderWith, run } from './fakes.testing';

const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe('flag catalogue', () => {
  it('every detector has a unique name, a catalogue id, a source and the fields it reads', () => {
    const names = RED_FLAGS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of RED_FLAGS) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(f.source.length).toBeGreaterThan(10);
      expect(f.reads.length).toBeGreaterThan(0);
    }
  });
});

describe('clean allied-country order', () => {
  it('produces no reason at all', () => {
    const r = run(cleanOrder());
    expect(r.reasons).toEqual([]);
    expect(r.riskScore).toBe(0);
  });
  it('a US group billing through Singapore gets only the mitigating info flag', () => {
    const o = orderWith((o) => {
      o.buyer = { name: 'Acme AI Inc', country: 'US', headquartersCountry: 'US', incorporatedOn: '2012-01-01', kind: 'end_user' };
      o.endUser = { ...o.buyer };
      o.shipTo = { name: 'Acme AI Ashburn site', country: 'US' };
      o.billTo = { name: 'Acme AI Singapore Pte Ltd', country: 'SG', ultimateParentName: 'Acme AI Inc', ultimateParentCountry: 'US' };
      o.payment = { payerName: 'Acme AI Singapore Pte Ltd', originCountry: 'SG' };
      o.attributes!.registeredActivity = 'AI research';
    });
    const r = run(o);
    expect(r.reasons.filter((x) => x.severity !== 'info')).toEqual([]);
    expect(fired(r)).toEqual(['billToSameGroup:info']);
    expect(r.riskScore).toBe(0);
  });
});

describe('payment', () => {
  it('PAYMENT_FROM_RESTRICTED: payment from HK for a German end user', () => {
    const r = run(orderWith((o) => (o.payment = { payerName: 'Hansa Compute GmbH', originCountry: 'HK' })));
    const h = hitsOf(r, 'paymentFromRestricted');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ id: 'PAYMENT_FROM_RESTRICTED', severity: 'review', subject: 'payment', evidence: { originCountry: 'HK' } });
  });
  it('PAYMENT_FROM_RESTRICTED: silent when the destination itself is restricted (a licence question) or items are uncontrolled', () => {
    const toCn = orderWith((o) => {
      o.payment = { payerName: 'Hansa Compute GmbH', originCountry: 'CN' };
      o.endUser!.country = 'CN';
      o.shipTo!.country = 'CN';
    });
    expect(hitsOf(run(toCn), 'paymentFromRestricted')).toEqual([]);
    const uncontrolled = orderWith((o) => (o.payment = { originCountry: 'HK' }));
    expect(hitsOf(run(uncontrolled, { controlled: false }), 'paymentFromRestricted')).toEqual([]);
  });
  it('THIRD_PARTY_PAYMENT: unrelated payer, and payment from a country outside the transaction', () => {
    const r = run(orderWith((o) => (o.payment = { payerName: 'Golden Bridge Ltd', originCountry: 'AE' })));
    const h = hitsOf(r, 'thirdPartyPayment');
    expect(h.map((x) => x.evidence.pattern)).toEqual(['payer_not_party', 'origin_not_in_transaction']);
    expect(h.every((x) => x.severity === 'review')).toBe(true);
  });
  it('THIRD_PARTY_PAYMENT: a group company paying from its own country is not a third party', () => {
    const r = run(
      orderWith((o) => {
        o.billTo = { name: 'Hansa Compute Nederland BV', country: 'NL', ultimateParentName: 'Hansa Compute GmbH', ultimateParentCountry: 'DE' };
        o.payment = { payerName: 'Hansa Compute Nederland B.V.', originCountry: 'NL' };
      }),
    );
    expect(hitsOf(r, 'thirdPartyPayment')).toEqual([]);
  });
});

describe('consignee, destination, routing', () => {
  it('FORWARDER_AS_CONSIGNEE: ship-to is a freight forwarder', () => {
    const r = run(orderWith((o) => (o.shipTo = { name: 'Swift Freight Pte Ltd', country: 'DE', kind: 'freight_forwarder' })));
    expect(hitsOf(r, 'forwarderAsConsignee')).toHaveLength(1);
    expect(hitsOf(r, 'forwarderAsConsignee')[0]).toMatchObject({ subject: 'shipTo', severity: 'review' });
  });
  it('FORWARDER_AS_CONSIGNEE: a forwarder as intermediary only is normal', () => {
    const r = run(orderWith((o) => (o.intermediaries = [{ name: 'DHL Global Forwarding', country: 'DE', kind: 'freight_forwarder' }])));
    expect(hitsOf(r, 'forwarderAsConsignee')).toEqual([]);
  });
  it('SHIP_BILL_ENDUSER_MISMATCH: ship to MY for a Thai end user, billed in HK', () => {
    const r = run(
      orderWith((o) => {
        o.endUser = { name: 'Siam AI Co Ltd', country: 'TH' };
        o.shipTo = { name: 'KL Warehouse', country: 'MY' };
        o.billTo = { name: 'Prosper Holdings Ltd', country: 'HK' };
      }),
    );
    expect(hitsOf(r, 'shipBillEndUserMismatch').map((h) => h.evidence.pattern)).toEqual(['ship_to_vs_end_user', 'third_country_bill_to']);
  });
  it("SHIP_BILL_ENDUSER_MISMATCH: same-group guard (SG bill-to of the buyer's group) and a ship-to site of the end user's group", () => {
    const r = run(
      orderWith((o) => {
        o.billTo = { name: 'Hansa Compute Singapore Pte Ltd', country: 'SG' };
        o.shipTo = { name: 'Hansa Compute Amsterdam', country: 'NL' };
      }),
    );
    expect(hitsOf(r, 'shipBillEndUserMismatch')).toEqual([]);
    expect(hitsOf(r, 'billToSameGroup')).toHaveLength(1);
    expect(hitsOf(r, 'billToSameGroup')[0].weight).toBeLessThan(0);
  });
  it('TRANSSHIPMENT_HUB: informational for controlled goods to Singapore', () => {
    const r = run(
      orderWith((o) => {
        for (const p of [o.buyer, o.endUser!, o.shipTo!, o.billTo!]) p.country = 'SG';
        o.payment!.originCountry = 'SG';
      }),
    );
    expect(fired(r)).toEqual(['transshipmentHub:info']);
    expect(r.riskScore).toBeLessThanOrEqual(20);
  });
  it('TRANSSHIPMENT_HUB: nothing for an uncontrolled RTX 4060 order to Singapore', () => {
    const o = orderWith((o) => {
      o.shipTo!.country = 'SG';
      o.items = [{ model: 'GeForce RTX 4060', kind: 'board', quantity: 200 }];
    });
    expect(run(o, { controlled: false }).hits).toEqual([]);
  });
  it('ROUTE_ABNORMAL: an intermediary in Hong Kong on the way to Germany; none for an allied intermediary', () => {
    const viaHk = run(orderWith((o) => (o.intermediaries = [{ name: 'Kowloon Logistics', country: 'HK', kind: 'logistics' }])));
    expect(hitsOf(viaHk, 'routeThroughRestricted')).toHaveLength(1);
    const viaNl = run(orderWith((o) => (o.intermediaries = [{ name: 'Rotterdam Cargo', country: 'NL', kind: 'logistics' }])));
    expect(hitsOf(viaNl, 'routeThroughRestricted')).toEqual([]);
  });
  it('ROUTING_CHANGE_LATE: fires on a change after approval, not otherwise', () => {
    expect(hitsOf(run(orderWith((o) => (o.attributes!.routingChangedAfterApproval = true))), 'routingChangedLate')).toHaveLength(1);
    expect(hitsOf(run(cleanOrder()), 'routingChangedLate')).toEqual([]);
  });
});

describe('who the buyer is', () => {
  it('NEW_COMPANY: buyer incorporated 3 months before; heavier for a large order', () => {
    const r = run(orderWith((o) => (o.buyer.incorporatedOn = '2026-08-20')));
    const h = hitsOf(r, 'newCompany');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ subject: 'buyer', evidence: { monthsBeforeOrder: 3 }, weight: 0.35 });
  });
  it('NEW_COMPANY: 13 months is not new; the window is a parameter', () => {
    const o = orderWith((o) => (o.buyer.incorporatedOn = '2025-10-01'));
    expect(hitsOf(run(o), 'newCompany')).toEqual([]);
    const ctxRun = run(o, {});
    expect(ctxRun.hits).toEqual([]);
  });
  it('NO_WEB_PRESENCE: 2-month-old domain; unknown age is not a hit', () => {
    expect(hitsOf(run(orderWith((o) => (o.attributes!.websiteAgeMonths = 2))), 'noWebPresence')).toHaveLength(1);
    expect(hitsOf(run(orderWith((o) => delete o.attributes!.websiteAgeMonths)), 'noWebPresence')).toEqual([]);
  });
  it('LINE_OF_BUSINESS_MISMATCH: a realty company, by registered activity or by name', () => {
    const byActivity = run(orderWith((o) => (o.attributes!.registeredActivity = 'real estate agency')));
    expect(hitsOf(byActivity, 'lineOfBusinessMismatch')[0].evidence).toMatchObject({ basis: 'registeredActivity' });
    const byName = run(
      orderWith((o) => {
        o.buyer.name = 'Janford Realtor LLC';
        delete o.attributes!.registeredActivity;
        delete o.endUse;
      }),
    );
    expect(hitsOf(byName, 'lineOfBusinessMismatch')[0].evidence).toMatchObject({ basis: 'name', matched: 'Realtor' });
  });
  it('LINE_OF_BUSINESS_MISMATCH by name alone: answered by a compute end use; info for a small order, review for a large one', () => {
    const pharma = (quantity: number, endUse?: string) =>
      run(
        orderWith((o) => {
          o.buyer.name = 'Rhine Pharmaceuticals AG';
          delete o.attributes!.registeredActivity;
          o.items = [{ model: 'H100 SXM5 80GB', quantity }];
          if (endUse) o.endUse = endUse;
          else delete o.endUse;
        }),
      );
    expect(hitsOf(pharma(8, 'AI drug discovery research cluster'), 'lineOfBusinessMismatch')).toEqual([]);
    expect(hitsOf(pharma(8), 'lineOfBusinessMismatch')[0]).toMatchObject({ severity: 'info' });
    expect(hitsOf(pharma(512), 'lineOfBusinessMismatch')[0]).toMatchObject({ severity: 'review' });
  });
  it('LINE_OF_BUSINESS_MISMATCH: compute activity wins ("AI trading platforms and cloud computing")', () => {
    const r = run(orderWith((o) => (o.attributes!.registeredActivity = 'general trading; cloud computing services')));
    expect(hitsOf(r, 'lineOfBusinessMismatch')).toEqual([]);
  });
  it('END_USE_EVASIVE: owners not disclosed; disclosed is clean', () => {
    expect(hitsOf(run(orderWith((o) => (o.attributes!.ownersDisclosed = false))), 'ownersUndisclosed')[0].id).toBe('END_USE_EVASIVE');
    expect(hitsOf(run(cleanOrder()), 'ownersUndisclosed')).toEqual([]);
  });
  it('LEADERSHIP_OVERLAP_LISTED: nominee directors with an offshore parent', () => {
    const r = run(
      orderWith((o) => {
        o.attributes!.nomineeDirectors = 3;
        o.buyer.ultimateParentCountry = 'VG';
      }),
    );
    expect(hitsOf(r, 'nomineeDirectors')[0].evidence).toMatchObject({ nomineeDirectors: 3, offshoreParent: true });
    expect(hitsOf(run(cleanOrder()), 'nomineeDirectors')).toEqual([]);
  });
});

describe('end user and site', () => {
  it('END_USER_UNVERIFIABLE: missing end user for a reseller buyer -> review', () => {
    const r = run(
      orderWith((o) => {
        delete o.endUser;
        o.buyer.kind = 'reseller';
        o.attributes!.endUserDescription = 'various AI startups';
      }),
    );
    const h = hitsOf(r, 'endUserUnverifiable');
    expect(h[0]).toMatchObject({ severity: 'review', evidence: { endUserNamed: false, endUserDescription: 'various AI startups' } });
  });
  it('END_USER_UNVERIFIABLE: a data-centre operator shipping to its own site is taken as the end user (info)', () => {
    const r = run(orderWith((o) => delete o.endUser));
    expect(fired(r)).toEqual(['endUserUnverifiable:info']);
  });
  it('END_USER_UNVERIFIABLE: an end user not found at its address is deny for controlled items', () => {
    const r = run(orderWith((o) => (o.attributes!.endUserVerified = false)));
    expect(hitsOf(r, 'endUserUnverifiable')[0].severity).toBe('deny');
  });
  it('RESIDENTIAL_OR_VIRTUAL_ADDRESS: virtual office; residence with commercial quantity; warehouse', () => {
    expect(hitsOf(run(orderWith((o) => (o.attributes!.siteType = 'virtual_office'))), 'residentialOrVirtualAddress')).toHaveLength(1);
    expect(hitsOf(run(orderWith((o) => (o.shipTo!.address = 'PO Box 4411, Frankfurt'))), 'residentialOrVirtualAddress')).toHaveLength(1);
    expect(hitsOf(run(orderWith((o) => (o.attributes!.siteType = 'residential'))), 'residentialOrVirtualAddress')).toHaveLength(1);
    expect(hitsOf(run(orderWith((o) => (o.attributes!.siteType = 'warehouse'))), 'residentialOrVirtualAddress')).toHaveLength(1);
  });
  it('RESIDENTIAL_OR_VIRTUAL_ADDRESS: one consumer-class card to a home is not commercial quantity', () => {
    const o = orderWith((o) => {
      o.attributes!.siteType = 'residential';
      o.items = [{ model: 'GeForce RTX 4090', kind: 'board', quantity: 1 }];
    });
    expect(hitsOf(run(o), 'residentialOrVirtualAddress')).toEqual([]);
  });
  it('CAPACITY_MISMATCH: 64 GPUs for a 0.02 MW site, an unbuilt site, an office, a tiny revenue', () => {
    const power = hitsOf(run(orderWith((o) => (o.attributes!.sitePowerMw = 0.02))), 'capacityMismatch');
    expect(power[0].evidence).toMatchObject({ pattern: 'site_power', requiredMw: 0.064, sitePowerMw: 0.02 });
    const unbuilt = hitsOf(run(orderWith((o) => (o.attributes!.siteStatus = 'under_construction'))), 'capacityMismatch');
    expect(unbuilt[0].evidence.pattern).toBe('site_status');
    const office = hitsOf(run(orderWith((o) => (o.attributes!.siteType = 'office'))), 'capacityMismatch');
    expect(office[0].evidence.pattern).toBe('site_type');
    const revenue = hitsOf(run(orderWith((o) => (o.attributes!.annualRevenueUsd = 1_000_000))), 'capacityMismatch');
    expect(revenue[0].evidence).toMatchObject({ pattern: 'revenue', orderValueUsd: 2_400_000 });
  });
  it('CAPACITY_MISMATCH: 5 MW for 64 GPUs is fine; a small order may go to a site under construction', () => {
    expect(hitsOf(run(cleanOrder()), 'capacityMismatch')).toEqual([]);
    const small = orderWith((o) => {
      o.attributes!.siteStatus = 'under_construction';
      o.items[0].quantity = 2; // 16 GPUs
    });
    expect(hitsOf(run(small), 'capacityMismatch')).toEqual([]);
  });
  it('DECLINES_INSTALL_SUPPORT: declined; not when OEM installation was bought', () => {
    expect(
      hitsOf(
        run(
          orderWith((o) => {
            o.attributes!.servicesDeclined = true;
            o.attributes!.oemInstallationPurchased = false;
          }),
        ),
        'servicesDeclined',
      ),
    ).toHaveLength(1);
    expect(hitsOf(run(orderWith((o) => (o.attributes!.servicesDeclined = true))), 'servicesDeclined')).toEqual([]);
  });
});

describe('deception', () => {
  it('MISDESCRIBED_GOODS: "computer parts" on the invoice -> deny', () => {
    const r = run(orderWith((o) => (o.attributes!.requestedInvoiceDescription = 'computer parts')));
    expect(hitsOf(r, 'misdescribedGoods')[0]).toMatchObject({ severity: 'deny', evidence: { namesGoods: false } });
    const adapters = run(orderWith((o) => (o.attributes!.requestedInvoiceDescription = 'GPU adapters')));
    expect(hitsOf(adapters, 'misdescribedGoods')[0].evidence.decoyTerm).toBe('adapters');
  });
  it('MISDESCRIBED_GOODS: an honest description is clean', () => {
    const r = run(orderWith((o) => (o.attributes!.requestedInvoiceDescription = 'NVIDIA HGX H100 8-GPU servers')));
    expect(hitsOf(r, 'misdescribedGoods')).toEqual([]);
  });
  it('MISDESCRIBED_GOODS: HS code that does not fit the item kind -> review; a board under 8473.30 is fine', () => {
    const r = run(orderWith((o) => (o.items[0].hsCode = '8536.50')));
    expect(hitsOf(r, 'misdescribedGoods')[0]).toMatchObject({ severity: 'review', subject: 'items[0]' });
    const board = orderWith((o) => (o.items = [{ model: 'H100 PCIe', kind: 'board', quantity: 8, hsCode: '8473.30' }]));
    expect(hitsOf(run(board), 'misdescribedGoods')).toEqual([]);
  });
  it('RELABEL_OR_SERIAL_TAMPER: relabel requested and serial mismatch -> deny; review when nothing is controlled', () => {
    const o = orderWith((o) => {
      o.attributes!.relabelRequested = true;
      o.attributes!.serialMismatch = true;
    });
    expect(hitsOf(run(o), 'relabelOrSerialTamper').map((h) => h.severity)).toEqual(['deny', 'deny']);
    expect(hitsOf(run(o, { controlled: false }), 'relabelOrSerialTamper').map((h) => h.severity)).toEqual(['review', 'review']);
    expect(hitsOf(run(cleanOrder()), 'relabelOrSerialTamper')).toEqual([]);
  });
  it('POST_SHIPMENT_FAIL: failed or refused -> deny; not_done is nothing', () => {
    expect(hitsOf(run(orderWith((o) => (o.attributes!.lastPostShipmentCheck = 'refused'))), 'postShipmentCheckFailed')[0].severity).toBe('deny');
    expect(hitsOf(run(orderWith((o) => (o.attributes!.lastPostShipmentCheck = 'failed'))), 'postShipmentCheckFailed')).toHaveLength(1);
    expect(hitsOf(run(orderWith((o) => (o.attributes!.lastPostShipmentCheck = 'not_done'))), 'postShipmentCheckFailed')).toEqual([]);
  });
  it('INSIDER_OVERRIDE: review (internal escalation), never silent', () => {
    expect(hitsOf(run(orderWith((o) => (o.attributes!.insiderOverrideRequested = true))), 'insiderOverride')[0].severity).toBe('review');
    expect(hitsOf(run(cleanOrder()), 'insiderOverride')).toEqual([]);
  });
});

describe('remote access and declared end use', () => {
  it('IAAS_RESTRICTED_ACCESS: operators log in from CN', () => {
    const r = run(orderWith((o) => (o.attributes!.accessCountries = ['DE', 'cn'])));
    expect(hitsOf(r, 'restrictedAccess')[0].evidence.accessCountries).toEqual(['CN']);
    expect(hitsOf(run(cleanOrder()), 'restrictedAccess')).toEqual([]);
  });
  it('IAAS_PRC_BENEFICIARY: cloud capacity for Chinese customers', () => {
    const r = run(
      orderWith((o) => {
        o.attributes!.iaasReservation = true;
        o.endUse = 'GPU cloud capacity for Chinese customers training LLMs';
      }),
    );
    expect(hitsOf(r, 'iaasRestrictedBeneficiary')[0].evidence.countries).toEqual(['CN']);
    expect(hitsOf(r, 'endUseNamesRestrictedCountry')).toEqual([]);
  });
  it('IAAS_PRC_BENEFICIARY: cloud capacity for European customers is clean', () => {
    const r = run(
      orderWith((o) => {
        o.attributes!.iaasReservation = true;
        o.endUse = 'GPU cloud for European research customers; not for use in China';
      }),
    );
    expect(r.hits).toEqual([]);
  });
  it('DEST_RESTRICTED (end-use text): "for onward sale to Hong Kong" on a German order', () => {
    const r = run(orderWith((o) => (o.endUse = 'Stock for onward sale to Hong Kong')));
    expect(hitsOf(r, 'endUseNamesRestrictedCountry')[0]).toMatchObject({ id: 'DEST_RESTRICTED', severity: 'review', evidence: { countries: ['HK'] } });
  });
  it('DEST_RESTRICTED (end-use text): onward supply to an embargoed country (Russia) is a deny', () => {
    const r = run(orderWith((o) => (o.endUse = 'onward supply to partners in Moscow, Russia')));
    expect(hitsOf(r, 'endUseNamesRestrictedCountry')[0]).toMatchObject({ id: 'DEST_RESTRICTED', severity: 'deny', evidence: { embargoed: ['RU'] } });
  });
});

describe('order history', () => {
  it('FIRST_LARGE_ORDER: no stored order, no declared history, 64 GPUs', () => {
    const r = run(orderWith((o) => delete o.attributes!.priorOrderCount));
    expect(hitsOf(r, 'firstLargeOrder')[0]).toMatchObject({ id: 'FIRST_LARGE_ORDER', evidence: { storedOrders: 0, accelerators: 64 } });
  });
  it('FIRST_LARGE_ORDER: a stored earlier decision, or a smaller order, is not a first large order', () => {
    const o = orderWith((o) => delete o.attributes!.priorOrderCount);
    const history = new MemoryOrderHistory().addOrder(cleanOrder(), 16, daysAgo(200));
    expect(hitsOf(run(o, { history }), 'firstLargeOrder')).toEqual([]);
    const later = new MemoryOrderHistory().addOrder(cleanOrder(), 16, daysAgo(-1)); // stored after "now": not history
    expect(hitsOf(run(o, { history: later }), 'firstLargeOrder')).toHaveLength(1);
    o.items[0].quantity = 4; // 32 GPUs
    expect(hitsOf(run(o), 'firstLargeOrder')).toEqual([]);
  });

  const shell = (name: string, qty: number) =>
    orderWith((o) => {
      o.buyer = { name, country: 'SG', address: '10 Anson Road #22-02, Singapore 079903', kind: 'reseller', incorporatedOn: '2020-01-01' };
      o.endUser = { ...o.buyer, kind: 'end_user' };
      o.billTo = { ...o.buyer };
      o.shipTo = { name, country: 'SG', address: '10 Anson Road #22-02, Singapore 079903' };
      o.payment = { payerName: name, originCountry: 'SG' };
      o.attributes!.siteType = 'office';
      o.items = [{ model: 'H100 PCIe', kind: 'board', quantity: qty, hsCode: '8473.30' }];
    });

  it('FIRST_LARGE_ORDER (structuring): three related buyers, each just under 100 GPUs in 30 days', () => {
    const history = new MemoryOrderHistory()
      .addOrder(shell('Lion Gate Pte Ltd', 96), 96, daysAgo(20))
      .addOrder(shell('Merlion Bridge Pte Ltd', 98), 98, daysAgo(5));
    const r = run(shell('Orchid Link Pte Ltd', 95), { history });
    const h = hitsOf(r, 'structuring');
    expect(h[0]).toMatchObject({ id: 'FIRST_LARGE_ORDER', severity: 'review', evidence: { pattern: 'just_under_level', level: 100, orders: 3, total: 289 } });
    expect(h[0].evidence.buyers).toHaveLength(3);
  });
  it('FIRST_LARGE_ORDER (structuring): many small orders by buyers sharing an address', () => {
    const history = new MemoryOrderHistory()
      .addOrder(shell('Lion Gate Pte Ltd', 40), 40, daysAgo(12))
      .addOrder(shell('Merlion Bridge Pte Ltd', 40), 40, daysAgo(3));
    const h = hitsOf(run(shell('Orchid Link Pte Ltd', 32), { history }), 'structuring');
    expect(h.map((x) => x.evidence.pattern)).toEqual(['related_buyers']);
    expect(h[0].evidence.total).toBe(112);
  });
  it('FIRST_LARGE_ORDER (structuring): unrelated buyers, old orders or orders not near a level are not structuring', () => {
    const unrelated = new MemoryOrderHistory()
      .add({ buyerKey: 'someone', keys: ['n:someone'], acceleratorCount: 96, createdAt: daysAgo(3) })
      .add({ buyerKey: 'else', keys: ['n:else'], acceleratorCount: 97, createdAt: daysAgo(4) });
    expect(hitsOf(run(shell('Orchid Link Pte Ltd', 95), { history: unrelated }), 'structuring')).toEqual([]);
    const old = new MemoryOrderHistory()
      .addOrder(shell('Lion Gate Pte Ltd', 96), 96, daysAgo(45))
      .addOrder(shell('Merlion Bridge Pte Ltd', 98), 98, daysAgo(40));
    expect(hitsOf(run(shell('Orchid Link Pte Ltd', 95), { history: old }), 'structuring')).toEqual([]);
    const notNear = new MemoryOrderHistory()
      .addOrder(shell('Lion Gate Pte Ltd', 70), 70, daysAgo(3))
      .addOrder(shell('Merlion Bridge Pte Ltd', 80), 80, daysAgo(2));
    expect(hitsOf(run(shell('Orchid Link Pte Ltd', 75), { history: notNear }), 'structuring')).toEqual([]);
  });
  it('the related keys of the shells overlap through the shared address', () => {
    const a = relatedKeys(shell('Lion Gate Pte Ltd', 1)).keys;
    const b = relatedKeys(shell('Orchid Link Pte Ltd', 1)).keys;
    expect(a.filter((k) => b.includes(k))).toEqual(['a:SG:10 anson road 22 02 singapore 079903']);
  });
});

describe('end-use wording', () => {
  it('resale to customers in a restricted country is DEST_RESTRICTED, not an IaaS flag', () => {
    const r = run(orderWith((o) => (o.endUse = 'Resale to customers in mainland China')));
    expect(fired(r)).toEqual(['endUseNamesRestrictedCountry:review']);
  });
  it('remote training for a PRC parent is IAAS_PRC_BENEFICIARY', () => {
    const r = run(orderWith((o) => (o.endUse = 'Remote training of models for our PRC parent company')));
    expect(fired(r)).toEqual(['iaasRestrictedBeneficiary:review']);
  });
});

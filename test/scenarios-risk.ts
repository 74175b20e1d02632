/**
 * Scenarios added for the red-flag calibration (issue 12): each order with its expected decision and the
 * public law or guidance behind it (`source`). Appended to SCENARIOS in ./scenarios.ts.
 * The calibration rules are the table in src/risk/README.md ("Calibration").
 */
import type { Scenario } from './scenarios';

const DATE = '2026-11-20';
const SUPP3 = '15 CFR Part 732, Supplement No. 3';
const NTC2 = 'FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023)';
const DIV25 = 'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025)';
const NO_LICENSE = '15 CFR 742.6(a)(6)(iii): no licence for 3A090 / 4A090 items to a destination outside D:1, D:4, D:5 and Macau';
const EL = '15 CFR 744.11 and Supp. No. 4 to Part 744 (Entity List)';
const DECEPTION = '15 CFR 764.2(g) (misrepresentation and concealment of facts)';

type Party = Record<string, unknown>;
const self = (name: string, country: string, extra: Party = {}): Party => ({
  name,
  country,
  headquartersCountry: country,
  ultimateParentCountry: country,
  ...extra,
});

/** A buyer that is its own end user, ships to its own data centre and pays from home; no red flag. */
function ownSiteOrder(o: {
  ref: string;
  name: string;
  country: string;
  site: string;
  address: string;
  model: string;
  quantity: number;
  unitValueUsd?: number;
  kind?: string;
  incorporatedOn?: string;
  endUse?: string;
  attributes?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  const buyer = self(o.name, o.country, { kind: o.kind ?? 'data_center_operator', ...(o.incorporatedOn ? { incorporatedOn: o.incorporatedOn } : {}) });
  return {
    reference: o.ref,
    date: DATE,
    exportFrom: 'US',
    buyer,
    endUser: { ...buyer },
    shipTo: { name: o.site, country: o.country, address: o.address },
    items: [{ model: o.model, quantity: o.quantity, ...(o.unitValueUsd ? { unitValueUsd: o.unitValueUsd } : {}) }],
    endUse: o.endUse ?? 'AI training and inference in own data centre',
    payment: { payerName: o.name, originCountry: o.country, method: 'wire' },
    attributes: {
      oemInstallationPurchased: true,
      servicesDeclined: false,
      ownersDisclosed: true,
      endUserVerified: true,
      websiteAgeMonths: 200,
      siteStatus: 'operational',
      siteType: 'data_center',
      sitePowerMw: 30,
      ...(o.attributes ?? {}),
    },
    ...(o.extra ?? {}),
  };
}

/** With history: a repeat customer. */
const repeat = { priorOrderCount: 5, priorOrdersUsd: 9_000_000 };

/** A Swedish distributor's order that ships to a Singapore forwarder (the base of the red-flag rows). */
function forwarderOrder(ref: string, patch: (o: Record<string, any>) => void = () => undefined): Record<string, unknown> {
  const o: Record<string, any> = {
    reference: ref,
    date: DATE,
    exportFrom: 'US',
    buyer: self('Kattegatt Systems AB', 'SE', { kind: 'distributor', incorporatedOn: '2008-05-02' }),
    endUser: self('Kattegatt Systems AB', 'SE', { kind: 'distributor' }),
    shipTo: { name: 'Changi Express Forwarding Pte Ltd', country: 'SG', kind: 'freight_forwarder', address: '9 Airline Road, Singapore' },
    items: [{ model: 'H100 SXM5', quantity: 16, unitValueUsd: 28_000 }],
    endUse: 'Resale to research customers',
    payment: { payerName: 'Kattegatt Systems AB', originCountry: 'SE', method: 'wire' },
    attributes: { oemInstallationPurchased: true, ownersDisclosed: true, websiteAgeMonths: 150, ...repeat },
  };
  patch(o);
  return o;
}

export const RISK_SCENARIOS: Scenario[] = [
  // ------------------------------------------------------------------------------------------------
  // Clean allied buyers: allow, no review / deny reason
  // ------------------------------------------------------------------------------------------------
  ...[
    {
      ref: 'SC-K1',
      name: 'Barcelona Supercomputing Center',
      country: 'ES',
      site: 'BSC MareNostrum 5 hall',
      address: 'Plaça Eusebi Güell 1-3, Barcelona',
      model: 'H100 SXM5',
      quantity: 32,
      kind: 'university',
    },
    {
      ref: 'SC-K2',
      name: 'Poznan Compute Hall Sp. z o.o.',
      country: 'PL',
      site: 'Poznan Compute Hall DC1',
      address: 'ul. Jana Pawła II 10, Poznań',
      model: 'L40S',
      quantity: 24,
    },
    { ref: 'SC-K3', name: 'Green Fjord Data AS', country: 'NO', site: 'Green Fjord Data Rjukan', address: 'Rjukan, Tinn', model: 'H200 SXM', quantity: 48 },
    {
      ref: 'SC-K4',
      name: 'Kajaani Cloud Oy',
      country: 'FI',
      site: 'Kajaani Cloud Renforsin Ranta',
      address: 'Renforsin Ranta, Kajaani',
      model: 'MI300X',
      quantity: 16,
    },
    { ref: 'SC-K5', name: 'Danish Centre for AI Innovation A/S', country: 'DK', site: 'DCAI Gefion hall', address: 'Ballerup', model: 'DGX H100', quantity: 4 },
    {
      ref: 'SC-K6',
      name: 'Flanders Render Farm NV',
      country: 'BE',
      site: 'Flanders Render Farm Gent',
      address: 'Technologiepark 3, Gent',
      model: 'L4',
      quantity: 40,
    },
    {
      ref: 'SC-K7',
      name: 'Alpen Rechenzentrum GmbH',
      country: 'AT',
      site: 'Alpen Rechenzentrum Wien',
      address: 'Donau-City-Strasse 1, Wien',
      model: 'H100 PCIe',
      quantity: 16,
    },
    {
      ref: 'SC-K8',
      name: 'Liffey Analytics Ltd',
      country: 'IE',
      site: 'Liffey Analytics Clonshaugh DC',
      address: 'Clonshaugh Business Park, Dublin 17',
      model: 'A100 SXM4',
      quantity: 8,
      kind: 'end_user',
    },
    {
      ref: 'SC-K9',
      name: 'Southern Cross Research Computing Ltd',
      country: 'NZ',
      site: 'Southern Cross Research Computing Auckland',
      address: 'Auckland',
      model: 'L40S',
      quantity: 8,
      kind: 'end_user',
    },
    {
      ref: 'SC-K10',
      name: 'Lisboa Neural Lab SA',
      country: 'PT',
      site: 'Lisboa Neural Lab Sines DC',
      address: 'Sines',
      model: 'H200 NVL',
      quantity: 16,
      kind: 'end_user',
    },
  ].map((o) => ({
    name: `${o.ref.slice(3)} clean allied buyer: ${o.name} (${o.country}) takes ${o.quantity} ${o.model} at its own site`,
    request: ownSiteOrder({ ...o, incorporatedOn: '2001-01-15', attributes: repeat }),
    decision: 'allow' as const,
    source: `${NO_LICENSE}; ${SUPP3}: absent red flags a seller may rely on the customer's representations`,
  })),

  // ------------------------------------------------------------------------------------------------
  // One weak flag the buyer's profile answers: allow, the flag is info
  // ------------------------------------------------------------------------------------------------
  {
    name: 'W1 first large order (256 H200) from a decades-old Japanese operator that owns its site and pays locally: FIRST_LARGE_ORDER is info',
    request: ownSiteOrder({
      ref: 'SC-W1',
      name: 'Sakura Internet Inc.',
      country: 'JP',
      site: 'Sakura Internet Ishikari Data Center',
      address: 'Ishikari, Hokkaido',
      model: 'H200 SXM',
      quantity: 256,
      unitValueUsd: 32_000,
      incorporatedOn: '1999-08-17',
    }),
    decision: 'allow',
    severities: { FIRST_LARGE_ORDER: 'info' },
    source: `${DIV25}: first-time buyer ordering large volumes, answered by the buyer's profile (age, own site, local payment, buyer = end user); ${SUPP3}`,
  },
  {
    name: 'W2 first large order (128 H100) from a Korean telecom founded 1981, own site, local payment: info',
    request: ownSiteOrder({
      ref: 'SC-W2',
      name: 'Hanbit Telecom Corporation',
      country: 'KR',
      site: 'Hanbit Telecom Gasan IDC',
      address: 'Gasan-dong, Geumcheon-gu, Seoul',
      model: 'H100 SXM5',
      quantity: 128,
      incorporatedOn: '1981-12-10',
    }),
    decision: 'allow',
    severities: { FIRST_LARGE_ORDER: 'info' },
    source: `${DIV25}; profile answers the flag; ${SUPP3}`,
  },
  {
    name: 'W3 first large order (96 B200) from a German Stadtwerke data-centre arm founded 1996, own site, local payment: info',
    request: ownSiteOrder({
      ref: 'SC-W3',
      name: 'Rhein Energie Digital GmbH',
      country: 'DE',
      site: 'Rhein Energie Digital Rechenzentrum Köln',
      address: 'Parkgürtel 24, Köln',
      model: 'B200',
      quantity: 96,
      incorporatedOn: '1996-03-01',
    }),
    decision: 'allow',
    severities: { FIRST_LARGE_ORDER: 'info' },
    source: `${DIV25}; profile answers the flag; ${SUPP3}`,
  },
  {
    name: 'W4 decades-old French research institute with a new web domain (3 months) buys 8 L40S for its own site: NO_WEB_PRESENCE is info',
    request: ownSiteOrder({
      ref: 'SC-W4',
      name: 'Institut Lumière de Calcul',
      country: 'FR',
      site: 'Institut Lumière de Calcul, Lyon',
      address: 'Lyon',
      model: 'L40S',
      quantity: 8,
      kind: 'university',
      incorporatedOn: '1974-09-01',
      attributes: { ...repeat, websiteAgeMonths: 3 },
    }),
    decision: 'allow',
    severities: { NO_WEB_PRESENCE: 'info' },
    source: `${NTC2}: little or no web presence, answered by the buyer's profile (age, buyer = end user, local payment)`,
  },
  {
    name: 'W5 first large order of H200 to a Chinese vision company with a valid BIS licence on file: the licence answers FIRST_LARGE_ORDER',
    request: ownSiteOrder({
      ref: 'SC-W5',
      name: 'Suzhou Lakeside Vision Technology Co., Ltd.',
      country: 'CN',
      site: 'Lakeside Vision Suzhou DC',
      address: 'Suzhou Industrial Park, Suzhou',
      model: 'H200 SXM',
      quantity: 64,
      unitValueUsd: 32_000,
      kind: 'end_user',
      extra: { licenses: [{ type: 'license', number: 'D7654321', validUntil: '2027-06-30' }] },
    }),
    decision: 'allow',
    codes: ['LICENSE_ON_FILE'],
    severities: { FIRST_LARGE_ORDER: 'info' },
    source:
      '15 CFR 750.7 (a licence authorises the transaction it names); BIS reviewed the parties; FIRST_LARGE_ORDER per BIS guidance (May 13, 2025) is information',
  },

  // ------------------------------------------------------------------------------------------------
  // Red flags alone: review, never deny
  // ------------------------------------------------------------------------------------------------
  {
    name: 'F1 established Swedish distributor consigns H100 to a Singapore freight forwarder: review (forwarder as consignee alone)',
    request: forwarderOrder('SC-F1'),
    decision: 'review',
    severities: { FORWARDER_AS_CONSIGNEE: 'review' },
    absent: [],
    source: `${SUPP3}: a freight forwarder listed as the final destination; ${NTC2}`,
  },
  {
    name: 'F2 forwarder as consignee and no end user named: review, not deny',
    request: forwarderOrder('SC-F2', (o) => delete o.endUser),
    decision: 'review',
    severities: { FORWARDER_AS_CONSIGNEE: 'review', END_USER_UNVERIFIABLE: 'review' },
    source: `${SUPP3}: forwarder as final destination, uncertain end user (duty to inquire)`,
  },
  {
    name: 'F3 forwarder as consignee, paid by a Swiss treasury company (third party, non-restricted country): review, not deny',
    request: forwarderOrder('SC-F3', (o) => (o.payment = { payerName: 'Alpine Group Treasury AG', originCountry: 'CH' })),
    decision: 'review',
    severities: { FORWARDER_AS_CONSIGNEE: 'review', THIRD_PARTY_PAYMENT: 'review' },
    source: `${NTC2}: third-party payment; ${SUPP3}: forwarder as final destination`,
  },
  {
    name: 'F4 Malaysian hub ship-to through a forwarder, end user in Sweden, payer in Switzerland: review, not deny',
    request: forwarderOrder('SC-F4', (o) => {
      o.shipTo = { name: 'Port Klang Logistics Sdn Bhd', country: 'MY', kind: 'logistics', address: 'Port Klang, Selangor' };
      o.payment = { payerName: 'Alpine Group Treasury AG', originCountry: 'CH' };
    }),
    decision: 'review',
    codes: ['TRANSSHIPMENT_HUB', 'FORWARDER_AS_CONSIGNEE', 'THIRD_PARTY_PAYMENT'],
    source: `Commerce, Treasury and Justice tri-seal compliance note (Mar 2, 2023): transshipment points; ${NTC2}`,
  },
  {
    name: 'F5 end user not named: a Dutch integrator buys 32 H100 "for a customer project": review',
    request: forwarderOrder('SC-F5', (o) => {
      o.buyer = self('Delta Integratie B.V.', 'NL', { kind: 'reseller', incorporatedOn: '2004-02-02' });
      delete o.endUser;
      o.shipTo = { name: 'Delta Integratie B.V.', country: 'NL', address: 'Eindhoven' };
      o.payment = { payerName: 'Delta Integratie B.V.', originCountry: 'NL' };
      o.items = [{ model: 'H100 SXM5', quantity: 32 }];
    }),
    decision: 'review',
    severities: { END_USER_UNVERIFIABLE: 'review' },
    source: `${SUPP3}: uncertain ultimate user; ${NTC2}: customer lacks end-user details`,
  },
  {
    name: 'F6 new company (incorporated 4 months ago) makes a first order of 64 H100: review (two weak flags, no licence)',
    request: ownSiteOrder({
      ref: 'SC-F6',
      name: 'Nordlys AI AS',
      country: 'NO',
      site: 'Nordlys AI Stavanger hall',
      address: 'Stavanger',
      model: 'H100 SXM5',
      quantity: 64,
      kind: 'end_user',
      incorporatedOn: '2026-07-10',
    }),
    decision: 'review',
    codes: ['NEW_COMPANY', 'FIRST_LARGE_ORDER'],
    source: `${SUPP3}: little or no business background; ${DIV25}: first-time buyer ordering large volumes`,
  },
  {
    name: 'F7 first large order from a young company paying from its own country: the profile does not answer it, review',
    request: ownSiteOrder({
      ref: 'SC-F7',
      name: 'Tallinn Tensor OÜ',
      country: 'EE',
      site: 'Tallinn Tensor DC',
      address: 'Tallinn',
      model: 'H200 SXM',
      quantity: 64,
      incorporatedOn: '2023-05-05',
    }),
    decision: 'review',
    severities: { FIRST_LARGE_ORDER: 'review' },
    source: `${DIV25}: first-time buyer ordering large volumes (not answered: the company is not established)`,
  },
  {
    name: 'F8 decades-old operator, first large order, but paid from a third country: review',
    request: ownSiteOrder({
      ref: 'SC-F8',
      name: 'Osaka Gas Digital KK',
      country: 'JP',
      site: 'Osaka Gas Digital Data Center',
      address: 'Osaka',
      model: 'H100 SXM5',
      quantity: 128,
      incorporatedOn: '1988-04-01',
      extra: { payment: { payerName: 'Osaka Gas Digital KK', originCountry: 'SG' } },
    }),
    decision: 'review',
    codes: ['FIRST_LARGE_ORDER', 'THIRD_PARTY_PAYMENT'],
    source: `${DIV25}; ${NTC2}: payment from a country not in the transaction`,
  },
  {
    name: 'F9 site power too small: 512 H100 for a 0.2 MW site: review',
    request: ownSiteOrder({
      ref: 'SC-F9',
      name: 'Zürich Quant Research AG',
      country: 'CH',
      site: 'Zürich Quant Research server room',
      address: 'Bahnhofstrasse 1, Zürich',
      model: 'H100 SXM5',
      quantity: 512,
      kind: 'end_user',
      incorporatedOn: '2002-01-01',
      attributes: { ...repeat, sitePowerMw: 0.2 },
    }),
    decision: 'review',
    severities: { CAPACITY_MISMATCH: 'review' },
    source: `${SUPP3}: order inconsistent with the purchaser's needs; ${DIV25}: data centre unable to confirm capacity`,
  },
  {
    name: 'F10 buyer declines installation and support for 64 H100: review',
    request: ownSiteOrder({
      ref: 'SC-F10',
      name: 'Milano Vision Labs S.r.l.',
      country: 'IT',
      site: 'Milano Vision Labs DC',
      address: 'Milano',
      model: 'H100 SXM5',
      quantity: 64,
      kind: 'end_user',
      incorporatedOn: '2005-01-01',
      attributes: { ...repeat, servicesDeclined: true, oemInstallationPurchased: false },
    }),
    decision: 'review',
    severities: { DECLINES_INSTALL_SUPPORT: 'review' },
    source: `${SUPP3}: customer declines installation, training or maintenance`,
  },
  {
    name: 'F11 16 H100 shipped to a residential flat: review',
    request: ownSiteOrder({
      ref: 'SC-F11',
      name: 'Brno Deep Learning s.r.o.',
      country: 'CZ',
      site: 'Brno Deep Learning',
      address: 'Apartment 12, Masarykova 5, Brno',
      model: 'H100 PCIe',
      quantity: 16,
      kind: 'end_user',
      incorporatedOn: '2012-01-01',
      attributes: { ...repeat, siteType: 'residential' },
    }),
    decision: 'review',
    severities: { RESIDENTIAL_OR_VIRTUAL_ADDRESS: 'review' },
    source: `${DIV25}: residential address ordering commercial quantities`,
  },
  {
    name: 'F12 ship-to changed after approval: review',
    request: ownSiteOrder({
      ref: 'SC-F12',
      name: 'Aarhus Climate Compute ApS',
      country: 'DK',
      site: 'Aarhus Climate Compute DC',
      address: 'Aarhus',
      model: 'H200 SXM',
      quantity: 16,
      kind: 'end_user',
      incorporatedOn: '2010-01-01',
      attributes: { ...repeat, routingChangedAfterApproval: true },
    }),
    decision: 'review',
    severities: { ROUTING_CHANGE_LATE: 'review' },
    source: 'Commerce, Treasury and Justice tri-seal compliance note (Mar 2, 2023): last-minute changes to shipping instructions',
  },
  {
    name: 'F13 beneficial owners not disclosed on request: review',
    request: ownSiteOrder({
      ref: 'SC-F13',
      name: 'Luxembourg Grid Compute S.à r.l.',
      country: 'LU',
      site: 'Luxembourg Grid Compute Bettembourg',
      address: 'Bettembourg',
      model: 'H100 SXM5',
      quantity: 32,
      incorporatedOn: '2015-01-01',
      attributes: { ...repeat, ownersDisclosed: false },
    }),
    decision: 'review',
    severities: { END_USE_EVASIVE: 'review' },
    source: `${NTC2}: customer refuses details on ownership; ${SUPP3}`,
  },
  {
    name: 'F14 registered activity real estate, paid by a third party in Switzerland: review (no restricted payment, no deny combination)',
    request: ownSiteOrder({
      ref: 'SC-F14',
      name: 'Costa Brava Properties SL',
      country: 'ES',
      site: 'Costa Brava Properties office',
      address: 'Girona',
      model: 'H100 SXM5',
      quantity: 16,
      kind: 'end_user',
      incorporatedOn: '2009-01-01',
      attributes: { ...repeat, registeredActivity: 'real estate agency' },
      extra: { payment: { payerName: 'Helvetic Family Office AG', originCountry: 'CH' } },
    }),
    decision: 'review',
    severities: { LINE_OF_BUSINESS_MISMATCH: 'review', THIRD_PARTY_PAYMENT: 'review' },
    source: `${SUPP3}: item does not fit the buyer's line of business; ${NTC2}: third-party payment`,
  },
  {
    name: 'F15 nominee directors and an offshore parent: review',
    request: ownSiteOrder({
      ref: 'SC-F15',
      name: 'Baltic Tensor SIA',
      country: 'LV',
      site: 'Baltic Tensor Riga DC',
      address: 'Riga',
      model: 'H100 SXM5',
      quantity: 16,
      incorporatedOn: '2014-01-01',
      attributes: { ...repeat, nomineeDirectors: 3 },
      extra: {},
    }),
    decision: 'review',
    severities: { LEADERSHIP_OVERLAP_LISTED: 'review' },
    source: `${SUPP3}: uncertain ultimate owner; ${NTC2}: shell companies obscuring ownership`,
  },
  {
    name: 'F16 goods ship to Singapore but the end user is in Sweden, bill-to in the UAE with no group link: review',
    request: forwarderOrder('SC-F16', (o) => {
      o.shipTo = { name: 'Jurong Tech Warehouse Pte Ltd', country: 'SG', address: 'Jurong West, Singapore' };
      o.billTo = { name: 'Desert Palm Holdings FZE', country: 'AE' };
    }),
    decision: 'review',
    severities: { SHIP_BILL_ENDUSER_MISMATCH: 'review' },
    source: `${SUPP3}: parties and route inconsistent with the stated end user; ${DIV25}`,
  },

  // ------------------------------------------------------------------------------------------------
  // Deny combinations (payment from a restricted country + a diversion flag) and deception
  // ------------------------------------------------------------------------------------------------
  {
    name: 'X1 forwarder as consignee, paid from Hong Kong while the end user is in Sweden: deny (deny combination)',
    request: forwarderOrder('SC-X1', (o) => (o.payment = { payerName: 'Kowloon Bay Trading Ltd', originCountry: 'HK' })),
    decision: 'deny',
    severities: { PAYMENT_FROM_RESTRICTED: 'deny', FORWARDER_AS_CONSIGNEE: 'deny' },
    source: `${NTC2}; ${DIV25}: payment from a restricted country together with a forwarder as consignee`,
  },
  {
    name: 'X2 no end user named, paid from mainland China: deny (deny combination)',
    request: forwarderOrder('SC-X2', (o) => {
      delete o.endUser;
      o.shipTo = { name: 'Kattegatt Systems AB', country: 'SE', address: 'Göteborg' };
      o.payment = { payerName: 'Kattegatt Systems AB', originCountry: 'CN' };
    }),
    decision: 'deny',
    severities: { PAYMENT_FROM_RESTRICTED: 'deny' },
    source: `${NTC2}: payment from a restricted country with an uncertain end user; 15 CFR 744.23`,
  },
  {
    name: 'X3 Florida realty LLC buys A100 for "Thailand", paid from Hong Kong: deny (misfit buyer + restricted payment)',
    request: {
      reference: 'SC-X3',
      date: DATE,
      exportFrom: 'US',
      buyer: self('Sunshine Coast Realty LLC', 'US', { kind: 'reseller', incorporatedOn: '2019-01-01' }),
      endUser: self('Chao Phraya Digital Co., Ltd.', 'TH', { kind: 'end_user' }),
      shipTo: { name: 'Chao Phraya Digital', country: 'TH', address: 'Bangkok' },
      items: [{ model: 'A100 SXM4', quantity: 32 }],
      payment: { payerName: 'Sunshine Coast Realty LLC', originCountry: 'HK' },
      attributes: { registeredActivity: 'real estate brokerage', ownersDisclosed: true, ...repeat },
    },
    decision: 'deny',
    severities: { LINE_OF_BUSINESS_MISMATCH: 'deny', PAYMENT_FROM_RESTRICTED: 'deny' },
    source: `${SUPP3}: line of business; ${NTC2}: payment from a restricted country`,
  },
  {
    name: 'X4 third-party payer in Macau for a Singapore forwarder order: deny',
    request: forwarderOrder('SC-X4', (o) => (o.payment = { payerName: 'Golden Lotus Commerce Ltd', originCountry: 'MO' })),
    decision: 'deny',
    severities: { THIRD_PARTY_PAYMENT: 'deny' },
    source: `${NTC2}: third-party payer in a restricted country`,
  },
  {
    name: 'X5 deception: buyer asks for H100 servers to be invoiced as "network adapters": deny',
    request: ownSiteOrder({
      ref: 'SC-X5',
      name: 'Graz Visual Compute GmbH',
      country: 'AT',
      site: 'Graz Visual Compute DC',
      address: 'Graz',
      model: 'HGX H100 8-GPU',
      quantity: 2,
      kind: 'end_user',
      incorporatedOn: '2011-01-01',
      attributes: { ...repeat, requestedInvoiceDescription: 'network adapters' },
    }),
    decision: 'deny',
    severities: { MISDESCRIBED_GOODS: 'deny' },
    source: `${DECEPTION}; ${SUPP3}: packaging or description inconsistent with the goods`,
  },
  {
    name: 'X6 deception: buyer asks for the NVIDIA labels to be removed: deny',
    request: ownSiteOrder({
      ref: 'SC-X6',
      name: 'Porto Compute Lda',
      country: 'PT',
      site: 'Porto Compute DC',
      address: 'Porto',
      model: 'H200 SXM',
      quantity: 8,
      kind: 'end_user',
      incorporatedOn: '2013-01-01',
      attributes: { ...repeat, relabelRequested: true },
    }),
    decision: 'deny',
    severities: { RELABEL_OR_SERIAL_TAMPER: 'deny' },
    source: `${DECEPTION}; ${DIV25}`,
  },
  {
    name: 'X7 deception: the named end user does not exist at its address: deny',
    request: ownSiteOrder({
      ref: 'SC-X7',
      name: 'Vilnius Matrix UAB',
      country: 'LT',
      site: 'Vilnius Matrix DC',
      address: 'Vilnius',
      model: 'H100 SXM5',
      quantity: 16,
      incorporatedOn: '2016-01-01',
      attributes: { ...repeat, endUserVerified: false },
    }),
    decision: 'deny',
    severities: { END_USER_UNVERIFIABLE: 'deny' },
    source: `${DECEPTION}; ${SUPP3}: uncertain ultimate user`,
  },
  {
    name: 'X8 deception: the customer refused the last post-shipment check: deny',
    request: ownSiteOrder({
      ref: 'SC-X8',
      name: 'Bratislava AI Park s.r.o.',
      country: 'SK',
      site: 'Bratislava AI Park DC',
      address: 'Bratislava',
      model: 'H100 SXM5',
      quantity: 16,
      incorporatedOn: '2017-01-01',
      attributes: { ...repeat, lastPostShipmentCheck: 'refused' },
    }),
    decision: 'deny',
    severities: { POST_SHIPMENT_FAIL: 'deny' },
    source: `${DIV25}: post-shipment verification; ${SUPP3}`,
  },
  {
    name: 'X9 deception: serial numbers did not match at the last audit: deny',
    request: ownSiteOrder({
      ref: 'SC-X9',
      name: 'Ljubljana Render d.o.o.',
      country: 'SI',
      site: 'Ljubljana Render DC',
      address: 'Ljubljana',
      model: 'H200 SXM',
      quantity: 8,
      incorporatedOn: '2012-06-01',
      attributes: { ...repeat, serialMismatch: true },
    }),
    decision: 'deny',
    severities: { RELABEL_OR_SERIAL_TAMPER: 'deny' },
    source: `${DECEPTION}`,
  },

  // ------------------------------------------------------------------------------------------------
  // Listed parties decide, whatever the profile (real entries of us-csl-entity-list-2026-07.csv)
  // ------------------------------------------------------------------------------------------------
  {
    name: 'Y1 clean German order routed through "Hua Ke Logistics (HK) Limited" (Entity List, 90 FR 44499): deny',
    request: ownSiteOrder({
      ref: 'SC-Y1',
      name: 'Hessen Compute GmbH',
      country: 'DE',
      site: 'Hessen Compute Frankfurt',
      address: 'Frankfurt am Main',
      model: 'H100 SXM5',
      quantity: 16,
      incorporatedOn: '2003-01-01',
      attributes: repeat,
      extra: { intermediaries: [{ name: 'Hua Ke Logistics (HK) Limited', country: 'HK', kind: 'freight_forwarder' }] },
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'intermediaries[0]', source: 'EL' }],
    source: EL,
  },
  {
    name: 'Y2 "Arrow Electronics (Hong Kong) Co., Ltd." (Entity List, 90 FR 48193) as buyer of L4 cards: deny',
    request: ownSiteOrder({
      ref: 'SC-Y2',
      name: 'Arrow Electronics (Hong Kong) Co., Ltd.',
      country: 'HK',
      site: 'Arrow Electronics Kwai Chung',
      address: 'No. 8 Container Port Road South, Kwai Chung, Hong Kong',
      model: 'L4',
      quantity: 4,
      kind: 'distributor',
      attributes: repeat,
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'buyer', source: 'EL' }],
    source: EL,
  },
  {
    name: 'Y3 "Marakish Express Cargo LLC" (Entity List, Dubai) as ship-to of a Dutch order: deny',
    request: ownSiteOrder({
      ref: 'SC-Y3',
      name: 'Utrecht Inference B.V.',
      country: 'NL',
      site: 'Utrecht Inference DC',
      address: 'Utrecht',
      model: 'L40S',
      quantity: 8,
      incorporatedOn: '2008-01-01',
      attributes: repeat,
      extra: { shipTo: { name: 'Marakish Express Cargo LLC', country: 'AE', address: 'Cargo Village, Deira, Dubai' } },
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'shipTo', source: 'EL' }],
    source: EL,
  },
  {
    name: 'Y4 "Cambricon (Hong Kong) Co., Ltd." (Entity List) as end user behind a Singapore reseller: deny',
    request: {
      reference: 'SC-Y4',
      date: DATE,
      exportFrom: 'US',
      buyer: self('Temasek Silicon Trading Pte Ltd', 'SG', { kind: 'reseller', incorporatedOn: '2010-01-01' }),
      endUser: { name: 'Cambricon (Hong Kong) Co., Ltd.', country: 'HK' },
      shipTo: { name: 'Temasek Silicon Trading', country: 'SG', address: 'Singapore' },
      items: [{ model: 'L40S', quantity: 8 }],
      payment: { payerName: 'Temasek Silicon Trading Pte Ltd', originCountry: 'SG' },
      attributes: repeat,
    },
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'endUser', source: 'EL' }],
    source: EL,
  },
];

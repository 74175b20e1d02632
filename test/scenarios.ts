/**
 * The scenario suite of POST /v1/transactions/screen, as data (issue 6): orders modelled on the
 * enforcement cases and guidance of docs/red-flags.md (C1–C10, the catalogue) and on the legal rules of
 * docs/export-rules.md (§2 country groups, §3 licences, NAC/ACA, letters, the Jan 2026 tier, the UAE rule,
 * the HQ rule, §4 GP10). Every order carries an explicit `date` so the dated rules are deterministic.
 *
 * Listed parties use real entries of the shared lists under other spellings:
 *   us-csl-entity-list-2026-07.csv (EL): Inspur, Shanghai Biren, Moore Thread(s), Sugon/Dawning, Hikvision,
 *   SMIC, "Address 07" (Hollywood Plaza, 610 Nathan Road — an address-only entry);
 *   us-csl-meu-2026-07.csv (MEU): AVIC Leihua Electronic Technology Research Institute;
 *   ofac-sdn.csv (SDN): Beijing Alite Technologies Co., Ltd. (NPWMD).
 */

import { RISK_SCENARIOS } from './scenarios-risk';

export type Outcome = 'allow' | 'review' | 'deny';

export interface ExpectedSource {
  /** the reason's subject, e.g. buyer, endUser, shipTo, payment, buyer.ultimateParent */
  subject: string;
  /** evidence.source of the PARTY_LIST_MATCH reason */
  source: string;
  matchedOn?: 'name' | 'alias' | 'address';
}

export interface Scenario {
  name: string;
  request: Record<string, unknown>;
  decision: Outcome;
  /** reason codes that must be present */
  codes?: string[];
  /** reason codes that must be present with this severity */
  severities?: Record<string, 'deny' | 'review' | 'info'>;
  /** reason codes that must NOT be present */
  absent?: string[];
  /** list matches that must be present */
  sources?: ExpectedSource[];
  /** the public law or guidance behind the expected decision (else the group's, SOURCE_BY_GROUP) */
  source?: string;
}

export const DATE = '2026-11-20';

/**
 * The public law or guidance behind each group of scenarios (the letters before the number of the
 * reference: SC-A1 -> A), for the scenarios that do not carry their own `source`.
 */
export const SOURCE_BY_GROUP: Record<string, string> = {
  A: '15 CFR 742.6(a)(6)(iii): no licence to destinations outside D:1 / D:4 / D:5 and Macau; 15 CFR Part 732, Supplement No. 3: absent red flags a seller may rely on the customer',
  SG: '15 CFR Part 732, Supplement No. 3: a bill-to of the same corporate group is not a diversion signal',
  HUB: 'Commerce, Treasury and Justice tri-seal compliance note on third-party intermediaries (Mar 2, 2023): a transshipment point alone is informational',
  L: '15 CFR 744.11 and Supp. No. 4 to Part 744 (Entity List); 15 CFR 744.21 (MEU); 31 CFR Chapter V (SDN)',
  E: '15 CFR Part 746 (embargoed destinations)',
  CN: '15 CFR 742.6(a)(6) and 744.23: licence requirement and review policy for China / D:5 on the order date',
  R: '15 CFR 742.6(a)(6) as in force on the order date (87 FR 62186, Oct 13, 2022; 88 FR 73458, Oct 25, 2023)',
  G: '15 CFR 742.6(a)(6)(iii) and 740.8 (License Exceptions NAC / ACA) for consumer-class 3A090 items',
  H: '15 CFR 744.23 and the BIS "is informed" licence requirement for the named parts',
  N: '15 CFR 750.7 (a licence on file) and 15 CFR 740.8 (NAC / ACA)',
  HQ: '15 CFR 742.6(a)(6)(iii) and 744.23: entities headquartered in D:5 or Macau',
  U: '15 CFR 742.6(a)(6); 15 CFR 740.20 (License Exception STA) for approved UAE parties',
  GP: 'BIS guidance on Huawei Ascend chips (General Prohibition 10, May 13, 2025); 15 CFR 736.2(b)(10)',
  C: 'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025); FinCEN & BIS joint notice FIN-2023-NTC2 (Nov 6, 2023); 15 CFR 764.2(g)',
  IAAS: 'BIS policy statement on advanced computing ICs used to train AI models for China-headquartered parties (May 13, 2025)',
  EU: '15 CFR Part 732, Supplement No. 3: uncertain ultimate user, duty to inquire',
  UNK: 'fail closed: an item that cannot be classified is never allowed (15 CFR 742.6(a)(6), 3A090 / 4A090 criteria)',
  D: '15 CFR 742.6(a)(6)(iii), 744.23 and Part 746 as named in each scenario',
};

/** The source of a scenario: its own, else its group's. */
export function scenarioSource(s: Scenario): string | undefined {
  if (s.source) return s.source;
  const group = /^SC-([A-Z]+)/.exec(String(s.request.reference ?? ''))?.[1];
  return group ? SOURCE_BY_GROUP[group] : undefined;
}

/** An established, vetted customer: history, OEM installation, a real operational site. */
const established = (extra: Record<string, unknown> = {}) => ({
  priorOrderCount: 6,
  priorOrdersUsd: 12_000_000,
  oemInstallationPurchased: true,
  servicesDeclined: false,
  ownersDisclosed: true,
  endUserVerified: true,
  websiteAgeMonths: 180,
  siteStatus: 'operational',
  siteType: 'data_center',
  sitePowerMw: 40,
  ...extra,
});

const order = (o: Record<string, unknown>) => ({ date: DATE, exportFrom: 'US', ...o });

export const SCENARIOS: Scenario[] = [
  // ---------------------------------------------------------------------------------------------
  // Clean orders from buyers in allied countries: allow (no review / deny reason at all)
  // ---------------------------------------------------------------------------------------------
  {
    name: 'A1 German university buys 4 DGX H100 for its own HPC centre (A:5, no destination licence)',
    request: order({
      reference: 'SC-A1',
      buyer: { name: 'Technische Universität München', country: 'DE', kind: 'university', headquartersCountry: 'DE', incorporatedOn: '1868-04-12' },
      endUser: { name: 'Technische Universität München', country: 'DE', kind: 'university', headquartersCountry: 'DE' },
      shipTo: { name: 'TUM Leibniz Rechenzentrum', country: 'DE', address: 'Boltzmannstraße 1, 85748 Garching bei München' },
      items: [{ model: 'DGX H100', quantity: 4, unitValueUsd: 300000 }],
      endUse: 'Climate and materials-science research on the university HPC cluster',
      payment: { payerName: 'Technische Universität München', originCountry: 'DE', method: 'wire' },
      attributes: established({ sitePowerMw: 8 }),
    }),
    decision: 'allow',
    codes: ['NOT_CONTROLLED'],
  },
  {
    name: 'A2 Japanese telecom buys 256 H200 SXM for its own Tokyo data centre',
    request: order({
      reference: 'SC-A2',
      buyer: {
        name: 'Nippon Telegraph and Telephone Corporation',
        country: 'JP',
        kind: 'data_center_operator',
        headquartersCountry: 'JP',
        ultimateParentCountry: 'JP',
        incorporatedOn: '1985-04-01',
      },
      endUser: { name: 'Nippon Telegraph and Telephone Corporation', country: 'JP', kind: 'data_center_operator', headquartersCountry: 'JP' },
      shipTo: { name: 'NTT Tokyo Data Center 12', country: 'JP', address: '3-9-1 Shiroyama, Inzai, Chiba' },
      items: [{ model: 'H200 SXM', quantity: 256, unitValueUsd: 32000 }],
      endUse: 'Japanese-language LLM training in own data centre',
      payment: { payerName: 'Nippon Telegraph and Telephone Corporation', originCountry: 'JP', method: 'wire' },
      attributes: established(),
    }),
    decision: 'allow',
  },
  {
    name: 'A3 UK bank buys 16 L40S for its London risk-analytics cluster',
    request: order({
      reference: 'SC-A3',
      buyer: { name: 'Barclays Bank PLC', country: 'GB', kind: 'end_user', headquartersCountry: 'GB', incorporatedOn: '1925-01-01' },
      endUser: { name: 'Barclays Bank PLC', country: 'GB', kind: 'end_user', headquartersCountry: 'GB' },
      shipTo: { name: 'Barclays Gloucester Data Centre', country: 'GB', address: 'Barnwood, Gloucester GL4 3LP' },
      items: [{ model: 'L40S', quantity: 16, unitValueUsd: 9000 }],
      endUse: 'Market-risk simulation and fraud detection',
      payment: { payerName: 'Barclays Bank PLC', originCountry: 'GB' },
      attributes: established({ sitePowerMw: 20 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A4 French AI lab buys 4 HGX B200 baseboards for its Paris colocation cage',
    request: order({
      reference: 'SC-A4',
      buyer: { name: 'Mistral AI SAS', country: 'FR', kind: 'end_user', headquartersCountry: 'FR', incorporatedOn: '2023-04-28' },
      endUser: { name: 'Mistral AI SAS', country: 'FR', kind: 'end_user', headquartersCountry: 'FR' },
      shipTo: { name: 'Equinix PA10', country: 'FR', address: '114 Rue Ambroise Croizat, 93200 Saint-Denis', kind: 'data_center_operator' },
      items: [{ model: 'HGX B200', quantity: 4, unitValueUsd: 350000 }],
      endUse: 'Training open-weight language models',
      payment: { payerName: 'Mistral AI SAS', originCountry: 'FR' },
      attributes: established({ siteType: 'colocation', sitePowerMw: 12 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A5 Canadian university buys 8 A100 PCIe for a teaching lab',
    request: order({
      reference: 'SC-A5',
      buyer: { name: 'University of Toronto', country: 'CA', kind: 'university', headquartersCountry: 'CA' },
      endUser: { name: 'University of Toronto', country: 'CA', kind: 'university', headquartersCountry: 'CA' },
      shipTo: { name: 'University of Toronto, Bahen Centre', country: 'CA', address: '40 St George St, Toronto, ON M5S 2E4' },
      items: [{ model: 'A100 PCIe', quantity: 8, unitValueUsd: 12000 }],
      endUse: 'Graduate machine-learning course',
      payment: { payerName: 'University of Toronto', originCountry: 'CA' },
      attributes: established({ siteType: 'university', sitePowerMw: 2 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A6 Korean manufacturer buys 32 MI300X for an in-house inference cluster',
    request: order({
      reference: 'SC-A6',
      buyer: { name: 'Hyundai Motor Company', country: 'KR', kind: 'end_user', headquartersCountry: 'KR' },
      endUser: { name: 'Hyundai Motor Company', country: 'KR', kind: 'end_user', headquartersCountry: 'KR' },
      shipTo: { name: 'Hyundai Motor Uiwang Data Center', country: 'KR', address: 'Uiwang-si, Gyeonggi-do' },
      items: [{ model: 'MI300X', quantity: 32, unitValueUsd: 15000 }],
      endUse: 'Autonomous-driving model inference',
      payment: { payerName: 'Hyundai Motor Company', originCountry: 'KR' },
      attributes: established(),
    }),
    decision: 'allow',
  },
  {
    name: 'A7 Australian research agency buys 16 Gaudi 3 for its Canberra cluster',
    request: order({
      reference: 'SC-A7',
      buyer: { name: 'Commonwealth Scientific and Industrial Research Organisation', country: 'AU', kind: 'government', headquartersCountry: 'AU' },
      endUser: { name: 'Commonwealth Scientific and Industrial Research Organisation', country: 'AU', kind: 'government', headquartersCountry: 'AU' },
      shipTo: { name: 'CSIRO Black Mountain', country: 'AU', address: 'Clunies Ross St, Acton ACT 2601' },
      items: [{ model: 'Gaudi 3', quantity: 16, unitValueUsd: 15000 }],
      endUse: 'Agricultural genomics and weather modelling',
      payment: { payerName: 'Commonwealth Scientific and Industrial Research Organisation', originCountry: 'AU' },
      attributes: established({ sitePowerMw: 5 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A8 Dutch colocation operator buys 8 HGX H100 for its own Amsterdam site',
    request: order({
      reference: 'SC-A8',
      buyer: { name: 'Nebius B.V.', country: 'NL', kind: 'data_center_operator', headquartersCountry: 'NL', ultimateParentCountry: 'NL' },
      endUser: { name: 'Nebius B.V.', country: 'NL', kind: 'data_center_operator', headquartersCountry: 'NL' },
      shipTo: { name: 'Nebius Amsterdam AMS1', country: 'NL', address: 'Schepenbergweg 42, 1105 AT Amsterdam' },
      items: [{ model: 'HGX H100', quantity: 8, unitValueUsd: 250000 }],
      endUse: 'GPU cloud capacity for European customers',
      payment: { payerName: 'Nebius B.V.', originCountry: 'NL' },
      attributes: established({ siteType: 'colocation' }),
    }),
    decision: 'allow',
  },
  {
    name: 'A9 Swedish game studio buys 6 RTX 4090 workstations cards (consumer GPU to an ally)',
    request: order({
      reference: 'SC-A9',
      buyer: { name: 'Massive Entertainment AB', country: 'SE', kind: 'end_user', headquartersCountry: 'SE' },
      endUser: { name: 'Massive Entertainment AB', country: 'SE', kind: 'end_user', headquartersCountry: 'SE' },
      shipTo: { name: 'Massive Entertainment AB', country: 'SE', address: 'Stortorget 11, 211 22 Malmö' },
      items: [{ model: 'GeForce RTX 4090', quantity: 6, unitValueUsd: 1800 }],
      endUse: 'Game development workstations',
      payment: { payerName: 'Massive Entertainment AB', originCountry: 'SE' },
      attributes: established({ siteType: 'office', sitePowerMw: 1 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A10 Italian hospital buys 20 L4 for medical-imaging inference',
    request: order({
      reference: 'SC-A10',
      buyer: { name: 'Fondazione Policlinico Universitario Agostino Gemelli IRCCS', country: 'IT', kind: 'end_user', headquartersCountry: 'IT' },
      endUser: { name: 'Fondazione Policlinico Universitario Agostino Gemelli IRCCS', country: 'IT', kind: 'end_user', headquartersCountry: 'IT' },
      shipTo: { name: 'Policlinico Gemelli', country: 'IT', address: 'Largo Agostino Gemelli 8, 00168 Roma' },
      items: [{ model: 'L4', quantity: 20, unitValueUsd: 2500 }],
      endUse: 'Radiology image analysis',
      payment: { payerName: 'Fondazione Policlinico Universitario Agostino Gemelli IRCCS', originCountry: 'IT' },
      attributes: established({ siteType: 'lab', sitePowerMw: 1 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A11 Taiwanese (A:6) server maker buys 16 H100 SXM for its own validation lab',
    request: order({
      reference: 'SC-A11',
      buyer: { name: 'Quanta Computer Inc.', country: 'TW', kind: 'manufacturer', headquartersCountry: 'TW' },
      endUser: { name: 'Quanta Computer Inc.', country: 'TW', kind: 'manufacturer', headquartersCountry: 'TW' },
      shipTo: { name: 'Quanta Computer Inc.', country: 'TW', address: 'No. 211, Wenhua 2nd Rd., Guishan Dist., Taoyuan City 33377' },
      items: [{ model: 'H100 SXM5', quantity: 16, unitValueUsd: 30000 }],
      endUse: 'Server thermal and burn-in validation in own lab',
      payment: { payerName: 'Quanta Computer Inc.', originCountry: 'TW' },
      attributes: established({ siteType: 'lab', sitePowerMw: 3 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A12 Israeli (D:4 but A:6, carved out) chip designer buys 32 H100 for its own Haifa cluster',
    request: order({
      reference: 'SC-A12',
      buyer: { name: 'Carmel Silicon Design Ltd', country: 'IL', kind: 'end_user', headquartersCountry: 'IL', ultimateParentCountry: 'IL' },
      endUser: { name: 'Carmel Silicon Design Ltd', country: 'IL', kind: 'end_user', headquartersCountry: 'IL' },
      shipTo: { name: 'Carmel Silicon Design Haifa DC', country: 'IL', address: 'MATAM, Haifa' },
      items: [{ model: 'H100 SXM5', quantity: 32, unitValueUsd: 30000 }],
      endUse: 'Chip-design simulation and EDA acceleration',
      payment: { payerName: 'Carmel Silicon Design Ltd', originCountry: 'IL' },
      attributes: established({ sitePowerMw: 6 }),
    }),
    decision: 'allow',
  },
  {
    name: 'A13 Swiss pharmaceutical research group (registered activity: research) buys 2 DGX H100 for drug discovery',
    request: order({
      reference: 'SC-A13',
      buyer: { name: 'Helvetia Pharma Research AG', country: 'CH', kind: 'end_user', headquartersCountry: 'CH' },
      endUser: { name: 'Helvetia Pharma Research AG', country: 'CH', kind: 'end_user', headquartersCountry: 'CH' },
      shipTo: { name: 'Helvetia Pharma Research AG, Basel campus', country: 'CH', address: 'Grenzacherstrasse 124, 4058 Basel' },
      items: [{ model: 'DGX H100', quantity: 2, unitValueUsd: 300000 }],
      endUse: 'AI drug discovery (protein-structure prediction)',
      payment: { payerName: 'Helvetia Pharma Research AG', originCountry: 'CH' },
      attributes: established({ registeredActivity: 'pharmaceutical research and development', siteType: 'lab', sitePowerMw: 2 }),
    }),
    decision: 'allow',
    absent: ['LINE_OF_BUSINESS_MISMATCH'],
  },
  // ---------------------------------------------------------------------------------------------
  // Hub-only and Singapore-billing orders that must not be penalised
  // ---------------------------------------------------------------------------------------------
  {
    name: 'SG1 US cloud group bills through its Singapore subsidiary, ships to its own Virginia data centre (red-flags #54)',
    request: order({
      reference: 'SC-SG1',
      buyer: { name: 'Contoso Cloud Inc.', country: 'US', kind: 'cloud_provider', headquartersCountry: 'US' },
      endUser: { name: 'Contoso Cloud Inc.', country: 'US', kind: 'cloud_provider', headquartersCountry: 'US' },
      shipTo: { name: 'Contoso Cloud Ashburn DC4', country: 'US', address: '21571 Beaumeade Circle, Ashburn, VA 20147' },
      billTo: { name: 'Contoso Cloud Singapore Pte. Ltd.', country: 'SG', ultimateParentName: 'Contoso Cloud Inc.', ultimateParentCountry: 'US' },
      items: [{ model: 'HGX H200', quantity: 32, unitValueUsd: 280000 }],
      endUse: 'Public cloud GPU instances',
      payment: { payerName: 'Contoso Cloud Singapore Pte. Ltd.', originCountry: 'SG' },
      attributes: established(),
    }),
    decision: 'allow',
    absent: ['THIRD_PARTY_PAYMENT', 'SHIP_BILL_ENDUSER_MISMATCH'],
  },
  {
    name: 'SG2 Japanese group billed in Singapore, ships to its own Osaka site (bill-to SG alone is no signal)',
    request: order({
      reference: 'SC-SG2',
      buyer: { name: 'SoftBank Corp.', country: 'JP', kind: 'data_center_operator', headquartersCountry: 'JP' },
      endUser: { name: 'SoftBank Corp.', country: 'JP', kind: 'data_center_operator', headquartersCountry: 'JP' },
      shipTo: { name: 'SoftBank Osaka AI Data Center', country: 'JP', address: 'Sakai, Osaka' },
      billTo: { name: 'SoftBank Singapore Pte. Ltd.', country: 'SG', ultimateParentName: 'SoftBank Corp.', ultimateParentCountry: 'JP' },
      items: [{ model: 'B200', quantity: 128, unitValueUsd: 40000 }],
      endUse: 'Japanese LLM training',
      payment: { payerName: 'SoftBank Singapore Pte. Ltd.', originCountry: 'SG' },
      attributes: established({ sitePowerMw: 50 }),
    }),
    decision: 'allow',
    absent: ['THIRD_PARTY_PAYMENT', 'SHIP_BILL_ENDUSER_MISMATCH'],
  },
  {
    name: 'HUB1 established Singapore (A:6) data-centre operator buys 64 H100 for its own Jurong site (hub alone = info)',
    request: order({
      reference: 'SC-HUB1',
      buyer: { name: 'Singtel Digital InfraCo Pte. Ltd.', country: 'SG', kind: 'data_center_operator', headquartersCountry: 'SG', ultimateParentCountry: 'SG' },
      endUser: { name: 'Singtel Digital InfraCo Pte. Ltd.', country: 'SG', kind: 'data_center_operator', headquartersCountry: 'SG' },
      shipTo: { name: 'Nxera DC Tuas', country: 'SG', address: '1 Tuas South Link, Singapore' },
      items: [{ model: 'H100 SXM5', quantity: 64, unitValueUsd: 30000 }],
      endUse: 'Sovereign AI cloud for Singapore customers',
      payment: { payerName: 'Singtel Digital InfraCo Pte. Ltd.', originCountry: 'SG' },
      attributes: established(),
    }),
    decision: 'allow',
    codes: ['TRANSSHIPMENT_HUB'],
  },
  {
    name: 'HUB2 established Malaysian data-centre operator buys 32 H200 for its own Cyberjaya site (hub alone = info)',
    request: order({
      reference: 'SC-HUB2',
      buyer: { name: 'YTL Communications Sdn Bhd', country: 'MY', kind: 'data_center_operator', headquartersCountry: 'MY', ultimateParentCountry: 'MY' },
      endUser: { name: 'YTL Communications Sdn Bhd', country: 'MY', kind: 'data_center_operator', headquartersCountry: 'MY' },
      shipTo: { name: 'YTL Green Data Center Park', country: 'MY', address: 'Kulai, Johor' },
      items: [{ model: 'H200 SXM', quantity: 32, unitValueUsd: 32000 }],
      endUse: 'AI cloud for Malaysian enterprises',
      payment: { payerName: 'YTL Communications Sdn Bhd', originCountry: 'MY' },
      attributes: established(),
    }),
    decision: 'allow',
    codes: ['TRANSSHIPMENT_HUB'],
  },
  // ---------------------------------------------------------------------------------------------
  // Listed parties under other spellings (real entries of the shared lists)
  // ---------------------------------------------------------------------------------------------
  {
    name: 'L1 Entity List: "Inspur Electronic Info Industry Co Ltd" (abbreviated) buys H100 servers for Jinan',
    request: order({
      reference: 'SC-L1',
      buyer: { name: 'Inspur Electronic Info Industry Co Ltd', country: 'CN', address: 'No. 1036 Langchao Rd, Jinan, Shandong' },
      endUser: { name: 'Inspur Electronic Info Industry Co Ltd', country: 'CN' },
      shipTo: { name: 'Inspur Jinan campus', country: 'CN', address: 'No. 1036 Langchao Road, Jinan' },
      items: [{ model: 'HGX H100', quantity: 10 }],
      endUse: 'Server integration',
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH', 'LICENSE_REQUIRED'],
    sources: [{ subject: 'buyer', source: 'EL' }],
  },
  {
    name: 'L2 Entity List: end user "Biren Tech (Shanghai)" behind a Singapore reseller buying H20',
    request: order({
      reference: 'SC-L2',
      buyer: { name: 'Lion City Compute Trading Pte Ltd', country: 'SG', kind: 'distributor' },
      endUser: { name: 'Shanghai Biren Technology', country: 'CN', address: 'Room 1302, 13th Floor, No. 2388 Chenhang Highway, Minhang District, Shanghai' },
      shipTo: { name: 'Lion City Compute warehouse', country: 'SG', kind: 'distributor' },
      items: [{ model: 'H20', quantity: 200 }],
      endUse: 'GPU design benchmarking',
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'endUser', source: 'EL' }],
  },
  {
    name: 'L3 Entity List: "Moore Threads Intelligent Tech Beijing" (plural, short form) orders L20 boards',
    request: order({
      reference: 'SC-L3',
      buyer: { name: 'Moore Threads Intelligent Tech (Beijing) Co', country: 'CN' },
      endUser: { name: 'Moore Threads Intelligent Tech (Beijing) Co', country: 'CN' },
      shipTo: { name: 'Moore Threads Haidian office', country: 'CN', address: 'Haidian Street 31, Beijing' },
      items: [{ model: 'L20', quantity: 40 }],
      endUse: 'Driver development',
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'buyer', source: 'EL' }],
  },
  {
    name: 'L4 Entity List: "Dawning Information Industry" (alias of Sugon) as end user of a Thai integrator order',
    request: order({
      reference: 'SC-L4',
      buyer: { name: 'Siam Server Solutions Co., Ltd.', country: 'TH', kind: 'reseller' },
      endUser: { name: 'Dawning Information Industry Co', country: 'CN' },
      shipTo: { name: 'Siam Server Solutions', country: 'TH', address: 'Bang Na, Bangkok' },
      items: [{ model: 'MI250X', quantity: 16 }],
      endUse: 'HPC cluster',
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'endUser', source: 'EL' }],
  },
  {
    name: 'L5 Entity List applies to all items: "Hangzhou Hikvision Digital Tech Co Ltd" buys uncontrolled RTX 4090D cards',
    request: order({
      reference: 'SC-L5',
      buyer: { name: 'Hangzhou Hikvision Digital Tech Co Ltd', country: 'CN', address: '555 Qianmo Rd, Binjiang, Hangzhou' },
      endUser: { name: 'Hangzhou Hikvision Digital Tech Co Ltd', country: 'CN' },
      shipTo: { name: 'Hikvision Hangzhou HQ', country: 'CN', address: '555 Qianmo Rd, Binjiang, Hangzhou' },
      items: [{ model: 'RTX 4090D', quantity: 50 }],
      endUse: 'Video analytics development',
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH', 'NOT_CONTROLLED'],
    sources: [{ subject: 'buyer', source: 'EL' }],
  },
  {
    name: 'L5b fuzzy hit needs a human: "Hikvision Digital Technology Co., Ltd." without the city prefix is a possible match, review (never allow)',
    request: order({
      reference: 'SC-L5b',
      buyer: { name: 'Hikvision Digital Technology Co., Ltd.', country: 'CN' },
      endUser: { name: 'Hikvision Digital Technology Co., Ltd.', country: 'CN' },
      shipTo: { name: 'Binjiang office', country: 'CN' },
      items: [{ model: 'RTX 4090D', quantity: 50 }],
    }),
    decision: 'review',
    codes: ['PARTY_POSSIBLE_MATCH'],
    absent: ['PARTY_LIST_MATCH'],
  },
  {
    name: 'L6 Entity List: "Semiconductor Mfg Intl Corp" (SMIC) end user of a Hong Kong distributor order',
    request: order({
      reference: 'SC-L6',
      buyer: { name: 'Pearl Delta Components Ltd', country: 'HK', kind: 'distributor' },
      endUser: { name: 'Semiconductor Mfg Intl Corp', country: 'CN', address: '18 Zhangjiang Rd, Pudong, Shanghai' },
      shipTo: { name: 'Pearl Delta Components Ltd', country: 'HK' },
      items: [{ model: 'L2', quantity: 8 }],
      endUse: 'Fab yield analytics',
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'endUser', source: 'EL' }],
  },
  {
    name: 'L7 C7-style: US server unit whose named ultimate parent is Inspur (EL) buys B200 for a Malaysian site',
    request: order({
      reference: 'SC-L7',
      buyer: {
        name: 'Aivres Systems Inc.',
        country: 'US',
        kind: 'manufacturer',
        headquartersCountry: 'US',
        ultimateParentName: 'Inspur Electronic Information Industry',
        ultimateParentCountry: 'CN',
      },
      endUser: { name: 'Speedmatrix Data Sdn Bhd', country: 'MY', kind: 'data_center_operator' },
      shipTo: { name: 'Speedmatrix Johor DC', country: 'MY', address: 'Sedenak Tech Park, Johor' },
      items: [{ model: 'B200', quantity: 512 }],
      endUse: 'GPU cloud',
    }),
    decision: 'deny',
    // the HQ rule looks at the Malaysian end user, not the reseller (see D3); the listed parent decides
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'buyer.ultimateParent', source: 'EL' }],
  },
  {
    name: 'L8 OFAC SDN: "Beijing Alite Technologies Company Limited" (NPWMD) orders RTX 4090D cards',
    request: order({
      reference: 'SC-L8',
      buyer: { name: 'Beijing Alite Technologies Company Limited', country: 'CN', address: 'Beisanhuan Zhong Road, Beijing' },
      endUser: { name: 'Beijing Alite Technologies Company Limited', country: 'CN' },
      shipTo: { name: 'Beijing Alite Technologies', country: 'CN' },
      items: [{ model: 'RTX 4090D', quantity: 10 }],
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'buyer', source: 'SDN' }],
  },
  {
    name: 'L9 MEU List: "AVIC Leihua Electronic Tech Research Inst" buys L2 cards (uncontrolled, still a military end user)',
    request: order({
      reference: 'SC-L9',
      buyer: { name: 'AVIC Leihua Electronic Tech. Research Institute', country: 'CN', address: '796 Liangxi Road, Wuxi' },
      endUser: { name: 'AVIC Leihua Electronic Tech. Research Institute', country: 'CN' },
      shipTo: { name: 'AVIC Leihua', country: 'CN', address: '796 Liangxi Road, Binhu District, Wuxi' },
      items: [{ model: 'L2', quantity: 4 }],
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'buyer', source: 'MEU' }],
  },
  {
    name: 'L10 Hong Kong address-only entry: innocent-sounding trader ships RTX 4090D to Hollywood Plaza, 610 Nathan Rd',
    request: order({
      reference: 'SC-L10',
      buyer: { name: 'Bright Harbour Gaming Supplies Ltd', country: 'HK', kind: 'reseller' },
      endUser: { name: 'Bright Harbour Gaming Supplies Ltd', country: 'HK', kind: 'reseller' },
      shipTo: {
        name: 'Bright Harbour Gaming Supplies Ltd',
        country: 'HK',
        address: 'Rm 1318-19, 13/F Hollywood Plaza, 610 Nathan Rd, Mongkok, Kowloon, Hong Kong',
      },
      items: [{ model: 'RTX 4090D', quantity: 30 }],
      endUse: 'Resale to gaming cafés',
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'shipTo', source: 'EL', matchedOn: 'address' }],
  },
  // ---------------------------------------------------------------------------------------------
  // Embargoed destinations (Part 746)
  // ---------------------------------------------------------------------------------------------
  {
    name: 'E1 Iranian university orders A100 via a Dubai trader (E:1 embargo)',
    request: order({
      reference: 'SC-E1',
      buyer: { name: 'Gulf Star General Trading LLC', country: 'AE', kind: 'reseller' },
      endUser: { name: 'Sharif University of Technology', country: 'IR', kind: 'university' },
      shipTo: { name: 'Gulf Star General Trading', country: 'AE', address: 'Deira, Dubai' },
      items: [{ model: 'A100 SXM4', quantity: 8 }],
    }),
    decision: 'deny',
    codes: ['EMBARGOED_DESTINATION'],
  },
  {
    name: 'E2 Russia: even an uncontrolled RTX 4090D to Moscow is a hard stop (Part 746.8)',
    request: order({
      reference: 'SC-E2',
      buyer: { name: 'OOO Vychislitelnye Sistemy', country: 'RU' },
      endUser: { name: 'OOO Vychislitelnye Sistemy', country: 'RU' },
      shipTo: { name: 'OOO Vychislitelnye Sistemy', country: 'RU', address: 'Moscow' },
      items: [{ model: 'RTX 4090D', quantity: 20 }],
    }),
    decision: 'deny',
    codes: ['EMBARGOED_DESTINATION'],
  },
  {
    name: 'E3 North Korea ship-to for L4 cards (E:1)',
    request: order({
      reference: 'SC-E3',
      buyer: { name: 'Korea Pugang Trading', country: 'KP' },
      shipTo: { name: 'Korea Pugang Trading', country: 'KP', address: 'Pyongyang' },
      items: [{ model: 'L4', quantity: 4 }],
    }),
    decision: 'deny',
    codes: ['EMBARGOED_DESTINATION'],
  },
  // ---------------------------------------------------------------------------------------------
  // China: destination licence, Jan 2026 tier (before / after), export from outside the US
  // ---------------------------------------------------------------------------------------------
  {
    name: 'CN1 H200 to a Chinese internet company on 2025-12-20, before the Jan 2026 tier: presumption of denial',
    request: order({
      reference: 'SC-CN1',
      date: '2025-12-20',
      buyer: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN', headquartersCountry: 'CN' },
      endUser: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN', headquartersCountry: 'CN' },
      shipTo: { name: 'Cloudsea Hangzhou DC', country: 'CN' },
      items: [{ model: 'H200 SXM', quantity: 64 }],
      endUse: 'Recommendation models',
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
    absent: ['CASE_BY_CASE_TIER_2026'],
  },
  {
    name: 'CN2 the same H200 order on 2026-11-20, under the Jan 2026 tier: case-by-case review, not deny',
    request: order({
      reference: 'SC-CN2',
      buyer: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN', headquartersCountry: 'CN' },
      endUser: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN', headquartersCountry: 'CN' },
      shipTo: { name: 'Cloudsea Hangzhou DC', country: 'CN' },
      items: [{ model: 'H200 SXM', quantity: 64 }],
      endUse: 'Recommendation models',
      attributes: established(),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED', 'CASE_BY_CASE_TIER_2026'],
    severities: { LICENSE_REQUIRED: 'review' },
  },
  {
    name: 'CN3 B200 (above the Jan 2026 tier) to a Shenzhen integrator: presumption of denial',
    request: order({
      reference: 'SC-CN3',
      buyer: { name: 'Shenzhen Yunhai Computing Co., Ltd.', country: 'CN' },
      endUser: { name: 'Shenzhen Yunhai Computing Co., Ltd.', country: 'CN' },
      shipTo: { name: 'Shenzhen Yunhai Computing', country: 'CN' },
      items: [{ model: 'B200', quantity: 16 }],
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
    absent: ['CASE_BY_CASE_TIER_2026'],
  },
  {
    name: 'CN4 H200 re-exported from Taiwan to China: the Jan 2026 tier covers only exports from the US',
    request: order({
      reference: 'SC-CN4',
      exportFrom: 'TW',
      buyer: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN' },
      endUser: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN' },
      shipTo: { name: 'Cloudsea Hangzhou DC', country: 'CN' },
      items: [{ model: 'H200 SXM', quantity: 8 }],
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
  },
  {
    name: "CN5 US multinational's Shanghai subsidiary (US-headquartered end user) buys H100: presumption of approval, review",
    request: order({
      reference: 'SC-CN5',
      date: '2025-12-20',
      buyer: {
        name: 'Northwind Instruments (Shanghai) Co., Ltd.',
        country: 'CN',
        headquartersCountry: 'US',
        ultimateParentName: 'Northwind Instruments Inc.',
        ultimateParentCountry: 'US',
      },
      endUser: { name: 'Northwind Instruments (Shanghai) Co., Ltd.', country: 'CN', headquartersCountry: 'US', ultimateParentCountry: 'US' },
      shipTo: { name: 'Northwind Shanghai R&D Centre', country: 'CN' },
      items: [{ model: 'H100 SXM5', quantity: 8 }],
      endUse: 'Protein-structure prediction',
      attributes: established({ siteType: 'lab', sitePowerMw: 2 }),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'review' },
  },
  {
    name: 'R1 A800 to a Chinese lab on 2023-01-10: designed to the 2022 interconnect gap (400 GB/s < 600), not 3A090 then, allow',
    request: order({
      reference: 'SC-R1',
      date: '2023-01-10',
      buyer: { name: 'Wuhan Optics Valley AI Lab Co., Ltd.', country: 'CN', kind: 'end_user' },
      endUser: { name: 'Wuhan Optics Valley AI Lab Co., Ltd.', country: 'CN', kind: 'end_user' },
      shipTo: { name: 'Wuhan Optics Valley AI Lab', country: 'CN', address: 'East Lake High-tech Zone, Wuhan' },
      items: [{ model: 'A800 SXM', quantity: 8, unitValueUsd: 15000 }],
      endUse: 'Speech recognition research',
      payment: { payerName: 'Wuhan Optics Valley AI Lab Co., Ltd.', originCountry: 'CN' },
      attributes: established({ siteType: 'lab', sitePowerMw: 1 }),
    }),
    decision: 'allow',
    absent: ['LICENSE_REQUIRED'],
  },
  {
    name: 'R2 the same A800 order on 2024-01-10, after the Oct 2023 TPP/PD rule (effective Nov 17 2023): presumption of denial',
    request: order({
      reference: 'SC-R2',
      date: '2024-01-10',
      buyer: { name: 'Wuhan Optics Valley AI Lab Co., Ltd.', country: 'CN', kind: 'end_user' },
      endUser: { name: 'Wuhan Optics Valley AI Lab Co., Ltd.', country: 'CN', kind: 'end_user' },
      shipTo: { name: 'Wuhan Optics Valley AI Lab', country: 'CN', address: 'East Lake High-tech Zone, Wuhan' },
      items: [{ model: 'A800 SXM', quantity: 8, unitValueUsd: 15000 }],
      endUse: 'Speech recognition research',
      payment: { payerName: 'Wuhan Optics Valley AI Lab Co., Ltd.', originCountry: 'CN' },
      attributes: established({ siteType: 'lab', sitePowerMw: 1 }),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
  },
  {
    name: 'R3 H100 to a Nicaraguan telecom on 2024-01-10, before Nicaragua joined D:1/D:5 (Mar 15 2024): no licence, allow',
    request: order({
      reference: 'SC-R3',
      date: '2024-01-10',
      buyer: { name: 'Telecomunicaciones de Managua S.A.', country: 'NI', kind: 'end_user', headquartersCountry: 'NI' },
      endUser: { name: 'Telecomunicaciones de Managua S.A.', country: 'NI', kind: 'end_user', headquartersCountry: 'NI' },
      shipTo: { name: 'Telecomunicaciones de Managua, centro de datos', country: 'NI', address: 'Managua' },
      items: [{ model: 'H100 SXM5', quantity: 8, unitValueUsd: 30000 }],
      endUse: 'Network analytics',
      payment: { payerName: 'Telecomunicaciones de Managua S.A.', originCountry: 'NI' },
      attributes: established(),
    }),
    decision: 'allow',
  },
  {
    name: 'R4 the same Nicaraguan order on 2024-06-10, after Nicaragua joined D:5: presumption of denial',
    request: order({
      reference: 'SC-R4',
      date: '2024-06-10',
      buyer: { name: 'Telecomunicaciones de Managua S.A.', country: 'NI', kind: 'end_user', headquartersCountry: 'NI' },
      endUser: { name: 'Telecomunicaciones de Managua S.A.', country: 'NI', kind: 'end_user', headquartersCountry: 'NI' },
      shipTo: { name: 'Telecomunicaciones de Managua, centro de datos', country: 'NI', address: 'Managua' },
      items: [{ model: 'H100 SXM5', quantity: 8, unitValueUsd: 30000 }],
      endUse: 'Network analytics',
      payment: { payerName: 'Telecomunicaciones de Managua S.A.', originCountry: 'NI' },
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
  },
  {
    name: 'R5 H100 to a Cambodian bank on 2025-11-01, while Cambodia was still D:5: presumption of denial',
    request: order({
      reference: 'SC-R5',
      date: '2025-11-01',
      buyer: { name: 'Mekong Commercial Bank Plc', country: 'KH', kind: 'end_user', headquartersCountry: 'KH' },
      endUser: { name: 'Mekong Commercial Bank Plc', country: 'KH', kind: 'end_user', headquartersCountry: 'KH' },
      shipTo: { name: 'Mekong Commercial Bank data centre', country: 'KH', address: 'Phnom Penh' },
      items: [{ model: 'H100 SXM5', quantity: 8, unitValueUsd: 30000 }],
      endUse: 'Fraud detection',
      payment: { payerName: 'Mekong Commercial Bank Plc', originCountry: 'KH' },
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
  },
  {
    name: 'R6 the same Cambodian order on 2026-11-20, after Cambodia left D:5 (Feb 3 2026; still D:1): case-by-case, review',
    request: order({
      reference: 'SC-R6',
      buyer: { name: 'Mekong Commercial Bank Plc', country: 'KH', kind: 'end_user', headquartersCountry: 'KH' },
      endUser: { name: 'Mekong Commercial Bank Plc', country: 'KH', kind: 'end_user', headquartersCountry: 'KH' },
      shipTo: { name: 'Mekong Commercial Bank data centre', country: 'KH', address: 'Phnom Penh' },
      items: [{ model: 'H100 SXM5', quantity: 8, unitValueUsd: 30000 }],
      endUse: 'Fraud detection',
      payment: { payerName: 'Mekong Commercial Bank Plc', originCountry: 'KH' },
      attributes: established(),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'review' },
  },
  // ---------------------------------------------------------------------------------------------
  // Consumer GPUs
  // ---------------------------------------------------------------------------------------------
  {
    name: 'G1 RTX 4090 (non-datacenter 3A090.a) to a Chinese PC retailer: licence or NAC, review',
    request: order({
      reference: 'SC-G1',
      buyer: { name: 'Chengdu Jixiang Computer Retail Co., Ltd.', country: 'CN', kind: 'reseller' },
      endUser: { name: 'Chengdu Jixiang Computer Retail Co., Ltd.', country: 'CN', kind: 'reseller' },
      shipTo: { name: 'Chengdu Jixiang Computer Retail', country: 'CN' },
      items: [{ model: 'RTX 4090', quantity: 40 }],
      endUse: 'Retail sale of gaming PCs',
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED', 'NAC_ELIGIBLE'],
  },
  {
    name: 'G2 RTX 4090D (designed under Note 2, TPP < 4800) to the same Chinese retailer: no licence, allow',
    request: order({
      reference: 'SC-G2',
      buyer: { name: 'Chengdu Jixiang Computer Retail Co., Ltd.', country: 'CN', kind: 'reseller' },
      endUser: { name: 'Chengdu Jixiang Computer Retail Co., Ltd.', country: 'CN', kind: 'reseller' },
      shipTo: { name: 'Chengdu Jixiang Computer Retail', country: 'CN', address: 'Wuhou District, Chengdu' },
      items: [{ model: 'RTX 4090D', quantity: 40, unitValueUsd: 1700 }],
      endUse: 'Retail sale of gaming PCs',
      payment: { payerName: 'Chengdu Jixiang Computer Retail Co., Ltd.', originCountry: 'CN' },
      attributes: established({ siteType: 'retail', sitePowerMw: 0.2 }),
    }),
    decision: 'allow',
    codes: ['NOT_CONTROLLED'],
  },
  {
    name: 'G3 RTX 5090 to a Vietnamese system builder (D:1, not D:5): licence or ACA, review',
    request: order({
      reference: 'SC-G3',
      buyer: { name: 'Hanoi Gaming Systems JSC', country: 'VN', kind: 'reseller' },
      endUser: { name: 'Hanoi Gaming Systems JSC', country: 'VN', kind: 'reseller' },
      shipTo: { name: 'Hanoi Gaming Systems JSC', country: 'VN' },
      items: [{ model: 'RTX 5090', quantity: 20 }],
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED', 'ACA_ELIGIBLE'],
  },
  // ---------------------------------------------------------------------------------------------
  // H20-class parts (is-informed letters), before / after the letter
  // ---------------------------------------------------------------------------------------------
  {
    name: 'H1 H20 to a Beijing AI company on 2026-11-20: covered by the NVIDIA is-informed letter, review',
    request: order({
      reference: 'SC-H1',
      buyer: { name: 'Beijing Zhiyuan Model Technology Co., Ltd.', country: 'CN' },
      endUser: { name: 'Beijing Zhiyuan Model Technology Co., Ltd.', country: 'CN' },
      shipTo: { name: 'Beijing Zhiyuan Model Technology', country: 'CN' },
      items: [{ model: 'H20', quantity: 64 }],
      endUse: 'LLM inference',
    }),
    decision: 'review',
    codes: ['INFORMED_LETTER_ITEM'],
  },
  {
    name: 'H2 the same H20 order on 2025-03-01, before the letter (Apr 14 2025): not 3A090, allow',
    request: order({
      reference: 'SC-H2',
      date: '2025-03-01',
      buyer: { name: 'Beijing Zhiyuan Model Technology Co., Ltd.', country: 'CN', kind: 'end_user' },
      endUser: { name: 'Beijing Zhiyuan Model Technology Co., Ltd.', country: 'CN', kind: 'end_user' },
      shipTo: { name: 'Beijing Zhiyuan Model Technology', country: 'CN', address: 'Haidian District, Beijing' },
      items: [{ model: 'H20', quantity: 64, unitValueUsd: 12000 }],
      endUse: 'LLM inference',
      payment: { payerName: 'Beijing Zhiyuan Model Technology Co., Ltd.', originCountry: 'CN' },
      attributes: established(),
    }),
    decision: 'allow',
    absent: ['INFORMED_LETTER_ITEM'],
  },
  {
    name: 'H3 MI308X to a Shenzhen cloud provider: AMD letter, review',
    request: order({
      reference: 'SC-H3',
      buyer: { name: 'Shenzhen Qianhai Cloud Co., Ltd.', country: 'CN', kind: 'cloud_provider' },
      endUser: { name: 'Shenzhen Qianhai Cloud Co., Ltd.', country: 'CN', kind: 'cloud_provider' },
      shipTo: { name: 'Qianhai Cloud DC', country: 'CN' },
      items: [{ model: 'MI308X', quantity: 32 }],
    }),
    decision: 'review',
    codes: ['INFORMED_LETTER_ITEM'],
  },
  {
    name: "H4 unnamed custom card with the H20's memory (4.0 TB/s) and NVLink (900 GB/s) bandwidth to China: letter equivalence, review",
    request: order({
      reference: 'SC-H4',
      buyer: { name: 'Suzhou Lingyun Inference Co., Ltd.', country: 'CN' },
      endUser: { name: 'Suzhou Lingyun Inference Co., Ltd.', country: 'CN' },
      shipTo: { name: 'Suzhou Lingyun Inference', country: 'CN' },
      items: [
        {
          model: 'Custom inference card XR-7',
          quantity: 16,
          specs: { denseTops: { fp16: 140, fp8: 280 }, dieAreaMm2: 800, datacenter: true, memoryBandwidthGBs: 4000, interconnectGBs: 900 },
        },
      ],
    }),
    decision: 'review',
    codes: ['INFORMED_LETTER_ITEM'],
    absent: ['LICENSE_REQUIRED'],
  },
  {
    name: 'H5 H20 to a Hong Kong buyer: Hong Kong is China for the letter ("China (including Hong Kong and Macau)"), review',
    request: order({
      reference: 'SC-H5',
      buyer: { name: 'Victoria Peak AI Services Ltd', country: 'HK' },
      endUser: { name: 'Victoria Peak AI Services Ltd', country: 'HK' },
      shipTo: { name: 'Victoria Peak AI Services, Tseung Kwan O DC', country: 'HK' },
      items: [{ model: 'H20', quantity: 16 }],
    }),
    decision: 'review',
    codes: ['INFORMED_LETTER_ITEM'],
  },
  // ---------------------------------------------------------------------------------------------
  // Licence on file, NAC / ACA
  // ---------------------------------------------------------------------------------------------
  {
    name: 'N1 H200 to China with a valid BIS licence on file (2026-11-20): allow',
    request: order({
      reference: 'SC-N1',
      buyer: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN', kind: 'end_user', headquartersCountry: 'CN' },
      endUser: { name: 'Hangzhou Cloudsea Information Technology Co., Ltd.', country: 'CN', kind: 'end_user', headquartersCountry: 'CN' },
      shipTo: { name: 'Cloudsea Hangzhou DC', country: 'CN', address: 'Xihu District, Hangzhou' },
      items: [{ model: 'H200 SXM', quantity: 64, unitValueUsd: 32000 }],
      endUse: 'Recommendation models',
      payment: { payerName: 'Hangzhou Cloudsea Information Technology Co., Ltd.', originCountry: 'CN' },
      licenses: [{ type: 'license', number: 'D1234567', validUntil: '2027-06-30' }],
      attributes: established(),
    }),
    decision: 'allow',
    codes: ['LICENSE_ON_FILE'],
  },
  {
    name: 'N2 B200 to China with an expired licence: the licence does not count, deny',
    request: order({
      reference: 'SC-N2',
      buyer: { name: 'Shenzhen Yunhai Computing Co., Ltd.', country: 'CN' },
      endUser: { name: 'Shenzhen Yunhai Computing Co., Ltd.', country: 'CN' },
      shipTo: { name: 'Shenzhen Yunhai Computing', country: 'CN' },
      items: [{ model: 'B200', quantity: 16 }],
      licenses: [{ type: 'license', number: 'D7654321', validUntil: '2026-06-30' }],
    }),
    decision: 'deny',
    codes: ['LICENSE_EXPIRED', 'LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
    absent: ['LICENSE_ON_FILE'],
  },
  {
    name: 'N3 RTX 4090 to the Chinese retailer with a NAC notification on file: hold for the 25-day window',
    request: order({
      reference: 'SC-N3',
      buyer: { name: 'Chengdu Jixiang Computer Retail Co., Ltd.', country: 'CN', kind: 'reseller' },
      endUser: { name: 'Chengdu Jixiang Computer Retail Co., Ltd.', country: 'CN', kind: 'reseller' },
      shipTo: { name: 'Chengdu Jixiang Computer Retail', country: 'CN' },
      items: [{ model: 'RTX 4090', quantity: 6 }],
      licenses: [{ type: 'NAC', number: 'NAC-2026-0042' }],
    }),
    decision: 'review',
    codes: ['NAC_NOTIFIED'],
  },
  {
    name: 'N4 NAC claimed for datacenter B200 to China: NAC is not available for DC 3A090.a, deny',
    request: order({
      reference: 'SC-N4',
      buyer: { name: 'Shenzhen Yunhai Computing Co., Ltd.', country: 'CN' },
      endUser: { name: 'Shenzhen Yunhai Computing Co., Ltd.', country: 'CN' },
      shipTo: { name: 'Shenzhen Yunhai Computing', country: 'CN' },
      items: [{ model: 'B200', quantity: 8 }],
      licenses: [{ type: 'NAC', number: 'NAC-2026-0099' }],
    }),
    decision: 'deny',
    codes: ['LICENSE_EXCEPTION_NOT_ELIGIBLE', 'LICENSE_REQUIRED'],
    absent: ['NAC_NOTIFIED'],
  },
  // ---------------------------------------------------------------------------------------------
  // Headquarters rule (742.6(a)(6)(iii)(A) / 744.23(a)(3)) and the UAE rule
  // ---------------------------------------------------------------------------------------------
  {
    name: 'HQ1 Malaysian subsidiary of a Chinese cloud company (HQ CN) buys H100 for Johor: HQ rule, deny',
    request: order({
      reference: 'SC-HQ1',
      buyer: { name: 'Nusantara Cloud Compute Sdn Bhd', country: 'MY', kind: 'cloud_provider', headquartersCountry: 'CN', ultimateParentCountry: 'CN' },
      endUser: { name: 'Nusantara Cloud Compute Sdn Bhd', country: 'MY', kind: 'cloud_provider', headquartersCountry: 'CN', ultimateParentCountry: 'CN' },
      shipTo: { name: 'Nusantara Cloud Johor DC', country: 'MY', address: 'Kulai, Johor' },
      items: [{ model: 'H100 SXM5', quantity: 128 }],
      endUse: 'Cloud capacity',
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED_HQ'],
    severities: { LICENSE_REQUIRED_HQ: 'deny' },
  },
  {
    name: 'HQ2 German company whose ultimate parent is headquartered in China buys L40S: HQ rule, deny',
    request: order({
      reference: 'SC-HQ2',
      buyer: { name: 'Rheinland Vision Analytics GmbH', country: 'DE', headquartersCountry: 'DE', ultimateParentCountry: 'CN' },
      endUser: { name: 'Rheinland Vision Analytics GmbH', country: 'DE', headquartersCountry: 'DE', ultimateParentCountry: 'CN' },
      shipTo: { name: 'Rheinland Vision Analytics GmbH', country: 'DE', address: 'Düsseldorf' },
      items: [{ model: 'L40S', quantity: 24 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED_HQ'],
  },
  {
    name: 'HQ3 Macau-headquartered end user takes A100 in Thailand: HQ rule, deny',
    request: order({
      reference: 'SC-HQ3',
      buyer: { name: 'Lotus Bay Data Services Ltd', country: 'TH', headquartersCountry: 'MO' },
      endUser: { name: 'Lotus Bay Data Services Ltd', country: 'TH', headquartersCountry: 'MO' },
      shipTo: { name: 'Lotus Bay Bangkok DC', country: 'TH' },
      items: [{ model: 'A100 SXM4', quantity: 16 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED_HQ'],
  },
  {
    name: 'HQ4 RTX 4090 (non-DC) to a Singapore studio headquartered in China: HQ rule with NAC, review',
    request: order({
      reference: 'SC-HQ4',
      buyer: { name: 'Pixel Lantern Studio Pte Ltd', country: 'SG', headquartersCountry: 'CN' },
      endUser: { name: 'Pixel Lantern Studio Pte Ltd', country: 'SG', headquartersCountry: 'CN' },
      shipTo: { name: 'Pixel Lantern Studio', country: 'SG', address: 'One-North, Singapore' },
      items: [{ model: 'RTX 4090', quantity: 10 }],
      attributes: established({ siteType: 'office' }),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED_HQ', 'NAC_ELIGIBLE'],
    severities: { LICENSE_REQUIRED_HQ: 'review' },
  },
  {
    name: 'U1 H100 to a non-approved UAE company after the Jul 2026 UAE rule: licence still required, review',
    request: order({
      reference: 'SC-U1',
      buyer: { name: 'Falcon Desert Compute LLC', country: 'AE', headquartersCountry: 'AE' },
      endUser: { name: 'Falcon Desert Compute LLC', country: 'AE', headquartersCountry: 'AE' },
      shipTo: { name: 'Falcon Desert Compute Abu Dhabi', country: 'AE' },
      items: [{ model: 'H100 SXM5', quantity: 64 }],
      attributes: established(),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED_UAE'],
  },
  {
    // Was `allow` ("no licence needed"): the UAE rule gives approved parties License Exception STA, whose conditions
    // (15 CFR 740.20: prior consignee statement, ECCN notice) must be confirmed before shipping, so it is review.
    name: 'U2 G42 (Supp. No. 8 approved) takes H100 in Abu Dhabi on 2026-11-20: License Exception STA with conditions, review',
    request: order({
      reference: 'SC-U2',
      buyer: { name: 'G42', country: 'AE', kind: 'data_center_operator', headquartersCountry: 'AE' },
      endUser: { name: 'G42', country: 'AE', kind: 'data_center_operator', headquartersCountry: 'AE' },
      shipTo: { name: 'G42 Abu Dhabi campus', country: 'AE', address: 'Masdar City, Abu Dhabi' },
      items: [{ model: 'H100 SXM5', quantity: 64, unitValueUsd: 30000 }],
      endUse: 'Arabic LLM training',
      payment: { payerName: 'G42', originCountry: 'AE' },
      attributes: established(),
    }),
    decision: 'review',
    codes: ['UAE_APPROVED_PARTY', 'STA_ELIGIBLE'],
    severities: { LICENSE_REQUIRED_UAE: 'review' },
  },
  {
    name: 'U3 the same G42 order on 2027-05-01, after the Supp. No. 8 authorisation expired (2027-04-06): review',
    request: order({
      reference: 'SC-U3',
      date: '2027-05-01',
      buyer: { name: 'G42', country: 'AE', kind: 'data_center_operator', headquartersCountry: 'AE' },
      endUser: { name: 'G42', country: 'AE', kind: 'data_center_operator', headquartersCountry: 'AE' },
      shipTo: { name: 'G42 Abu Dhabi campus', country: 'AE', address: 'Masdar City, Abu Dhabi' },
      items: [{ model: 'H100 SXM5', quantity: 64, unitValueUsd: 30000 }],
      payment: { payerName: 'G42', originCountry: 'AE' },
      attributes: established(),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED_UAE'],
    absent: ['UAE_APPROVED_PARTY'],
  },
  {
    name: 'U4 H100 to a UAE company on 2026-06-01, before the UAE rule (UAE still D:4): destination licence, review',
    request: order({
      reference: 'SC-U4',
      date: '2026-06-01',
      buyer: { name: 'Falcon Desert Compute LLC', country: 'AE', headquartersCountry: 'AE' },
      endUser: { name: 'Falcon Desert Compute LLC', country: 'AE', headquartersCountry: 'AE' },
      shipTo: { name: 'Falcon Desert Compute Abu Dhabi', country: 'AE' },
      items: [{ model: 'H100 SXM5', quantity: 64 }],
      attributes: established(),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED'],
    absent: ['LICENSE_REQUIRED_UAE'],
  },
  // ---------------------------------------------------------------------------------------------
  // GP10 and the enforcement cases of red-flags.md
  // ---------------------------------------------------------------------------------------------
  {
    name: 'GP1 Dutch reseller offers Huawei Ascend 910B cards to a Polish lab: GP10, deny',
    request: order({
      reference: 'SC-GP1',
      buyer: { name: 'Lowlands Compute Brokers B.V.', country: 'NL', kind: 'reseller' },
      endUser: { name: 'Krakow Vision Lab Sp. z o.o.', country: 'PL' },
      shipTo: { name: 'Krakow Vision Lab', country: 'PL' },
      items: [{ model: 'Ascend 910B', quantity: 16 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['GP10_ADVANCED_COMPUTING_ICS'],
  },
  {
    name: 'C1 ALX: new US shell buys H100 servers and RTX 4090, pays from HK, ships to a Singapore forwarder for a non-existent customer',
    request: order({
      reference: 'SC-C1',
      date: '2024-12-10',
      buyer: { name: 'ALX Solutions Inc.', country: 'US', incorporatedOn: '2022-11-15', address: 'El Monte, CA' },
      endUser: { name: 'Lion Peak Technologies Pte Ltd', country: 'SG' },
      shipTo: { name: 'Swift Cargo Forwarding Pte Ltd', country: 'SG', kind: 'freight_forwarder', address: 'Airport Logistics Park, Singapore' },
      items: [
        { model: 'HGX H100', quantity: 20 },
        { model: 'RTX 4090', quantity: 200 },
      ],
      endUse: 'AI research for Singapore customer',
      payment: { payerName: 'Hong Kong Wanxing Trading Ltd', originCountry: 'HK', method: 'wire' },
      attributes: { endUserVerified: false, websiteAgeMonths: 10 },
    }),
    decision: 'deny',
    codes: ['END_USER_UNVERIFIABLE', 'PAYMENT_FROM_RESTRICTED', 'FORWARDER_AS_CONSIGNEE', 'THIRD_PARTY_PAYMENT', 'FIRST_LARGE_ORDER'],
    severities: { END_USER_UNVERIFIABLE: 'deny', FORWARDER_AS_CONSIGNEE: 'deny', PAYMENT_FROM_RESTRICTED: 'deny' },
  },
  {
    name: 'C2 Janford: Tampa realty LLC buys A100/H200 for "Malaysia", paid by a Hong Kong company',
    request: order({
      reference: 'SC-C2',
      date: '2024-10-15',
      buyer: { name: 'Janford Realtor LLC', country: 'US', incorporatedOn: '2021-06-01', address: 'Tampa, FL' },
      endUser: { name: 'Kuala Lumpur AI Hub Sdn Bhd', country: 'MY' },
      shipTo: { name: 'Kuala Lumpur AI Hub Sdn Bhd', country: 'MY' },
      items: [
        { model: 'A100 SXM4', quantity: 400 },
        { model: 'H200 SXM', quantity: 50 },
      ],
      payment: { payerName: 'Victory Harbour Trading Ltd', originCountry: 'HK' },
      attributes: { registeredActivity: 'real estate' },
    }),
    decision: 'deny',
    codes: ['LINE_OF_BUSINESS_MISMATCH', 'PAYMENT_FROM_RESTRICTED'],
  },
  {
    name: 'C3 Operation Gatekeeper: shell buyer for "US customers" asks for relabelling and "computer parts" invoices, ships to a NJ warehouse',
    request: order({
      reference: 'SC-C3',
      date: '2025-05-01',
      buyer: { name: 'Hao Global LLC', country: 'US', incorporatedOn: '2024-08-01' },
      endUser: { name: 'Hao Global LLC', country: 'US' },
      shipTo: { name: 'Secaucus Logistics Warehouse', country: 'US', address: 'Secaucus, NJ', kind: 'logistics' },
      items: [
        { model: 'H200 SXM', quantity: 300 },
        { model: 'HGX H100', quantity: 10 },
      ],
      endUse: 'for US customers',
      payment: { payerName: 'Hong Kong logistics company', originCountry: 'HK' },
      attributes: { relabelRequested: true, requestedInvoiceDescription: 'computer parts', siteType: 'warehouse' },
    }),
    decision: 'deny',
    codes: ['MISDESCRIBED_GOODS', 'RELABEL_OR_SERIAL_TAMPER'],
  },
  {
    name: 'C4 Supermicro-linked: SE-Asian intermediary, serial labels moved at audit, sales insider asks to ship before approval',
    request: order({
      reference: 'SC-C4',
      date: '2025-05-20',
      buyer: { name: 'Andaman Systems Integration Co., Ltd.', country: 'TH', kind: 'reseller' },
      endUser: { name: 'Andaman Systems Integration Co., Ltd.', country: 'TH', kind: 'reseller' },
      shipTo: { name: 'Andaman Systems Integration', country: 'TH' },
      intermediaries: [{ name: 'Pacific Repack Logistics Ltd', country: 'TH', kind: 'logistics' }],
      items: [{ model: 'HGX B200', quantity: 40 }],
      attributes: { serialMismatch: true, insiderOverrideRequested: true, priorOrderCount: 10 },
    }),
    decision: 'deny',
    codes: ['RELABEL_OR_SERIAL_TAMPER', 'INSIDER_OVERRIDE'],
  },
  {
    name: 'C5 Singapore fraud case: 1,000 H100 for the tenant of a Kuala Lumpur data centre still under construction',
    request: order({
      reference: 'SC-C5',
      date: '2024-11-01',
      buyer: { name: 'Aperia Cloud Services Pte Ltd', country: 'SG', kind: 'cloud_provider' },
      endUser: { name: 'Aperia Cloud Services Pte Ltd', country: 'MY', kind: 'cloud_provider' },
      shipTo: { name: 'Bukit Jalil hyperscale DC', country: 'MY', address: 'Bukit Jalil, Kuala Lumpur' },
      items: [{ model: 'DGX H100', quantity: 125 }],
      endUse: 'GPU cloud',
      attributes: { siteStatus: 'under_construction', sitePowerMw: 0, priorOrderCount: 2 },
    }),
    decision: 'review',
    codes: ['CAPACITY_MISMATCH'],
  },
  {
    name: 'C6 Taiwan -> Japan -> Hong Kong routing of Supermicro servers, papers name a Japanese logistics consignee',
    request: order({
      reference: 'SC-C6',
      date: '2026-05-20',
      exportFrom: 'TW',
      buyer: { name: 'Keelung Server Trading Co., Ltd.', country: 'TW', kind: 'reseller' },
      endUser: { name: 'Yokohama Data Labs KK', country: 'JP' },
      shipTo: { name: 'Narita Air Logistics KK', country: 'JP', kind: 'logistics' },
      intermediaries: [{ name: 'Kowloon Express Forwarding Ltd', country: 'HK', kind: 'freight_forwarder' }],
      items: [{ model: 'HGX H200', quantity: 50 }],
    }),
    decision: 'review',
    codes: ['ROUTE_ABNORMAL', 'FORWARDER_AS_CONSIGNEE'],
  },
  {
    name: 'C7 Megaspeed: repeat Malaysian buyer whose earlier servers were found still boxed at the BIS site visit',
    request: order({
      reference: 'SC-C7',
      date: '2025-06-01',
      buyer: { name: 'Megaspeed Malaysia Sdn Bhd', country: 'MY', kind: 'data_center_operator' },
      endUser: { name: 'Megaspeed Malaysia Sdn Bhd', country: 'MY', kind: 'data_center_operator' },
      shipTo: { name: 'Megaspeed Cyberjaya DC', country: 'MY' },
      items: [{ model: 'HGX B200', quantity: 100 }],
      attributes: { lastPostShipmentCheck: 'failed', priorOrderCount: 200, siteStatus: 'operational', sitePowerMw: 60 },
    }),
    decision: 'deny',
    codes: ['POST_SHIPMENT_FAIL'],
  },
  {
    name: 'C9 Malaysian shell with a one-month-old website makes a first order of 2,400 H100 and declines installation',
    request: order({
      reference: 'SC-C9',
      date: '2024-03-01',
      buyer: { name: 'Tiger Strait Digital Sdn Bhd', country: 'MY', incorporatedOn: '2023-12-01' },
      endUser: { name: 'Tiger Strait Digital Sdn Bhd', country: 'MY' },
      shipTo: { name: 'Tiger Strait Digital', country: 'MY', address: 'Level 12, Menara Shell, Kuala Lumpur' },
      items: [{ model: 'H100 SXM5', quantity: 2400 }],
      attributes: { websiteAgeMonths: 1, servicesDeclined: true, priorOrderCount: 0 },
    }),
    decision: 'review',
    codes: ['NEW_COMPANY', 'NO_WEB_PRESENCE', 'FIRST_LARGE_ORDER', 'DECLINES_INSTALL_SUPPORT'],
  },
  {
    name: 'C10 phantom data centre: Thai operator changes the ship-to after approval of an 8-GPU server order',
    request: order({
      reference: 'SC-C10',
      buyer: { name: 'Chao Phraya Compute Co., Ltd.', country: 'TH', kind: 'data_center_operator' },
      endUser: { name: 'Chao Phraya Compute Co., Ltd.', country: 'TH', kind: 'data_center_operator' },
      shipTo: { name: 'Chao Phraya Compute BKK1', country: 'TH' },
      items: [{ model: 'DGX B200', quantity: 12 }],
      attributes: established({ routingChangedAfterApproval: true }),
    }),
    decision: 'review',
    codes: ['ROUTING_CHANGE_LATE'],
  },
  {
    name: 'IAAS Malaysian cloud reserves H200 capacity to train models for a Beijing lab, logins from China',
    request: order({
      reference: 'SC-IAAS',
      buyer: { name: 'Straits GPU Cloud Sdn Bhd', country: 'MY', kind: 'cloud_provider' },
      endUser: { name: 'Straits GPU Cloud Sdn Bhd', country: 'MY', kind: 'cloud_provider' },
      shipTo: { name: 'Straits GPU Cloud Cyberjaya', country: 'MY' },
      items: [{ model: 'H200 SXM', quantity: 256 }],
      endUse: 'dedicated cluster to train large language models for a customer in Beijing, China',
      attributes: established({ iaasReservation: true, accessCountries: ['CN'] }),
    }),
    decision: 'review',
    codes: ['IAAS_PRC_BENEFICIARY', 'IAAS_RESTRICTED_ACCESS'],
  },
  {
    name: 'EU0 no end user named: a Singapore reseller buys 64 H100 "for stock"',
    request: order({
      reference: 'SC-EU0',
      buyer: { name: 'Merlion Components Pte Ltd', country: 'SG', kind: 'reseller' },
      shipTo: { name: 'Merlion Components', country: 'SG' },
      items: [{ model: 'H100 SXM5', quantity: 64 }],
      endUse: 'stock for resale',
    }),
    decision: 'review',
    codes: ['END_USER_UNVERIFIABLE'],
  },
  {
    name: 'UNK unknown accelerator "Zephyr XPU-9000" to Germany: cannot classify, review (never allow)',
    request: order({
      reference: 'SC-UNK',
      buyer: { name: 'Technische Universität München', country: 'DE', kind: 'university' },
      endUser: { name: 'Technische Universität München', country: 'DE', kind: 'university' },
      shipTo: { name: 'TUM Leibniz Rechenzentrum', country: 'DE' },
      items: [{ model: 'Zephyr XPU-9000', quantity: 8 }],
      attributes: established(),
    }),
    decision: 'review',
    codes: ['UNKNOWN_ITEM'],
  },
  {
    name: 'UNK2 an otherwise clean Japanese order of 8 H100 plus one unknown "Kestrel NPU-2" card: review, never allow',
    request: order({
      reference: 'SC-UNK2',
      buyer: { name: 'Kansai Robotics Research KK', country: 'JP', kind: 'end_user', headquartersCountry: 'JP' },
      endUser: { name: 'Kansai Robotics Research KK', country: 'JP', kind: 'end_user', headquartersCountry: 'JP' },
      shipTo: { name: 'Kansai Robotics Research KK', country: 'JP', address: 'Keihanna Science City, Kyoto' },
      items: [
        { model: 'H100 SXM5', quantity: 8 },
        { model: 'Kestrel NPU-2', quantity: 1 },
      ],
      payment: { payerName: 'Kansai Robotics Research KK', originCountry: 'JP' },
      attributes: established({ siteType: 'lab', sitePowerMw: 1 }),
    }),
    decision: 'review',
    codes: ['UNKNOWN_ITEM'],
  },
  ...RISK_SCENARIOS,
];

/**
 * Legal edge cases that were once decided wrongly; `basis` gives the rule that decides them.
 */
export const LEGAL_EDGE_CASES: (Scenario & { basis: string })[] = [
  {
    name: 'D1 GP10 carve-out: a German test lab buys 2 Ascend 910B for teardown and destructive testing only',
    request: order({
      reference: 'SC-D1',
      buyer: { name: 'Rhein-Main Hardware Analysis GmbH', country: 'DE', kind: 'end_user', headquartersCountry: 'DE' },
      endUser: { name: 'Rhein-Main Hardware Analysis GmbH', country: 'DE', kind: 'end_user', headquartersCountry: 'DE' },
      shipTo: { name: 'Rhein-Main Hardware Analysis GmbH', country: 'DE', address: 'Darmstadt' },
      items: [{ model: 'Ascend 910B', quantity: 2 }],
      endUse: 'teardown and destructive testing (technical analysis) only; units are destroyed',
      payment: { payerName: 'Rhein-Main Hardware Analysis GmbH', originCountry: 'DE' },
      attributes: established({ siteType: 'lab', sitePowerMw: 1 }),
    }),
    decision: 'review',
    codes: ['GP10_ADVANCED_COMPUTING_ICS'],
    basis:
      'GP10 guidance (export-rules.md §3.6, BIS May 13 2025): acquisition for technical analysis / evaluation (teardown) is the one carve-out, so a declared teardown end use is review (confirm), not a hard stop.',
  },
  {
    name: 'D2 Cypriot (D:5 but A:6) company buys 8 H100 for its own Nicosia site',
    request: order({
      reference: 'SC-D2',
      buyer: { name: 'Troodos Analytics Ltd', country: 'CY', kind: 'end_user', headquartersCountry: 'CY', ultimateParentCountry: 'CY' },
      endUser: { name: 'Troodos Analytics Ltd', country: 'CY', kind: 'end_user', headquartersCountry: 'CY', ultimateParentCountry: 'CY' },
      shipTo: { name: 'Troodos Analytics Nicosia DC', country: 'CY', address: 'Nicosia' },
      items: [{ model: 'H100 SXM5', quantity: 8, unitValueUsd: 30000 }],
      payment: { payerName: 'Troodos Analytics Ltd', originCountry: 'CY' },
      attributes: established(),
    }),
    decision: 'review',
    basis:
      'Cyprus is D:5 and A:6: 15 CFR 744.23(d)(2) gives an end user headquartered in A:5/A:6 a presumption of approval, so the HQ-rule licence is review, not deny.',
  },
  {
    name: 'D3 PRC-headquartered distributor resells 16 H100 to a German university, shipped straight to the university HPC centre',
    request: order({
      reference: 'SC-D3',
      buyer: {
        name: 'Lianhe Server Distribution (Deutschland) GmbH',
        country: 'DE',
        kind: 'distributor',
        headquartersCountry: 'CN',
        ultimateParentCountry: 'CN',
      },
      endUser: { name: 'Universität Stuttgart', country: 'DE', kind: 'university', headquartersCountry: 'DE' },
      shipTo: { name: 'HLRS Höchstleistungsrechenzentrum Stuttgart', country: 'DE', address: 'Nobelstraße 19, 70569 Stuttgart' },
      items: [{ model: 'H100 SXM5', quantity: 16, unitValueUsd: 30000 }],
      endUse: 'University HPC cluster',
      payment: { payerName: 'Universität Stuttgart', originCountry: 'DE' },
      attributes: established({ sitePowerMw: 10 }),
    }),
    decision: 'allow',
    basis:
      'The HQ rule looks at the entity the items are for (end user, ultimate consignee: 744.23(a)(3), export-rules.md §8 step 4), not at a reseller in the chain.',
  },
  {
    name: 'D4 C9 (Bloomberg): Indian pharmaceutical trader orders 9,000 H100, declared end use is onward supply to Moscow, Russia',
    request: order({
      reference: 'SC-D4',
      date: '2024-06-01',
      buyer: { name: 'Shreya Life Sciences Pvt Ltd', country: 'IN' },
      endUser: { name: 'Shreya Life Sciences Pvt Ltd', country: 'IN' },
      shipTo: { name: 'Shreya Life Sciences', country: 'IN', address: 'Mumbai' },
      items: [{ model: 'H100 PCIe', quantity: 9000 }],
      endUse: 'onward supply to partners in Moscow, Russia',
      attributes: { registeredActivity: 'pharmaceutical trading' },
    }),
    decision: 'deny',
    codes: ['DEST_RESTRICTED', 'LINE_OF_BUSINESS_MISMATCH'],
    basis:
      'A declared final destination under a comprehensive embargo (Russia, Part 746; export-rules.md §8 step 2; red-flags.md DEST_RESTRICTED) is a hard stop.',
  },
  // ---- issue 12 (law part): each of these was answered wrongly before the fix
  {
    name: 'D5 "specs": {"tpp": 1} on 8 H100 SXM5 for a Shanghai lab (2025-06-01): specs cannot make a catalog part less controlled, deny',
    request: order({
      reference: 'SC-D5',
      date: '2025-06-01',
      buyer: { name: 'Pudong Intelligent Compute Lab Co Ltd', country: 'CN', headquartersCountry: 'CN' },
      endUser: { name: 'Pudong Intelligent Compute Lab Co Ltd', country: 'CN', headquartersCountry: 'CN' },
      shipTo: { name: 'Pudong Intelligent Compute Lab', country: 'CN', address: 'Zhangjiang, Pudong, Shanghai' },
      items: [{ model: 'H100 SXM5 80GB', quantity: 8, specs: { tpp: 1 } }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['SPECS_CONFLICT', 'LICENSE_REQUIRED'],
    severities: { SPECS_CONFLICT: 'review', LICENSE_REQUIRED: 'deny' },
    basis:
      'API.md Item `specs`; 15 CFR 742.6(a)(6) and 744.23(d): H100 is 3A090.a (TPP 15,832) whatever TPP the caller states, and a datacenter 3A090.a item to China before the Jan 2026 tier is a presumption of denial (was: allow).',
  },
  {
    name: 'D6 PRC-headquartered cloud firm located in Vietnam buys 32 H100: HQ rule presumption of denial, not case-by-case',
    request: order({
      reference: 'SC-D6',
      buyer: { name: 'Hanoi Cloud Compute JSC', country: 'VN', headquartersCountry: 'CN', ultimateParentCountry: 'CN' },
      endUser: { name: 'Hanoi Cloud Compute JSC', country: 'VN', headquartersCountry: 'CN', ultimateParentCountry: 'CN' },
      shipTo: { name: 'Hanoi Cloud Compute DC', country: 'VN', address: 'Hoa Lac Hi-Tech Park, Hanoi' },
      items: [{ model: 'H100 SXM5', quantity: 32 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED_HQ'],
    severities: { LICENSE_REQUIRED_HQ: 'deny' },
    basis:
      '15 CFR 742.6(a)(6)(iii)(A) and 744.23(a)(3), (d)(1); BIS guidance of May 31 2026: an entity headquartered in D:5 needs a licence wherever located, under a presumption of denial for datacenter 3A090.a, also in a D:1 destination (was: review, case-by-case).',
  },
  {
    name: 'D7 Kazakh gaming firm with a Chinese parent claims ACA for 20 RTX 4090: ACA excluded for such firms, NAC is the path, review',
    request: order({
      reference: 'SC-D7',
      buyer: { name: 'Steppe Pixel Games LLP', country: 'KZ', headquartersCountry: 'KZ', ultimateParentCountry: 'CN' },
      endUser: { name: 'Steppe Pixel Games LLP', country: 'KZ', headquartersCountry: 'KZ', ultimateParentCountry: 'CN' },
      shipTo: { name: 'Steppe Pixel Games', country: 'KZ', address: 'Al-Farabi Ave, Almaty' },
      items: [{ model: 'RTX 4090', quantity: 20 }],
      licenses: [{ type: 'ACA', number: 'ACA-2026-KZ-7' }],
      attributes: established({ siteType: 'office' }),
    }),
    decision: 'review',
    codes: ['LICENSE_REQUIRED_HQ', 'NAC_ELIGIBLE', 'LICENSE_EXCEPTION_NOT_ELIGIBLE'],
    absent: ['ACA_ELIGIBLE', 'ACA_CLAIMED'],
    basis:
      '15 CFR 740.8: License Exception ACA is not available for an entity whose ultimate parent is headquartered in D:5 / Macau; NAC (25-day notification) covers it; 744.23(d) case-by-case for a non-datacenter 3A090.a item (was: ACA claimed, no HQ requirement).',
  },
  {
    name: 'D8 Singapore distributor orders 16 "Huawei Ascend 910D" (not in the catalog): GP10 deny',
    request: order({
      reference: 'SC-D8',
      buyer: { name: 'Lion City Compute Trading Pte Ltd', country: 'SG', headquartersCountry: 'SG' },
      endUser: { name: 'Lion City Compute Trading Pte Ltd', country: 'SG', headquartersCountry: 'SG' },
      shipTo: { name: 'Lion City Compute Trading', country: 'SG', address: 'Jurong East, Singapore' },
      items: [{ model: 'Huawei Ascend 910D', quantity: 16 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['GP10_ADVANCED_COMPUTING_ICS'],
    severities: { GP10_ADVANCED_COMPUTING_ICS: 'deny' },
    basis:
      '15 CFR 736.2(b)(10); BIS guidance of May 13 2025 names the Ascend 910B, 910C and 910D (non-exhaustive): the family is recognised by name (was: review as a generic unknown item).',
  },
  {
    name: 'D9 Japanese operator buys 4 "Supermicro SYS-821GE-TNHR (HGX H200 8-GPU)" for its own Osaka data centre: resolves to 8 x H200, allow',
    request: order({
      reference: 'SC-D9',
      buyer: {
        name: 'Naniwa Data Center KK',
        country: 'JP',
        kind: 'data_center_operator',
        headquartersCountry: 'JP',
        ultimateParentCountry: 'JP',
        incorporatedOn: '1998-04-01',
      },
      endUser: { name: 'Naniwa Data Center KK', country: 'JP', kind: 'data_center_operator', headquartersCountry: 'JP' },
      shipTo: { name: 'Naniwa Data Center Osaka', country: 'JP', address: 'Dojima, Kita-ku, Osaka' },
      items: [{ model: 'Supermicro SYS-821GE-TNHR (HGX H200 8-GPU)', quantity: 4, unitValueUsd: 300000 }],
      endUse: 'Own cloud service in Japan',
      payment: { payerName: 'Naniwa Data Center KK', originCountry: 'JP', method: 'wire' },
      attributes: established(),
    }),
    decision: 'allow',
    codes: ['NOT_CONTROLLED'],
    absent: ['UNKNOWN_ITEM'],
    basis: 'ECCN 4A090.a (a server holding 3A090.a ICs); Japan is A:5, so no destination licence under 15 CFR 742.6(a)(6) (was: review as an unknown item).',
  },
  {
    name: 'D10 Shanghai buyer orders 100 NVIDIA B30A (2026-11-20, exported from the US): Blackwell-class, presumption of denial',
    request: order({
      reference: 'SC-D10',
      buyer: { name: 'Huangpu AI Infrastructure Co Ltd', country: 'CN', headquartersCountry: 'CN' },
      endUser: { name: 'Huangpu AI Infrastructure Co Ltd', country: 'CN', headquartersCountry: 'CN' },
      shipTo: { name: 'Huangpu AI Infrastructure', country: 'CN', address: 'Lingang, Shanghai' },
      items: [{ model: 'NVIDIA B30A', quantity: 100 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED'],
    severities: { LICENSE_REQUIRED: 'deny' },
    absent: ['CASE_BY_CASE_TIER_2026'],
    basis:
      '91 FR 1684 (Jan 15 2026): case-by-case only for the H200, its equivalents and less advanced chips commercially available in the US; a Blackwell-class part stays under the 15 CFR 744.23(d) presumption of denial (was: review as an unknown item).',
  },
  {
    name: 'D11 Microsoft Gulf (US parent) takes 64 H100 in Abu Dhabi: UAE rule gives License Exception STA with conditions, review',
    request: order({
      reference: 'SC-D11',
      buyer: { name: 'Microsoft Gulf FZ-LLC', country: 'AE', kind: 'cloud_provider', headquartersCountry: 'AE', ultimateParentCountry: 'US' },
      endUser: { name: 'Microsoft Gulf FZ-LLC', country: 'AE', kind: 'cloud_provider', headquartersCountry: 'AE', ultimateParentCountry: 'US' },
      shipTo: { name: 'Microsoft Abu Dhabi data centre', country: 'AE', address: 'Abu Dhabi' },
      items: [{ model: 'H100 SXM5', quantity: 64, unitValueUsd: 30000 }],
      payment: { payerName: 'Microsoft Gulf FZ-LLC', originCountry: 'AE' },
      attributes: established(),
    }),
    decision: 'review',
    codes: ['UAE_APPROVED_PARTY', 'STA_ELIGIBLE', 'LICENSE_REQUIRED_UAE'],
    basis:
      '91 FR 43034 (Jul 14 2026): US-headquartered AI firms may receive the items under License Exception STA, whose conditions (15 CFR 740.20) must be confirmed (was: allow, "no licence needed").',
  },
  {
    name: 'D12 Japanese buyer 60 % owned by an Entity List company orders 16 L2 (below 3A090; 2026-11-20): affiliates rule read as in force after its suspension (uncertain), deny',
    request: order({
      reference: 'SC-D12',
      buyer: { name: 'Kanto Server Assembly KK', country: 'JP', headquartersCountry: 'JP' },
      endUser: { name: 'Kanto Server Assembly KK', country: 'JP', headquartersCountry: 'JP' },
      shipTo: { name: 'Kanto Server Assembly', country: 'JP', address: 'Saitama' },
      items: [{ model: 'NVIDIA L2', quantity: 16 }],
      beneficialOwners: [{ name: 'Inspur Electronic Information Industry Co., Ltd.', country: 'CN', ownershipPercent: 60 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['PARTY_LIST_MATCH'],
    sources: [{ subject: 'beneficialOwners[0]', source: 'EL' }],
    severities: { PARTY_LIST_MATCH: 'deny' },
    basis:
      'Affiliates rule, 90 FR 47201 (Sep 30 2025), suspended to Nov 9 2026 by 90 FR 50857; its status afterwards is uncertain and AFFILIATES_RULE_AFTER_SUSPENSION defaults to in force (was: the owners of an order were not screened at all: allow).',
  },
  {
    name: 'D13 the same L2 order on 2026-08-20, while the affiliates rule is suspended: review, not deny',
    request: order({
      reference: 'SC-D13',
      date: '2026-08-20',
      buyer: { name: 'Kanto Server Assembly KK', country: 'JP', headquartersCountry: 'JP' },
      endUser: { name: 'Kanto Server Assembly KK', country: 'JP', headquartersCountry: 'JP' },
      shipTo: { name: 'Kanto Server Assembly', country: 'JP', address: 'Saitama' },
      items: [{ model: 'NVIDIA L2', quantity: 16 }],
      beneficialOwners: [{ name: 'Inspur Electronic Information Industry Co., Ltd.', country: 'CN', ownershipPercent: 60 }],
      attributes: established(),
    }),
    decision: 'review',
    sources: [{ subject: 'beneficialOwners[0]', source: 'EL' }],
    severities: { PARTY_LIST_MATCH: 'review' },
    basis:
      '90 FR 50857 (Nov 12 2025): the affiliates rule is suspended Nov 10 2025 to Nov 9 2026; a majority-owned affiliate of a listed party is a red flag (Supp. No. 3 to Part 732), so review.',
  },
  {
    name: 'D14 Japanese integrator 70 % owned by a Shenzhen holding company buys 16 H100 for itself: its ultimate parent is in D:5, HQ rule deny',
    request: order({
      reference: 'SC-D14',
      buyer: { name: 'Chiba Compute Integration KK', country: 'JP', headquartersCountry: 'JP' },
      shipTo: { name: 'Chiba Compute Integration', country: 'JP', address: 'Makuhari, Chiba' },
      items: [{ model: 'H100 SXM5', quantity: 16 }],
      beneficialOwners: [{ name: 'Shenzhen Pengcheng Holdings Co Ltd', country: 'CN', ownershipPercent: 70 }],
      attributes: established(),
    }),
    decision: 'deny',
    codes: ['LICENSE_REQUIRED_HQ'],
    severities: { LICENSE_REQUIRED_HQ: 'deny' },
    basis:
      '15 CFR 744.23(a)(3) and 742.6(a)(6)(iii)(A): an entity whose ultimate parent (here its 70 % owner) is headquartered in D:5 needs a licence, presumption of denial (744.23(d)(1)); was: allow (owners ignored).',
  },
];

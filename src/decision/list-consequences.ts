import { Severity } from '../common/reason';
import { ListCode } from '../lists/list-entry';

/**
 * What a confirmed match on each list means for an export of items subject to the EAR.
 * A possible match (between the review and match thresholds) is always `review`.
 */
export interface ListConsequence {
  severity: Severity;
  citation: string;
  meaning: string;
}

export const LIST_CONSEQUENCES: Record<ListCode, ListConsequence> = {
  SDN: { severity: 'deny', citation: '31 CFR Chapter V (OFAC); 15 CFR 744.8', meaning: 'blocked person: US persons may not deal in its property or interests' },
  EL: {
    severity: 'deny',
    citation: '15 CFR 744.11; Supp. No. 4 to Part 744',
    meaning: 'licence required for all items subject to the EAR, mostly under a presumption of denial',
  },
  DPL: {
    severity: 'deny',
    citation: '15 CFR 736.2(b)(4) (General Prohibition Four); 15 CFR 764.3',
    meaning: 'export privileges denied: no party may take part in an export with it',
  },
  MEU: {
    severity: 'deny',
    citation: '15 CFR 744.21; Supp. No. 7 to Part 744',
    meaning: 'military end user: licence required (presumption of denial) for the listed and advanced-computing items',
  },
  UVL: {
    severity: 'review',
    citation: '15 CFR 744.15; Supp. No. 6 to Part 744',
    meaning: 'unverified: no licence exception; a UVL statement from the party is required before export',
  },
  FSE: { severity: 'deny', citation: '31 CFR 598 (Executive Order 13608)', meaning: 'foreign sanctions evader: US persons may not transact with it' },
  UN: {
    severity: 'deny',
    citation: 'UN Security Council sanctions, implemented in the US by OFAC (31 CFR Chapter V)',
    meaning: 'UN-designated party: asset freeze and arms/dual-use embargo measures',
  },
  EU: {
    severity: 'review',
    citation: 'Council Regulations under Art. 215 TFEU (EU Consolidated Financial Sanctions List)',
    meaning: 'EU asset freeze: binding on EU persons and EU-nexus transactions',
  },
  UK: {
    severity: 'review',
    citation: 'Sanctions and Anti-Money Laundering Act 2018 (UK Sanctions List)',
    meaning: 'UK designation: binding on UK persons and UK-nexus transactions',
  },
  ISN: {
    severity: 'review',
    citation: 'State Department nonproliferation sanctions (INKSNA, EO 12938, EO 13382)',
    meaning: 'nonproliferation sanctions may bar export licences and procurement',
  },
  DTC: {
    severity: 'review',
    citation: '22 CFR 127.7 (ITAR debarment)',
    meaning: 'debarred from ITAR exports; confirm no defence article or service is involved',
  },
  SSI: {
    severity: 'review',
    citation: '31 CFR 589 (Directives under EO 13662)',
    meaning: 'sectoral sanctions: certain financing and oil-sector dealings prohibited',
  },
  CMIC: {
    severity: 'review',
    citation: '31 CFR 586 (EO 13959 as amended by EO 14032)',
    meaning: 'Chinese military-industrial complex company: securities restrictions; a strong military end-use signal',
  },
  PLC: { severity: 'review', citation: '31 CFR 594 (non-SDN PLC list)', meaning: 'non-SDN Palestinian Legislative Council member: review before dealing' },
  CAP: { severity: 'review', citation: '31 CFR 561 (CAPTA list)', meaning: 'correspondent / payable-through account restrictions' },
  MBS: { severity: 'review', citation: '31 CFR 560 etc. (non-SDN menu-based sanctions)', meaning: 'menu-based sanctions: selected prohibitions apply' },
  OFAC_NONSDN: { severity: 'review', citation: '31 CFR Chapter V (OFAC non-SDN lists)', meaning: 'OFAC non-SDN sanctions: selected prohibitions apply' },
};

/** The consequence of a confirmed match on a list (an unknown list code: OFAC non-SDN, review). */
export function listConsequence(source: string): ListConsequence {
  return LIST_CONSEQUENCES[source as ListCode] ?? LIST_CONSEQUENCES.OFAC_NONSDN;
}

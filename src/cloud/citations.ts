/** Citations the cloud checks write into their reasons: public law and guidance with dates. */
export const CITES = {
  hqRule: '15 CFR 744.23(a)(3); 15 CFR 742.6(a)(6)(iii)(A); BIS guidance of May 31 2026 (HQ rule enforced worldwide)',
  may2025: 'BIS policy statement of May 13 2025 on training AI models for D:5/Macau-headquartered parties (IaaS); 15 CFR 744.6; 15 CFR 744.23',
  may2026:
    'BIS, Guidance Regarding Enforcement of License Requirements for Advanced Computing Items for Entities Headquartered in Country Group D:5 and Macau (May 31 2026)',
  iaasKyc: '89 FR 5698 (Jan 29 2024), proposed IaaS Customer Identification Program, 15 CFR part 7 (proposed rule, not final: best practice)',
  eo14110: 'EO 14110 §4.2(b) interim threshold 10^26 operations (EO revoked Jan 20 2025; non-binding benchmark)',
  diversion2025: 'BIS guidance on diversion of advanced computing ICs (May 13 2025): IaaS access from restricted jurisdictions',
  kyc: 'Supp. No. 3 to Part 732 (BIS "Know Your Customer" guidance and red flags)',
  fincen: 'FinCEN/BIS joint notice FIN-2023-GLOBALEXPORT; FIN-2022-Alert003 (payment red flags)',
  embargo: '15 CFR Part 746 (embargoed destinations); OFAC sanctions programs, 31 CFR Chapter V (services to embargoed countries)',
  gp9: '15 CFR 736.2(b)(9) (General Prohibition Nine: terms and conditions of licences and VEU authorisations)',
};

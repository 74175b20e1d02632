/**
 * Public API of the rules module (plain TypeScript; import from 'src/rules').
 *
 *   loadRuleBook(dataDir: string): RuleBook                       — sync, cached per directory
 *   RuleBook.ruleSetFor(date): RuleSet                              — { id, effectiveFrom, effectiveTo, title, citations, parameters }
 *   RuleBook.classifyItem(item: Item, { date, index? }): ItemClassification
 *   RuleBook.determineLicense(c: ItemClassification, ctx: LicenseContext): LicenseDetermination
 *   RuleBook.countryGroups(country, date): string[]                 — e.g. ['D:1','D:4','D:5']
 *   RuleBook.isRestrictedForAdvancedComputing(country, date)        — D:1/D:4/D:5 not A:5/A:6, plus Macau
 *   RuleBook.isArmsEmbargoed(country, date)                         — D:5
 *   RuleBook.isEmbargoed(country, date)                             — Part 746 (CU, IR, KP, SY, RU, BY)
 *   RuleBook.isRestrictedHeadquarters(country, date)                — Macau or D:5 (HQ rule)
 *   RuleBook.isTransshipmentHub(country)
 *   RuleBook.catalog / findAccelerator(id) / resolveModel(text, partNumber?) / listAccelerators(q?) / acceleratorView(id)
 *   RuleBook.aggregateCompute([{ classification, quantity }]): { totalTpp, h100Equivalents, accelerators, unknownItems }
 *   aggregateCompute(items, h100Tpp = H100_TPP)                     — standalone; H100_TPP = 15832
 *   computeTpp(units, precisionBits), performanceDensity(tpp, area), classifyIc(...) — pure helpers
 *   RULES_REASON_CODES                                              — every reason code, severity, citation
 *
 * Severity semantics (API.md): deny = hard stop or presumption of denial without a
 * licence on file; review = licence/notification needed; info = explanation.
 */
export { loadRuleBook, readRuleData, RuleBook, buildRuleSets, today } from './rulebook';
export type { RuleData } from './rulebook';
export { aggregateCompute, classifyIc, computeTpp, eccnBase, H100_TPP, performanceDensity } from './classify';
export { Catalog, tokenize } from './catalog';
export { CountryGroups } from './country-groups';
export { RULES_REASON_CODES } from './reason-codes';
export type { RulesReasonCode, ReasonCodeInfo } from './reason-codes';
export * from './types';

/** Public API of the risk module (diversion / smuggling red flags). See README.md. */
export * from './types';
export { RISK_PARAMS, resolveParams } from './params';
export type { RiskParams } from './params';
export { buyerKey, groupStem, sameGroup, addressKey, relatedKeys } from './keys';
export { countriesMentioned } from './text';
export type { CountryMention } from './text';
export * from './flags';
export { evaluateRedFlags, riskScore, applyCombinationRules, deriveFacts, snapshotHistory, COMBINATION_RULES } from './evaluate';
export type { CombinationRule, RedFlagResult } from './evaluate';
export { MemoryOrderHistory } from './memory-history';
export type { StoredOrderRecord } from './memory-history';

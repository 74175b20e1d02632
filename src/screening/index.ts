/** The screening engine: normalisation, in-memory candidate index, scoring, explanations. */
export * from './types';
export { ScreeningIndex } from './screening-index';
export { normaliseName, normaliseAddress, foldText, partyKey, looksLikeAddress, tokenClass, ADDRESS_WEIGHTS } from './normalise';
export type { NormToken, NormalisedName, TokenClass, AddressToken, AddressTokenClass } from './normalise';
export { osaDistance, phoneticKey, fuzzyTokenSim, fuseSimilarity, deletions1 } from './similarity';
export type { PairKind } from './similarity';
export { wordLists, screeningDataDir } from './wordlists';

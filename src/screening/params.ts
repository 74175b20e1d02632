/**
 * Every tuning number of screening, in one place: the thresholds, the candidate bounds, the token
 * similarities, the matcher's features and their weights (the screening score is a weighted token
 * alignment, then adjusted by these features; nomenklatura's logic-v2 keeps a similar table), and the
 * address weights. No other file holds a screening tuning number (config.ts takes its defaults from here).
 *
 * Name score (alignment.ts alignRecord): every token has a weight (IDF times a class factor);
 *   score = sum(sim * (wq + we)) / (sum wq + sum we + leftover adjustments)
 * where sim is the token similarity of an aligned pair (TOKEN_SIM) and leftovers (tokens only one side has)
 * count with the factors of NAME_FEATURES. Then the entity features (ENTITY_FEATURES) add or subtract.
 *
 * Changing a number here changes scores: run `npm run eval:peer` and `npm run eval:screen` before and after.
 */

/** Similarity of an aligned token pair, by how the two tokens agree. */
export const TOKEN_SIM = {
  /** the same token after folding and canonicalisation */
  exact: 1,
  /** two adjacent tokens written as one (Sergei Lavrov / SergeiLavrov), or split differently (Arefullaha Ref / Arefullah Aref) */
  compound: 0.95,
  /** the same after doubled letters are made single (Ayyub / Ayub, Walli / Wali) */
  doubled: 0.95,
  /** romanisation variants with the same phonetic key (Husayn / Hussein, Ahmadinezhad / Ahmadinejad) */
  phonetic: 0.8,
  /** a short token (2-4 letters) with a vowel changed or two letters swapped (Jong On / Jong Un, Sok / Sko) */
  shortVowel: 0.72,
  /** a 4-letter token with one other edit (Cook / Cock) */
  shortEdit: 0.62,
  /** a given name written as its initial (J. / Joachim) — only for individuals */
  initial: 0.75,
  /** one edit (typo) in a token of at least 8 / 6 / 5 letters (shorter tokens: shortVowel, shortEdit) */
  typo1Len8: 0.9,
  typo1Len6: 0.82,
  typo1Len5: 0.75,
  /** two edits in a token of at least 9 letters */
  typo2Len9: 0.78,
  /** an unknown query token that begins a longer entry token (Techn / Technologies) */
  abbreviation: 0.8,
  /** fuse.js Bitap between distinctive words: its match threshold, the lowest similarity kept, the highest given */
  fuseThreshold: 0.34,
  fuzzyMin: 0.7,
  fuzzyMax: 0.8,
};

/** Status thresholds (defaults of SCREEN_MATCH_THRESHOLD / SCREEN_REVIEW_THRESHOLD and of ScreeningIndex.build). */
export const DEFAULT_MATCH_THRESHOLD = 0.9;
export const DEFAULT_REVIEW_THRESHOLD = 0.78;

/** Candidate generation: how many records are scored in full, and which. */
export const CANDIDATES = {
  /** name records scored in full per query name (ScreeningIndexOptions.maxCandidates) */
  maxCandidates: 30,
  /** typo / phonetic vocabulary expansions per query token */
  maxExpansions: 12,
  /** a record is scored in full when its estimated score (token overlap) is at least max(estimateFloor, review threshold - estimateMargin) */
  estimateFloor: 0.3,
  estimateMargin: 0.3,
  /** ... or, for persons, at least this (a middle name or patronymic more scores well above its plain overlap) */
  estimateMinPerson: 0.3,
  /** query tokens whose typo / phonetic neighbours are kept (memory, not scores) */
  neighbourCacheSize: 50_000,
  /** matches returned per query (ScreenOptions.limit) */
  defaultLimit: 10,
};

/** How tokens that only one of the two names has count (factor on the token's weight in the denominator). */
export const NAME_FEATURES = {
  /** tokens inside parentheses count half */
  parenFactor: 0.5,
  /** a short word (<= acronymMaxLength + 1 letters) in parentheses that only one side has (SVR, HTL): factor on its weight */
  parenAcronymLeftover: 0.3,
  /** generic / place words left on both sides (X Technology vs X Trading): a different firm */
  genericConflictBoost: 2.5,
  /** individuals: a name only one side has (a middle name, a second family name): half weight */
  personExtraName: 0.55,
  /** individuals: a patronymic only one side has (Vladimirovich, Oleksandrovych, ogly): little weight */
  personExtraPatronymic: 0.25,
  /** individuals: both names have leftovers (AL-DULAIMI vs AL-TIKRITI, Ahmed vs Mohamed): those count 1.6 times */
  personSubstitutionBoost: 1.6,
  /** individuals: the same names on the two sides of bin / ibn / ben (Salman bin Muhammad vs Muhammad bin Salman): their pairs count half */
  patronymSwapFactor: 0.5,
  /** a match that agrees only on generic / place tokens, with leftovers, is scaled by this */
  genericOnlyFactor: 0.85,
  /** a query with more words that matches only a short acronym name (TCL, ASE Co.) is scaled by this */
  acronymOnlyFactor: 0.9,
  /** ... a name of one token of at most this many letters */
  acronymMaxLength: 4,
  /** a one-word name (vessel SUNRISE, alias NEC) matched inside a longer name of another entity type */
  singleTokenOtherType: 0.85,
  /** individuals: a name of at most commonNameMaxTokens short (<= commonNameMaxLength letters) frequent names, each in
   * commonNameMinRecords name records or more (Zhang Wei) ... */
  commonNameMaxTokens: 3,
  commonNameMaxLength: 5,
  commonNameMinRecords: 25,
  /** ... scores at most this (review, not match) unless a date of birth or identifier is given */
  commonNameCap: 0.88,
};

/** Score changes from what the party and the entry say besides the name (added or subtracted). */
export const ENTITY_FEATURES = {
  typeIndividualMismatch: 0.08,
  typeOtherMismatch: 0.04,
  /** the party's country is among the entry's: added to a score of at least countryAgreeMinScore */
  countryAgree: 0.02,
  countryAgreeMinScore: 0.7,
  countryDisagree: 0.06,
  weakAlias: 0.03,
  queryAlias: 0,
  nameInAddressField: 0.05,
  addressAgreeBoost: 0.02,
  addressCountryDisagree: 0.1,
  /** an identifier (passport, registration, IMO, LEI …) of the party is one of the entry's */
  identifierMatch: 0.15,
  /** the party's date of birth agrees with one of the entry's (same day, or same month/year at the precision both give) */
  dobAgree: 0.03,
  /** the party's date of birth conflicts with every date the entry gives (different year, beyond one year of slack) */
  dobConflict: 0.12,
  /** birth years one apart (list dates are often approximate) */
  dobNear: 0.04,
  /** the party's nationality is among the entry's nationalities */
  nationalityAgree: 0.02,
  /** the party's nationality is not among the entry's (which lists some) */
  nationalityConflict: 0.06,
};

/** Address matching (address.ts). */
export const ADDRESS = {
  /** weights of address token classes: unit and street numbers identify an address, "road" or "Hong Kong" do not */
  weights: { number: 2.5, letter: 1.2, structural: 0.3, place: 0.6, word: 1.5 },
  /** score = coverage * coverageShare + precision * (1 - coverageShare) */
  coverageShare: 0.85,
  /** a word of at least fuzzyWordMinLength letters one edit from a listed word */
  fuzzyWordSim: 0.85,
  fuzzyWordMinLength: 5,
  /** a name hit whose entry lists an address at least this similar gets ENTITY_FEATURES.addressAgreeBoost */
  agreeMinSimilarity: 0.85,
};

/** Countries treated as agreeing (Hong Kong and Macau are under China for the EAR). */
export const COUNTRY_GROUPS: readonly (readonly string[])[] = [['CN', 'HK', 'MO']];

export function countriesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  return COUNTRY_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

import { EntryType, ListCode } from '../lists/list-entry';

export type PartyType = 'entity' | 'individual' | 'vessel' | 'aircraft';

export interface PartyQuery {
  name: string;
  type?: PartyType;
  /** ISO 3166-1 alpha-2 */
  country?: string;
  address?: string;
  aliases?: string[];
  /** individuals: YYYY, YYYY-MM or YYYY-MM-DD */
  dateOfBirth?: string;
  /** individuals: ISO 3166-1 alpha-2 */
  nationality?: string;
  /** passport, registration number, LEI, IMO …: compared with the entry's own identifiers by value */
  identifiers?: { type: string; value: string }[];
}

export interface EntryRef {
  source: ListCode;
  entryId: string;
}

export interface ScreenOptions {
  /** only these list codes (default: all loaded) */
  sources?: ListCode[];
  /** max matches returned (default params.ts CANDIDATES.defaultLimit) */
  limit?: number;
  /** score >= matchThreshold -> status "match" (default DEFAULT_MATCH_THRESHOLD, params.ts) */
  matchThreshold?: number;
  /** score >= reviewThreshold -> "potential"; lower scores are not returned (default DEFAULT_REVIEW_THRESHOLD, params.ts) */
  reviewThreshold?: number;
  /**
   * Allow-list hook: true for an entry that was reviewed and released as a false positive for THIS party
   * (the caller builds the predicate from the allow-list rows stored under partyKey(name, country)).
   * A suppressed entry is left out of `matches` and of the status, and reported under `suppressed`.
   */
  suppressed?: (entry: EntryRef) => boolean;
}

export type MatchedOn = 'name' | 'alias' | 'address';

/** The match object of API.md (POST /v1/parties/screen). */
export interface ScreeningMatch {
  source: ListCode;
  entryId: string;
  /** the entry's primary name */
  name: string;
  /** the name, alias or address of the entry that matched */
  matchedName: string;
  matchedOn: MatchedOn;
  /** 0..1, three decimals */
  score: number;
  type: EntryType;
  countries: string[];
  programs: string[];
  addresses: string[];
  /** the list's licence requirement (Entity List, MEU …); null when the list states none (API.md: always present) */
  licenseRequirement: string | null;
  /** the Federal Register notice(s) that listed the entry, as the list gives them ("90 FR 14048, 3/28/25"); null when none */
  federalRegisterNotice?: string | null;
  /** the date the listing took effect (YYYY-MM-DD); null when the list states none */
  startDate?: string | null;
  /** one line a person understands */
  explanation: string;
}

export type ScreeningStatus = 'clear' | 'potential' | 'match';

export interface ScreeningResult {
  status: ScreeningStatus;
  matches: ScreeningMatch[];
  /** matches hidden by the allow-list hook, for transparency */
  suppressed?: { source: ListCode; entryId: string; name: string }[];
}

export interface ScreeningIndexOptions {
  /** defaults for screen() */
  matchThreshold?: number;
  reviewThreshold?: number;
  /** candidates scored in full per query name (default params.ts CANDIDATES.maxCandidates) */
  maxCandidates?: number;
}

export { DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD } from './params';

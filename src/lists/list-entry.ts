/**
 * One restricted-party list record, whatever official format it came from.
 * Every parser in src/lists/parsers turns its file into ListEntry[].
 */

/** List codes of API.md. A Consolidated Screening List row maps to the code of its `source`. */
export const LIST_CODES = ['SDN', 'OFAC_NONSDN', 'EL', 'DPL', 'UVL', 'MEU', 'ISN', 'DTC', 'CMIC', 'SSI', 'FSE', 'PLC', 'CAP', 'MBS', 'UN', 'EU', 'UK'] as const;
export type ListCode = (typeof LIST_CODES)[number];

export const LIST_NAMES: Record<ListCode, string> = {
  SDN: 'OFAC Specially Designated Nationals and Blocked Persons List',
  OFAC_NONSDN: 'OFAC Consolidated (non-SDN) Sanctions Lists',
  EL: 'BIS Entity List (Supp. No. 4 to Part 744)',
  DPL: 'BIS Denied Persons List',
  UVL: 'BIS Unverified List (Supp. No. 6 to Part 744)',
  MEU: 'BIS Military End User List (Supp. No. 7 to Part 744)',
  ISN: 'State Department Nonproliferation Sanctions',
  DTC: 'State Department ITAR Debarred (AECA)',
  CMIC: 'OFAC Non-SDN Chinese Military-Industrial Complex Companies List',
  SSI: 'OFAC Sectoral Sanctions Identifications List',
  FSE: 'OFAC Foreign Sanctions Evaders List',
  PLC: 'OFAC Non-SDN Palestinian Legislative Council List',
  CAP: 'OFAC Correspondent Account or Payable-Through Account Sanctions (CAPTA)',
  MBS: 'OFAC Non-SDN Menu-Based Sanctions List',
  UN: 'United Nations Security Council Consolidated List',
  EU: 'EU Consolidated Financial Sanctions List',
  UK: 'UK Sanctions List (FCDO)',
};

/** The file formats: the registry in ./formats is the only place one is added. */
export { LIST_FORMATS } from './formats';
export type { ListFormat } from './formats';
import type { ListFormat } from './formats';

/** `address` = an address-only entry (Entity List "Address 01" …), matched on address text and country. */
export type EntryType = 'entity' | 'individual' | 'vessel' | 'aircraft' | 'address' | 'unknown';

export type AliasKind = 'aka' | 'fka' | 'nka' | 'weak' | 'original-script' | 'other';

export interface ListAlias {
  name: string;
  kind: AliasKind;
}

export interface ListAddress {
  /** the whole address as one line, as the list gives it (without the country name when a code is set) */
  text: string;
  /** ISO 3166-1 alpha-2, upper case, when known */
  country?: string;
  city?: string;
}

export interface ListIdentifier {
  type: string;
  value: string;
  country?: string;
}

export interface ListEntry {
  source: ListCode;
  /** stable id within the source: OFAC ent_num, CSL _id, UN reference number, EU logicalId, UK unique id;
   *  for address-only entries a key built from the address text and country, not the "Address 01" label */
  entryId: string;
  type: EntryType;
  /** primary name (for an address-only entry: the address text) */
  name: string;
  aliases: ListAlias[];
  addresses: ListAddress[];
  /** ISO codes from addresses, nationality, citizenship (deduplicated, upper case) */
  countries: string[];
  identifiers: ListIdentifier[];
  programs: string[];
  licenseRequirement?: string;
  licensePolicy?: string;
  federalRegisterNotice?: string;
  /** YYYY-MM-DD */
  startDate?: string;
  endDate?: string;
  remarks?: string;
  sourceUrl?: string;
  /** title / position (OFAC title, UN designation, UK position) */
  title?: string;
  /** dates of birth as the list gives them: YYYY-MM-DD where the list is exact, else the list's text ("1964", "circa 1960") */
  datesOfBirth?: string[];
  placesOfBirth?: string[];
  /** nationalities and citizenships the list states (ISO alpha-2, upper case), apart from address countries */
  nationalities?: string[];
  /** vessel details (OFAC / CSL vessel columns, UK ship details) */
  vessel?: { callSign?: string; vesselType?: string; flag?: string; owner?: string; tonnage?: string; grossRegisteredTonnage?: string };
  /** every list code the record belongs to, when the file says it is on more than one (OFAC non-SDN: SSI + MBS …);
   *  `source` is the first of them */
  lists?: ListCode[];
  /** the source record as parsed, kept for audit; may be omitted where it would bloat storage */
  raw?: unknown;
}

/** What a parser returns for one file (or one set of files, for ofac-csv). */
export interface ParsedList {
  format: ListFormat;
  entries: ListEntry[];
  /** publish date found in the file (YYYY-MM-DD), if it states one */
  publishDate?: string;
  /** warnings that did not stop the import (orphan rows, unknown source labels …) */
  warnings: string[];
}

/** A file that does not parse. `location` names the line or element (e.g. "line 12", "<sdnEntry> #40"). */
export class ListParseError extends Error {
  constructor(
    message: string,
    readonly location?: string,
  ) {
    super(location ? `${message} (at ${location})` : message);
    this.name = 'ListParseError';
  }
}

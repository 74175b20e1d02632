/** OFAC specifics shared by the sdnList XML, CSV, Enhanced and Advanced parsers. */
import { EntryType, ListCode, ListEntry } from '../list-entry';

/** OFAC type label -> entry type ("-0-"/empty = entity in the CSV). */
export function ofacType(label: string): EntryType {
  const t = label.trim().toLowerCase();
  if (t === 'individual') return 'individual';
  if (t === 'vessel') return 'vessel';
  if (t === 'aircraft') return 'aircraft';
  if (t === 'entity' || t === '' || t === '-0-') return 'entity';
  return 'unknown';
}

/**
 * Non-SDN list codes of a record of the OFAC Consolidated (non-SDN) list, from its program tags and
 * `markers` (the id types of the XML, or the remarks text of the CSV, where OFAC notes directives).
 * Order: PLC, CMIC, FSE, CAP, SSI, MBS; falls back to OFAC_NONSDN.
 */
export function ofacNonSdnCodes(programs: string[], markers: string): ListCode[] {
  const codes: ListCode[] = [];
  const has = (re: RegExp): boolean => programs.some((p) => re.test(p));
  if (has(/^NS-PLC$/i)) codes.push('PLC');
  if (has(/^CMIC-|^NS-CMIC/i) || /\(CMIC\)/.test(markers)) codes.push('CMIC');
  if (has(/^FSE-/i)) codes.push('FSE');
  if (has(/^561-Related$|CAPTA/i)) codes.push('CAP');
  if (/Executive Order 13662 Directive Determination/i.test(markers)) codes.push('SSI');
  if (
    /EO 14024 Directive (1a|3)\b/i.test(markers) ||
    /Executive Order 14014 Directive|EO 14014 Directive/i.test(markers) ||
    has(/^CAATSA - RUSSIA$|^BURMA-EO14014$|^NS-MBS/i)
  ) {
    codes.push('MBS');
  }
  if (!codes.length) codes.push('OFAC_NONSDN');
  return codes;
}

/** True when the program tags / markers look like the non-SDN list (used to detect a consolidated file). */
export function looksNonSdn(programs: string[], markers: string): boolean {
  return ofacNonSdnCodes(programs, markers)[0] !== 'OFAC_NONSDN';
}

/** OFAC Enhanced/Advanced list names -> codes ("Consolidated List" is not a list of its own). */
export function ofacListNameCode(name: string): ListCode | undefined {
  const n = name.toLowerCase();
  if (n.startsWith('sdn list') || n === 'sdn') return 'SDN';
  if (n.includes('sectoral')) return 'SSI';
  if (n.includes('palestinian')) return 'PLC';
  if (n.includes('cmic')) return 'CMIC';
  if (n.includes('menu-based')) return 'MBS';
  if (n.includes('capta')) return 'CAP';
  if (n.includes('fse') || n.includes('foreign sanctions evaders')) return 'FSE';
  return undefined;
}

/**
 * The entry with its list code(s) set: `source` = the first code, `lists` = all of them when more than one
 * (properties in the order the parsers always used: source … programs, lists, then the optional ones).
 */
export function withCodes(draft: Omit<ListEntry, 'source' | 'lists'>, codes: ListCode[]): ListEntry {
  const { entryId, type, name, aliases, addresses, countries, identifiers, programs, ...rest } = draft;
  const entry: ListEntry = { source: codes[0], entryId, type, name, aliases, addresses, countries, identifiers, programs };
  if (codes.length > 1) entry.lists = codes;
  return Object.assign(entry, rest);
}

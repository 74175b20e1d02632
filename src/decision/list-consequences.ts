/**
 * What a confirmed match on each list means, and which lists extend to what a listed owner controls: law as
 * dated, cited data (data/rules/list-consequences.json), read once and checked when the module loads.
 * A possible match (between the review and match thresholds) is always `review`.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { Severity } from '../common/reason';
import { LIST_CODES, ListCode } from '../lists/list-entry';

export interface ListConsequence {
  severity: Severity;
  citation: string;
  meaning: string;
}

export interface ListConsequenceData {
  description: string;
  /** when the rows were last checked against their sources */
  reviewed: string;
  lists: Record<ListCode, ListConsequence>;
  /** the row a match on a list code without its own row takes */
  unknownList: ListCode;
  ownerMatches: {
    /** a majority owner on one of these blocks what it owns (OFAC 50 % rule) */
    blockingLists: ListCode[];
    blockingRule: { majorityOwnerPercent: number; citation: string; text: string };
    /** the export lists an owner match is read against on dates without an affiliates rule (its own lists are in rule-sets.json) */
    exportListsWithoutAffiliatesRule: ListCode[];
    note?: string;
  };
}

const FILE = 'list-consequences.json';

/** data/rules, found from the source tree (src/decision) or the build (dist/decision). */
function ruleDataDir(): string {
  const candidates = [path.resolve(__dirname, '../../data/rules'), path.resolve(__dirname, '../../../data/rules'), path.resolve(process.cwd(), 'data/rules')];
  for (const c of candidates) if (existsSync(path.join(c, FILE))) return c;
  throw new Error(`rule data ${FILE} not found (looked in ${candidates.join(', ')})`);
}

/** Checks the file: every list code has a row with a severity, a citation and a meaning; owner lists are list codes. */
export function parseListConsequences(raw: unknown): ListConsequenceData {
  const d = raw as ListConsequenceData;
  const fail = (why: string): never => {
    throw new Error(`${FILE}: ${why}`);
  };
  if (!d || typeof d !== 'object' || !d.lists) fail('no lists');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(d.reviewed))) fail('reviewed must be a YYYY-MM-DD date');
  for (const code of LIST_CODES) {
    const row = d.lists[code];
    if (!row) fail(`no row for ${code}`);
    if (!['deny', 'review', 'info'].includes(row.severity)) fail(`${code}: severity must be deny, review or info`);
    if (!row.citation?.trim() || !row.meaning?.trim()) fail(`${code}: citation and meaning are required`);
  }
  const codes = new Set<string>(LIST_CODES);
  const o = d.ownerMatches;
  if (!o || !o.blockingRule?.citation || !(o.blockingRule.majorityOwnerPercent > 0 && o.blockingRule.majorityOwnerPercent <= 100))
    fail('ownerMatches.blockingRule');
  for (const c of [...o.blockingLists, ...o.exportListsWithoutAffiliatesRule, d.unknownList]) if (!codes.has(c)) fail(`unknown list code ${c}`);
  return d;
}

export const LIST_CONSEQUENCE_DATA: ListConsequenceData = parseListConsequences(JSON.parse(readFileSync(path.join(ruleDataDir(), FILE), 'utf8')));

export const LIST_CONSEQUENCES: Record<ListCode, ListConsequence> = LIST_CONSEQUENCE_DATA.lists;

/** The consequence of a confirmed match on a list (a list code without its own row: the unknownList row, review). */
export function listConsequence(source: string): ListConsequence {
  return LIST_CONSEQUENCES[source as ListCode] ?? LIST_CONSEQUENCES[LIST_CONSEQUENCE_DATA.unknownList];
}

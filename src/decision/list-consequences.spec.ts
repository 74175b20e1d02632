import { readFileSync } from 'fs';
import { join } from 'path';
import { LIST_CODES } from '../lists/list-entry';
import { LIST_CONSEQUENCES, listConsequence, parseListConsequences } from './list-consequences';
import { MAJORITY_OWNER_PERCENT, OFAC_50_PERCENT } from './owners';

const raw = () => JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'rules', 'list-consequences.json'), 'utf8'));

describe('list consequences (data/rules/list-consequences.json)', () => {
  it('has a cited row for every list code', () => {
    for (const code of LIST_CODES) {
      expect(['deny', 'review', 'info']).toContain(LIST_CONSEQUENCES[code].severity);
      expect(LIST_CONSEQUENCES[code].citation).toMatch(/CFR|Regulation|Act|UN Security Council|State Department/);
    }
    expect(listConsequence('SDN').severity).toBe('deny');
    expect(listConsequence('NOT_A_LIST')).toBe(LIST_CONSEQUENCES.OFAC_NONSDN);
  });

  it('reads the owner rule from the data', () => {
    expect(MAJORITY_OWNER_PERCENT).toBe(50);
    expect(OFAC_50_PERCENT).toMatch(/50 Percent Rule/);
  });

  it('refuses a file that leaves a list out, or names an unknown list', () => {
    const missing = raw();
    delete missing.lists.EL;
    expect(() => parseListConsequences(missing)).toThrow(/no row for EL/);
    const unknown = raw();
    unknown.ownerMatches.blockingLists.push('XX');
    expect(() => parseListConsequences(unknown)).toThrow(/unknown list code XX/);
    const badSeverity = raw();
    badSeverity.lists.SDN.severity = 'allow';
    expect(() => parseListConsequences(badSeverity)).toThrow(/SDN: severity/);
  });
});

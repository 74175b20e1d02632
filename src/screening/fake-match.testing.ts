import type { ScreeningMatch } from './types';

/** A list match shaped as the screening index returns it: for the decision tests' fake screening functions. */
export function fakeMatch(source: string, name: string, score = 0.98): ScreeningMatch {
  return {
    source: source as ScreeningMatch['source'],
    entryId: `${source}-1`,
    name,
    matchedName: name,
    matchedOn: 'name',
    score,
    type: 'entity',
    countries: ['CN'],
    programs: [],
    addresses: [],
    licenseRequirement: null,
    explanation: 'test',
  };
}

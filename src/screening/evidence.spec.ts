import { ListEntry } from '../lists/list-entry';
import { compareBirthDates, identifierKey, matchingIdentifier, parseListDate, parseQueryDate, secondaryEvidence } from './evidence';

describe('secondary evidence', () => {
  it('reads list dates of birth in the forms the lists write them', () => {
    expect(parseListDate('1972-05-25')).toMatchObject({ year: 1972, month: 5, day: 25 });
    expect(parseListDate('1958')).toMatchObject({ year: 1958, yearTo: 1958 });
    expect(parseListDate('1960-1962')).toMatchObject({ year: 1960, yearTo: 1962 });
    expect(parseListDate('circa 1960')).toMatchObject({ year: 1960, approx: true });
    expect(parseListDate('12 Jan 1960')).toMatchObject({ year: 1960, month: 1, day: 12 });
    expect(parseListDate('Feb 1971')).toMatchObject({ year: 1971, month: 2 });
    expect(parseListDate('unknown')).toBeUndefined();
    expect(parseQueryDate('1961-03')).toEqual({ year: 1961, yearTo: 1961, month: 3, day: undefined });
    expect(parseQueryDate('1961-13-01')).toBeUndefined();
  });

  it('compares birth dates at the precision both give', () => {
    const d = (s: string) => parseListDate(s)!;
    expect(compareBirthDates(parseQueryDate('1972')!, [d('1972-05-25')])).toBe('agree');
    expect(compareBirthDates(parseQueryDate('1972-05-25')!, [d('1972-05-25')])).toBe('agree');
    expect(compareBirthDates(parseQueryDate('1972-06-25')!, [d('1972-05-25')])).toBe('near');
    expect(compareBirthDates(parseQueryDate('1973')!, [d('1972')])).toBe('near');
    expect(compareBirthDates(parseQueryDate('1985')!, [d('1972'), d('1960-1962')])).toBe('conflict');
    expect(compareBirthDates(parseQueryDate('1961')!, [d('1972'), d('1960-1962')])).toBe('agree');
    expect(compareBirthDates(parseQueryDate('1961')!, [d('circa 1960')])).toBe('agree');
  });

  it('matches identifiers by their number, ignoring what lists append and junk values', () => {
    expect(identifierKey('27082171 (United States) issued 21 Jun 1992')).toBe('27082171');
    expect(identifierKey('m-0887 925')).toBe('M0887925');
    const listed = [
      { type: 'Gender', value: 'Male' },
      { type: 'Passport', value: 'M0887925', country: 'IQ' },
    ];
    expect(matchingIdentifier([{ type: 'passport', value: 'm0887925' }], listed)?.type).toBe('Passport');
    expect(matchingIdentifier([{ type: 'other', value: 'Male' }], listed)).toBeUndefined();
    expect(matchingIdentifier([{ type: 'passport', value: 'M0887926' }], listed)).toBeUndefined();
  });

  it('adds for an identifier, subtracts for a conflicting date or nationality, and says so', () => {
    const e = {
      source: 'SDN',
      entryId: '1',
      type: 'individual',
      name: 'X',
      aliases: [],
      addresses: [],
      countries: ['IQ'],
      identifiers: [{ type: 'Passport', value: 'M0887925' }],
      programs: [],
      datesOfBirth: ['1960-04-10'],
      nationalities: ['IQ'],
    } as ListEntry;
    const notes: string[] = [];
    expect(secondaryEvidence({ identifiers: [{ type: 'passport', value: 'M0887925' }] }, e, notes)).toBeGreaterThan(0.1);
    expect(notes[0]).toMatch(/identifier M0887925 matches the entry's Passport/);
    const n2: string[] = [];
    expect(secondaryEvidence({ dateOfBirth: '1985-01-01', nationality: 'FR' }, e, n2)).toBeLessThan(-0.15);
    expect(n2.join('; ')).toMatch(/date of birth 1985-01-01 differs from 1960-04-10; nationality FR not among IQ/);
    const n3: string[] = [];
    expect(secondaryEvidence({ dateOfBirth: '1960', nationality: 'IQ' }, e, n3)).toBeGreaterThan(0);
  });
});

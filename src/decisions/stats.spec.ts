import { daysBetween, parseStatsQuery, perDay, topReasons } from './stats';

describe('overview stats', () => {
  it('defaults to the 30 days up to today and names bad values', () => {
    expect(parseStatsQuery({}, '2026-12-03')).toEqual({ query: { from: '2026-11-04', to: '2026-12-03' }, errors: [] });
    expect(daysBetween('2026-11-04', '2026-12-03')).toBe(30);
    expect(parseStatsQuery({ from: '2026-02-30' }, '2026-12-03').errors).toEqual(['from must be a date YYYY-MM-DD']);
    expect(parseStatsQuery({ from: '2026-05-02', to: '2026-05-01' }, '2026-12-03').errors).toEqual(['from must not be after to']);
    expect(parseStatsQuery({ from: '2020-01-01', to: '2026-01-01' }, '2026-12-03').errors[0]).toMatch(/at most 731 days/);
    expect(parseStatsQuery({ limit: '5' }, '2026-12-03').errors[0]).toMatch(/unknown query parameter limit/);
  });

  it('folds grouped rows into every day of the period', () => {
    const days = perDay(
      [
        { day: '2026-05-02', decision: 'review', n: '3' },
        { day: '2026-05-02', decision: 'deny', n: 1 },
        { day: '2026-06-01', decision: 'allow', n: 9 },
      ],
      '2026-05-01',
      '2026-05-03',
    );
    expect(days).toEqual([
      { day: '2026-05-01', allow: 0, review: 0, deny: 0 },
      { day: '2026-05-02', allow: 0, review: 3, deny: 1 },
      { day: '2026-05-03', allow: 0, review: 0, deny: 0 },
    ]);
  });

  it('counts each code once per decision across the stored combinations, most frequent first', () => {
    const top = topReasons(
      [
        { codes: '|A|B|', n: 2 },
        { codes: '|B|', n: '5' },
        { codes: '|C|A|A|', n: 1 },
        { codes: '', n: 4 },
      ],
      2,
    );
    expect(top).toEqual([
      { code: 'B', decisions: 7 },
      { code: 'A', decisions: 3 },
    ]);
  });
});

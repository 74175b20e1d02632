import { ListEntry } from './list-entry';
import { asOfDate, dedupeEntries, ListSafetyError, listSafetyProblems } from './list-safety';

const entry = (entryId: string, startDate?: string) => ({ source: 'EL', entryId, name: `Entity ${entryId}`, startDate }) as unknown as ListEntry;

describe('list safety', () => {
  it('refuses a shrink beyond the threshold and accepts one within it', () => {
    expect(listSafetyProblems('EL', { entryCount: 1, asOf: null }, { entryCount: 3409, asOf: null }, 20).map((p) => p.code)).toEqual(['LIST_SHRINK']);
    expect(listSafetyProblems('EL', { entryCount: 2728, asOf: null }, { entryCount: 3409, asOf: null }, 20)).toEqual([]);
    expect(listSafetyProblems('EL', { entryCount: 2727, asOf: null }, { entryCount: 3409, asOf: null }, 20).map((p) => p.code)).toEqual(['LIST_SHRINK']);
    expect(listSafetyProblems('EL', { entryCount: 1, asOf: null }, undefined, 20)).toEqual([]);
  });

  it('refuses an older version; LIST_OLDER wins when both apply', () => {
    const p = listSafetyProblems('EL', { entryCount: 2001, asOf: '2022-05-01' }, { entryCount: 3409, asOf: '2026-07-01' }, 20);
    expect(p.map((x) => x.code).sort()).toEqual(['LIST_OLDER', 'LIST_SHRINK']);
    expect(new ListSafetyError(p).code).toBe('LIST_OLDER');
    expect(listSafetyProblems('EL', { entryCount: 3409, asOf: '2026-07-02' }, { entryCount: 3409, asOf: '2026-07-01' }, 20)).toEqual([]);
    // a cut-down copy of the active list: its newest listing is old, but it is a shrink, not a rollback
    expect(listSafetyProblems('EL', { entryCount: 1, asOf: '2011-11-21' }, { entryCount: 3409, asOf: '2025-10-09' }, 20, true).map((x) => x.code)).toEqual([
      'LIST_SHRINK',
    ]);
    // stated publish dates always compare
    const stated = listSafetyProblems(
      'UN',
      { entryCount: 1003, asOf: '2026-01-01', stated: true },
      { entryCount: 1003, asOf: '2026-02-27', stated: true },
      20,
      true,
    );
    expect(stated.map((x) => x.code)).toEqual(['LIST_OLDER']);
  });

  it('dates a file without a publish date by its newest listing, ignoring future dates', () => {
    expect(asOfDate(null, [entry('1', '2021-01-02'), entry('2', '2022-05-03'), entry('3', '2099-01-01'), entry('4')], '2026-12-01')).toBe('2022-05-03');
    expect(asOfDate('2026-02-27', [entry('1', '2021-01-02')])).toBe('2026-02-27');
    expect(asOfDate(null, [entry('1')])).toBeNull();
  });

  it('drops exact copies (also those whose id a parser suffixed), keeps different records that share an id', () => {
    const copies = Array.from({ length: 1000 }, (_, i) => ({ ...entry('7'), entryId: i ? `7#${i + 1}` : '7' }));
    const sameIdOtherRecord = { ...entry('7'), entryId: '7#1001', name: 'Another Entity' };
    expect(dedupeEntries([...copies, sameIdOtherRecord, entry('8')])).toEqual({ duplicates: 999, entries: [entry('7'), sameIdOtherRecord, entry('8')] });
  });
});

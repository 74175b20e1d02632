import { newUlid } from './ids';

describe('newUlid', () => {
  it('is a 26-character Crockford ULID, ordered by time, unique', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => newUlid(1_700_000_000_000 + i));
    for (const id of ids.slice(0, 10)) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newUlid(1_700_000_000_000).slice(0, 10)).toBe(ids[0].slice(0, 10));
  });
});

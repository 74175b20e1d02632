import { deepFreeze, memoByString } from './memo';

describe('memoByString', () => {
  it('computes once per argument and shares a deep-frozen result', () => {
    let calls = 0;
    const f = memoByString((s: string) => {
      calls++;
      return { words: s.split(' '), nested: { n: s.length } };
    }, 10);
    const a = f('a b');
    expect(f('a b')).toBe(a);
    expect(calls).toBe(1);
    expect(Object.isFrozen(a.words)).toBe(true);
    expect(Object.isFrozen(a.nested)).toBe(true);
    expect(() => (a.words as string[]).push('c')).toThrow(TypeError);
  });

  it('stays bounded: the memory is dropped when full, and results are computed again', () => {
    let calls = 0;
    const f = memoByString((s: string) => (calls++, s.length), 3);
    for (const s of ['a', 'bb', 'ccc']) f(s);
    f('dddd'); // full: forgets the first three
    expect(calls).toBe(4);
    f('a');
    expect(calls).toBe(5);
  });

  it('remembers undefined results too', () => {
    let calls = 0;
    const f = memoByString(() => (calls++, undefined), 5);
    f('x');
    f('x');
    expect(calls).toBe(1);
  });
});

describe('deepFreeze', () => {
  it('freezes arrays of objects', () => {
    const v = deepFreeze([{ a: [1] }]);
    expect(Object.isFrozen(v[0].a)).toBe(true);
  });
});

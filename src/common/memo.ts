/**
 * A pure function remembered by a string key of its argument: the last `max` distinct keys (the whole memory is
 * dropped when full: cheaper per call than an LRU, and a request stream repeats the same names, models and texts).
 * The results are shared between callers, so they are frozen (deeply): a caller that tried to change one would
 * throw, not silently change the next decision.
 */
export function memoize<A, R>(fn: (arg: A) => R, keyOf: (arg: A) => string, max: number): (arg: A) => R {
  const memory = new Map<string, R>();
  return (arg: A) => {
    const key = keyOf(arg);
    let r = memory.get(key);
    if (r === undefined && !memory.has(key)) {
      r = deepFreeze(fn(arg));
      if (memory.size >= max) memory.clear();
      memory.set(key, r);
    }
    return r as R;
  };
}

/** memoize for a function of one string (the string is the key). */
export function memoByString<R>(fn: (key: string) => R, max: number): (key: string) => R {
  return memoize(fn, (s) => s, max);
}

/** Freezes a plain value and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

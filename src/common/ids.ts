import { randomFillSync } from 'crypto';
import { ulid } from 'ulid';

/**
 * ULIDs (time-ordered, 80 random bits) drawing their randomness from a pooled buffer: the default
 * generator asks the kernel for one byte per character, which shows up at thousands of decisions a second.
 */
const pool = new Uint8Array(4096);
let offset = pool.length;

function pooledRandom(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++] / 256;
}

export function newUlid(timeMs: number = Date.now()): string {
  return ulid(timeMs, pooledRandom);
}

import { v7, validate, version } from 'uuid';

// Random bytes drawn from the CSPRNG in blocks: one call per 256 ids instead of one per id (an import of
// 20,000 suppliers makes 40,000 ids, and each getRandomValues call costs microseconds of its own).
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolAt = POOL_BYTES;

function nextRandom(): Uint8Array {
  if (poolAt + 16 > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.subarray(poolAt - 16, poolAt);
}

// The library keeps ids monotonic only when it draws its own bytes, so its counter is kept here the same way:
// a new millisecond starts from random bits, ids within one millisecond count up.
let lastMsecs = -Infinity;
let seq = 0;

/** UUIDv7: time-ordered, made wherever the record is made (also offline). */
export function newId(): string {
  const random = nextRandom();
  const now = Date.now();
  if (now > lastMsecs) {
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMsecs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs++;
  }
  return v7({ random, msecs: lastMsecs, seq });
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}

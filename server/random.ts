import { randomFillSync } from "node:crypto";

/**
 * Cryptographic random bytes from a refilled pool: one kernel call per 8 KiB instead of one
 * per id or IV (inside Next, each small call goes through its patched web crypto and shows
 * up as a hot spot on the intake path).
 */
const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/** The pool's offset of `n` fresh bytes (n ≤ POOL_SIZE), refilling it when they would run out. */
function take(n: number): number {
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += n;
  return offset - n;
}

export function randomBytesPooled(n: number): Buffer {
  if (n > POOL_SIZE) return randomFillSync(Buffer.allocUnsafe(n));
  const at = take(n);
  return Buffer.from(pool.subarray(at, at + n));
}

/**
 * `n` (≤ 6) random bytes as an unsigned big-endian integer, read from the pool in place: an id
 * needs numbers, not the two Buffers a copy makes (five ids an event in bulk intake).
 */
export function randomUIntPooled(n: number): number {
  return pool.readUIntBE(take(n), n);
}

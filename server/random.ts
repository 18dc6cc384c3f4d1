import { randomFillSync } from "node:crypto";

/**
 * Cryptographic random bytes from a refilled pool: one kernel call per 8 KiB instead of one
 * per id or IV (inside Next, each small call goes through its patched web crypto and shows
 * up as a hot spot on the intake path).
 */
const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

export function randomBytesPooled(n: number): Buffer {
  if (n > POOL_SIZE) return randomFillSync(Buffer.allocUnsafe(n));
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + n));
  offset += n;
  return out;
}

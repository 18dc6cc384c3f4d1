import { randomBytesPooled } from "./random";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** ULIDs (Crockford base32: 48-bit time + 80 random bits): sortable by creation time. */
export function newId(now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytesPooled(10);
  let rand = "";
  // 80 bits → 16 characters of 5 bits
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return time + rand;
}

import { randomUIntPooled } from "./random";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** The 80-bit random part as two 40-bit halves: exact in a double, no BigInt on the hot path. */
type Random = { hi: number; lo: number };
const HALF = 2 ** 40;

/**
 * The random part of the last id made for each of the few most recent times: ids made for the
 * same millisecond follow it. A job run stamps every default with the run's one `now`, and 50 000
 * ids of one millisecond in random order land all over the primary key's B-tree: measured, each
 * batch of 100 defaults dirtied ~100 pages of the ratings key and ~100 of the outbox key instead
 * of a few at their right edge. Kept per time, not just for the last id, because citizens' ids
 * (made at their own moment) come between the job's.
 */
const recent = new Map<number, Random>();
const RECENT_TIMES = 64;

function randomPart(): Random {
  return { hi: randomUIntPooled(5), lo: randomUIntPooled(5) };
}

/** The last random part plus a random step of 1 to 2^32; a fresh one in the (2^-48 rare) case it would overflow. */
function stepOn(r: Random): Random {
  const lo = r.lo + 1 + randomUIntPooled(4);
  if (lo < HALF) return { hi: r.hi, lo };
  return r.hi + 1 < HALF ? { hi: r.hi + 1, lo: lo - HALF } : randomPart();
}

/** Every 10-bit value as its two base32 digits: an id is built two digits at a time. */
const PAIRS = Array.from({ length: 1024 }, (_, v) => ALPHABET[v >> 5]! + ALPHABET[v & 31]!);

/** `pairs` pairs of digits of `v` (below 2^30), most significant first. */
function pairsOf(v: number, pairs: number): string {
  let out = "";
  for (let shift = (pairs - 1) * 10; shift >= 0; shift -= 10) out += PAIRS[(v >>> shift) & 1023];
  return out;
}

/**
 * `chars` (even) base32 digits of `value` (an integer below 2^(5·chars), at most 2^53): split in
 * two halves of at most 25 bits, so the digits come by shifts rather than a division each
 * (bench:bulk makes five ids an event).
 */
function base32(value: number, chars: number): string {
  const lowPairs = chars >> 2;
  const highPairs = (chars >> 1) - lowPairs;
  const split = 2 ** (10 * lowPairs);
  return pairsOf(Math.floor(value / split), highPairs) + pairsOf(value % split, lowPairs);
}

/**
 * ULIDs (Crockford base32: 48-bit time + 80 random bits): sortable by creation time. Within one
 * millisecond they also sort in the order they were made: the random part of the next is the last
 * one's plus a random step of up to 2^32, so an id still cannot be guessed from the one before it
 * (the spec's monotonic ULIDs add 1).
 */
export function newId(now = Date.now()): string {
  const before = recent.get(now);
  const random = before ? stepOn(before) : randomPart();
  recent.delete(now);
  recent.set(now, random);
  if (recent.size > RECENT_TIMES) recent.delete(recent.keys().next().value!);
  return base32(now, 10) + base32(random.hi, 8) + base32(random.lo, 8);
}

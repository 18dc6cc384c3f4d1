import { randomBytesPooled } from "./random";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_BITS = 80n;
const RANDOM_LIMIT = 1n << RANDOM_BITS;

/**
 * The random part of the last id made for each of the few most recent times: ids made for the
 * same millisecond follow it. A job run stamps every default with the run's one `now`, and 50 000
 * ids of one millisecond in random order land all over the primary key's B-tree: measured, each
 * batch of 100 defaults dirtied ~100 pages of the ratings key and ~100 of the outbox key instead
 * of a few at their right edge. Kept per time, not just for the last id, because citizens' ids
 * (made at their own moment) come between the job's.
 */
const recent = new Map<number, bigint>();
const RECENT_TIMES = 64;

function randomPart(): bigint {
  return BigInt(`0x${randomBytesPooled(10).toString("hex")}`);
}

/**
 * ULIDs (Crockford base32: 48-bit time + 80 random bits): sortable by creation time. Within one
 * millisecond they also sort in the order they were made: the random part of the next is the last
 * one's plus a random step of up to 2^32, so an id still cannot be guessed from the one before it
 * (the spec's monotonic ULIDs add 1).
 */
export function newId(now = Date.now()): string {
  const before = recent.get(now);
  let random = before === undefined ? randomPart() : before + 1n + BigInt(randomBytesPooled(4).readUInt32BE(0));
  if (random >= RANDOM_LIMIT) random = randomPart();
  recent.delete(now);
  recent.set(now, random);
  if (recent.size > RECENT_TIMES) recent.delete(recent.keys().next().value!);
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rand = "";
  for (let i = 0; i < 16; i++) {
    rand = ALPHABET[Number(random & 31n)]! + rand;
    random >>= 5n;
  }
  return time + rand;
}

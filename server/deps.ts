import "server-only";
import { openDatabase, type Database } from "@/db/client";
import { systemClock, type Clock } from "./clock";
import { env } from "./env";
import { createPii, type Pii } from "./privacy/pii";

/** What services need; tests build their own with a moved clock and a copied database. */
export interface Deps {
  database: Database;
  clock: Clock;
  pii: Pii;
}

const globalKey = Symbol.for("hcp.deps");
type Holder = { [globalKey]?: Promise<Deps> };

/**
 * One set per process. Kept on globalThis because Next may load a module once per bundle
 * layer (instrumentation, route handlers), and there must be exactly one writer.
 */
export function getDeps(): Promise<Deps> {
  const holder = globalThis as Holder;
  holder[globalKey] ??= (async () => {
    const e = env();
    const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN);
    return { database, clock: systemClock, pii: createPii(e.dataKey) };
  })();
  return holder[globalKey];
}

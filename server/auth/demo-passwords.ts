import "server-only";

import { verify } from "@node-rs/argon2";
import { and, eq, inArray } from "drizzle-orm";

import type { Database } from "@/db/client";
import { accounts } from "@/db/schema";
import { ACCOUNTS, BACK_OFFICE } from "@/db/seed/demo-data";

const DEMO = new Map([...ACCOUNTS, ...BACK_OFFICE.accounts].map((a) => [a.login, a.password]));

/** A demo account opening with its seeded password: exempt from the password's age, in the demo only (the caller checks which). */
export const isDemoPassword = (login: string, password: string) => DEMO.get(login) === password;

/** The logins of active accounts that still open with their demo password (README lists them). */
export async function demoPasswordsLeft(database: Database): Promise<string[]> {
  const rows = await database.db
    .select({ login: accounts.login, passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(and(inArray(accounts.login, [...DEMO.keys()]), eq(accounts.active, true)));
  const left: string[] = [];
  for (const r of rows)
    if (await verify(r.passwordHash, DEMO.get(r.login)!).catch(() => false)) left.push(r.login);
  return left.sort();
}

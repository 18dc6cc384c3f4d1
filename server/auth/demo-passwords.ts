import "server-only";
import { verify } from "@node-rs/argon2";
import { and, eq, inArray } from "drizzle-orm";
import { accounts } from "@/db/schema";
import { ACCOUNTS, BACK_OFFICE } from "@/db/seed/demo-data";
import type { Database } from "@/db/client";

/** The logins of active accounts that still open with their demo password (README lists them). */
export async function demoPasswordsLeft(database: Database): Promise<string[]> {
  const demo = new Map([...ACCOUNTS, ...BACK_OFFICE.accounts].map((a) => [a.login, a.password]));
  const rows = await database.db
    .select({ login: accounts.login, passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(and(inArray(accounts.login, [...demo.keys()]), eq(accounts.active, true)));
  const left: string[] = [];
  for (const r of rows) if (await verify(r.passwordHash, demo.get(r.login)!).catch(() => false)) left.push(r.login);
  return left.sort();
}

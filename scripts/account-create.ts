/**
 * npm run account:create -- --login <login> --role bureau [--name <显示名称>]
 * npm run account:create -- --login <login> --role org_admin --org <机构代码> [--name …]
 *
 * A deployment's first bureau account (SPEC §6): no demo account exists with HCP_DEMO=0. The
 * password is read from standard input (one line, never an argument, so it stays out of the shell
 * history and the process list) and must pass the password rules. The account's creation is
 * audited, without the password.
 */
import { parseArgs } from "node:util";

import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";

import { openDatabase } from "@/db/client";
import { accounts, orgs } from "@/db/schema";
import { audit } from "@/server/audit/audit.service";
import { passwordProblem } from "@/server/auth/password.rules";
import { checkedDeps } from "@/server/deps";
import { env, EnvError } from "@/server/env";
import { newId } from "@/server/ids";

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      login: { type: "string" },
      role: { type: "string" },
      org: { type: "string" },
      name: { type: "string" },
    },
  });
  const login = values.login?.trim() ?? "";
  const role = values.role;
  if (
    !/^[A-Za-z0-9._-]{3,64}$/.test(login) ||
    (role !== "bureau" && role !== "org_admin") ||
    (role === "org_admin" && !values.org)
  ) {
    console.error(
      "usage: npm run account:create -- --login <login> --role bureau|org_admin [--org <机构代码>] [--name <显示名称>]  (password on standard input)",
    );
    return 2;
  }
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) {
    console.error(`password refused: ${problem}`);
    return 2;
  }
  const e = env();
  const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN);
  try {
    const deps = await checkedDeps(database, e);
    const passwordHash = await hash(password);
    const made = await database.write(async (tx) => {
      const [taken] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(eq(accounts.login, login));
      if (taken) return `account ${login} exists already`;
      let orgId: string | null = null;
      if (role === "org_admin") {
        const [o] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, values.org!));
        if (!o) return `no org ${values.org}`;
        orgId = o.id;
      }
      const now = deps.clock.now();
      const id = newId(now);
      const displayName =
        values.name?.trim() || (role === "bureau" ? "市政务服务数据管理局" : login);
      await tx.insert(accounts).values({
        id,
        login,
        passwordHash,
        role,
        displayName,
        staffId: null,
        orgId,
        active: true,
        createdAt: now,
        passwordChangedAt: now,
      });
      await audit(
        deps,
        { id: "setup", name: "npm run account:create" },
        { action: "account.create", target: `account:${login}`, detail: { role } },
        tx,
      );
      return null;
    });
    if (made) {
      console.error(made);
      return 1;
    }
    console.log(`account ${login} (${role}) created`);
    return 0;
  } finally {
    database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(
      e instanceof EnvError
        ? e.message
        : `account:create failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  },
);

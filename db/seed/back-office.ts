import { hash } from "@node-rs/argon2";
import { eq, inArray } from "drizzle-orm";
import { ulid } from "ulidx";

import type { Database } from "../client";
import { accounts, items, orgs, staff, windows } from "../schema";
import { BACK_OFFICE } from "./demo-data";
import { nameTranslations } from "./names-i18n";

/**
 * Adds what the back office's demo needs to a demo database, whether it was seeded now or before
 * the back office existed: each row only when its code is missing, so a second start changes
 * nothing and a code the bureau has since edited is left alone.
 */
export async function ensureBackOfficeDemo(database: Database, now: number): Promise<number> {
  const db = database.db;
  const orgRows = await db.select({ id: orgs.id, code: orgs.code }).from(orgs);
  const orgId = new Map(orgRows.map((o) => [o.code, o.id]));
  if (!orgId.has("440781101-H01") || !orgId.has("440781102")) return 0; // not the demo's org tree
  const have = async <T>(q: Promise<T[]>) =>
    new Set((await q).map((r) => Object.values(r as object)[0] as string));
  const winCodes = await have(
    db
      .select({ c: windows.code })
      .from(windows)
      .where(
        inArray(
          windows.code,
          BACK_OFFICE.windows.map((w) => w.code),
        ),
      ),
  );
  const staffNos = await have(
    db
      .select({ c: staff.staffNo })
      .from(staff)
      .where(
        inArray(
          staff.staffNo,
          BACK_OFFICE.staff.map((s) => s.staffNo),
        ),
      ),
  );
  const itemCodes = await have(
    db
      .select({ c: items.code })
      .from(items)
      .where(
        inArray(
          items.code,
          BACK_OFFICE.items.map((i) => i.code),
        ),
      ),
  );
  const logins = await have(
    db
      .select({ c: accounts.login })
      .from(accounts)
      .where(
        inArray(
          accounts.login,
          BACK_OFFICE.accounts.map((a) => a.login),
        ),
      ),
  );
  const newAccounts = BACK_OFFICE.accounts.filter((a) => !logins.has(a.login));
  // argon2 is slow on purpose: hash before taking the writer
  const hashes = new Map(
    await Promise.all(newAccounts.map(async (a) => [a.login, await hash(a.password)] as const)),
  );
  let added = 0;
  await database.write(async (tx) => {
    const windowId = new Map<string, string>();
    for (const w of BACK_OFFICE.windows) {
      if (winCodes.has(w.code)) continue;
      const id = ulid();
      windowId.set(w.code, id);
      await tx
        .insert(windows)
        .values({ id, code: w.code, name: w.name, orgId: orgId.get(w.orgCode)!, createdAt: now });
      added++;
    }
    for (const s of BACK_OFFICE.staff) {
      if (staffNos.has(s.staffNo)) continue;
      const [w] = windowId.has(s.windowCode)
        ? [{ id: windowId.get(s.windowCode)! }]
        : await tx.select({ id: windows.id }).from(windows).where(eq(windows.code, s.windowCode));
      await tx.insert(staff).values({
        id: ulid(),
        staffNo: s.staffNo,
        name: s.name,
        orgId: orgId.get(s.orgCode)!,
        windowId: w?.id ?? null,
        createdAt: now,
      });
      added++;
    }
    for (const i of BACK_OFFICE.items) {
      if (itemCodes.has(i.code)) continue;
      await tx.insert(items).values({
        id: ulid(),
        code: i.code,
        name: i.name,
        orgId: orgId.get(i.orgCode)!,
        needsCertificate: i.needsCertificate,
        createdAt: now,
        ...nameTranslations(i),
      });
      added++;
    }
    for (const a of newAccounts) {
      const staffNo = "staffNo" in a ? a.staffNo : undefined;
      const orgCode = "orgCode" in a ? a.orgCode : undefined;
      const [s] = staffNo
        ? await tx.select({ id: staff.id }).from(staff).where(eq(staff.staffNo, staffNo))
        : [];
      await tx.insert(accounts).values({
        id: ulid(),
        login: a.login,
        passwordHash: hashes.get(a.login)!,
        role: a.role,
        displayName: a.displayName,
        staffId: s?.id ?? null,
        orgId: orgCode ? (orgId.get(orgCode) ?? null) : null,
        active: true,
        createdAt: now,
        passwordChangedAt: now,
      });
      added++;
    }
  });
  return added;
}

import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";

import { accounts, orgs, staff, windows } from "../db/schema";
import { type AdminCtx, adminCtxOf } from "../server/access/admin-ctx";
import type { StaffSession } from "../server/auth/auth.service";
import type { Deps } from "../server/deps";
import { newId } from "../server/ids";
import type { TSubmitRating } from "../server/ratings/ratings.schema";
import { submitRating } from "../server/ratings/ratings.service";
import type { TrpcContext } from "../server/trpc/init";
import { appRouter } from "../server/trpc/root";
import { completedCase } from "./rating-fixtures";

export const TOWN_ADMIN = {
  login: "admin-440781102",
  password: "demo-admin",
  orgCode: "440781102",
  name: "大江镇管理员",
} as const;
export const TAICHENG_ADMIN = {
  login: "admin-440781101",
  password: "demo-admin",
  orgCode: "440781101",
  name: "台城街道管理员",
} as const;

let passwordHash: Promise<string> | undefined;

/** An org admin account of a town (the seed has only the city's); made once per database. */
export async function ensureOrgAdmin(
  deps: Deps,
  who: { login: string; password: string; orgCode: string; name: string },
): Promise<void> {
  const db = deps.database.db;
  const [has] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.login, who.login));
  if (has) return;
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, who.orgCode));
  passwordHash ??= hash(who.password);
  const h = await passwordHash;
  await deps.database.write((tx) =>
    tx.insert(accounts).values({
      id: newId(),
      login: who.login,
      passwordHash: h,
      role: "org_admin",
      displayName: who.name,
      staffId: null,
      orgId: org!.id,
      active: true,
      createdAt: deps.clock.now(),
      passwordChangedAt: deps.clock.now(),
    }),
  );
}

/** The session an account signs in with, without the password round (services and callers take it). */
export async function sessionOf(deps: Deps, login: string): Promise<StaffSession> {
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.login, login));
  if (!a) throw new Error(`no account ${login}`);
  return {
    accountId: a.id,
    role: a.role,
    staffId: a.staffId,
    orgId: a.orgId,
    displayName: a.displayName,
  };
}

/** The context a back-office procedure hands its service, for calling services directly. */
export async function adminCtxAs(deps: Deps, login: string): Promise<AdminCtx> {
  return adminCtxOf(deps, await sessionOf(deps, login));
}

/** The tRPC caller as a signed-in account: the same router, middleware and scope as over HTTP. */
export function callerAs(deps: Deps, staffSession: StaffSession | null) {
  const ctx: TrpcContext = {
    deps,
    headers: new Headers(),
    resHeaders: new Headers(),
    session: null,
    staff: staffSession,
    device: null,
    clientAddress: "test",
    sameOrigin: true,
  };
  return appRouter.createCaller(ctx);
}

/** A window and a staff member of 台城街道's hall, for scope tests (大江镇's admin must not see them). */
export async function taichengWindow(
  deps: Deps,
): Promise<{ windowCode: string; staffNo: string; orgCode: string }> {
  const db = deps.database.db;
  const [hall] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, "440781101-H01"));
  const [has] = await db.select({ id: windows.id }).from(windows).where(eq(windows.code, "TC-W01"));
  if (!has) {
    const now = deps.clock.now();
    const windowId = newId(now);
    await deps.database.write(async (tx) => {
      await tx.insert(windows).values({
        id: windowId,
        code: "TC-W01",
        name: "台城综合窗口 1 号",
        orgId: hall!.id,
        createdAt: now,
      });
      await tx.insert(staff).values({
        id: newId(now),
        staffNo: "TC0001",
        name: "黄志强",
        orgId: hall!.id,
        windowId,
        createdAt: now,
      });
    });
  }
  return { windowCode: "TC-W01", staffNo: "TC0001", orgCode: "440781101" };
}

type Scores = TSubmitRating["scores"];
export const SERVICE_BAD: Scores = [
  { indicatorCode: "overall", level: "satisfied", tagCodes: [] },
  { indicatorCode: "svc.attitude", level: "unsatisfied", tagCodes: [], text: "态度很差" },
  { indicatorCode: "svc.ability", level: "basic", tagCodes: [] },
];
export const OVERALL_BAD: Scores = [
  { indicatorCode: "overall", level: "unsatisfied", tagCodes: [], text: "等了很久" },
  { indicatorCode: "svc.attitude", level: "unsatisfied", tagCodes: [], text: "态度很差" },
];

/** A completed window case rated by its applicant with these scores; its rating id. */
export async function ratedCase(
  deps: Deps,
  scores: Scores,
  where: { windowCode?: string; staffNo?: string; orgCode?: string; itemCode?: string } = {},
) {
  const c = await completedCase(deps, { case: where });
  const receipt = await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    { token: c.token, submissionId: `sub-${newId()}`, stage: "completion", scores },
  );
  return { ...c, ratingId: receipt.ratingId };
}

export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
export const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n%test\n");

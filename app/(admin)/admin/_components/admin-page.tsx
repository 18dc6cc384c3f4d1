import "server-only";

import { cookies } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";

import { SignInForm } from "@/app/(staff)/staff/sign-in-form";
import type { StaffSession } from "@/server/auth/sessions.service";
import type { Deps } from "@/server/deps";
import { isDomainError } from "@/server/errors";
import { createCallerFactory, createTrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

import { currentSession } from "./current-session";

const callerOf = createCallerFactory(appRouter);
export type AdminCaller = ReturnType<typeof callerOf>;

export interface AdminContext {
  caller: AdminCaller;
  session: StaffSession;
  deps: Deps;
}

/**
 * Every back-office page: signed out → the sign-in (data-state sign_in); a window staff account →
 * 403 无权访问; otherwise the page, calling the same tRPC procedures the browser would (scope is
 * checked there). A record of another scope is not found, as if it did not exist (SPEC §7).
 */
export async function adminPage(
  render: (a: AdminContext) => ReactNode | Promise<ReactNode>,
  opts: { bureauOnly?: boolean; account?: boolean } = {},
): Promise<ReactNode> {
  const { deps, token, session } = await currentSession();
  const cookieHeader = (await cookies()).toString();
  // a cookie whose session is gone: it ran out or was ended elsewhere, and the page says so
  if (!session) return <AdminSignIn ended={Boolean(token)} />;
  if (session.role === "staff" || (opts.bureauOnly && session.role !== "bureau")) forbidden();
  // HCP_REQUIRE_2FA: an account without a second factor enrols one before any other page (SPEC §8)
  if (session.mustEnrol && !opts.account) redirect("/admin/account");
  const ctx = await createTrpcContext({ headers: new Headers({ cookie: cookieHeader }), deps });
  const caller = callerOf(ctx);
  try {
    return await render({ caller, session, deps });
  } catch (e) {
    const cause = isDomainError(e) ? e : (e as { cause?: unknown }).cause;
    if (isDomainError(cause) && cause.code === "not_found") notFound();
    throw e;
  }
}

function AdminSignIn({ ended }: { ended: boolean }) {
  return (
    <main data-state="sign_in" className="mx-auto max-w-md px-5 py-10">
      <h1 className="text-2xl font-bold">好差评管理后台</h1>
      {ended && (
        <p
          role="status"
          className="mt-3 rounded-lg bg-amber-50 p-3 text-base text-amber-950 ring-1 ring-amber-300"
        >
          登录已结束（长时间未操作、超过最长登录时间，或已在别处结束），请重新登录。
        </p>
      )}
      <p className="mt-2 text-base text-stone-700">
        政务服务机构管理员和市政务服务数据管理局请用账号和密码登录。
      </p>
      <SignInForm loginLabel="账号" />
    </main>
  );
}

import "server-only";

import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";

import { isDatabaseUnavailable } from "@/db/remote";

import { adminCtxOf } from "../access/admin-ctx";
import { STAFF_COOKIE, type StaffSession, staffSessionOf } from "../auth/sessions.service";
import { type Deps, getDeps } from "../deps";
import { DEVICE_COOKIE, deviceOf, type DeviceSession } from "../device/device.service";
import { isDomainError, RETRY_AFTER_S, trpcCode } from "../errors";
import { clientAddressOf } from "../http/client-address";
import { isSameOrigin } from "../http/same-origin";
import { type RaterSession, readSession, SESSION_COOKIE } from "../identity/session";
import { log } from "../log";
import { cookieValue } from "../signed-cookie";

export interface TrpcContext {
  deps: Deps;
  headers: Headers;
  /** response headers: procedures set cookies here */
  resHeaders: Headers;
  session: RaterSession | null;
  /** a signed-in staff member, org admin or the bureau */
  staff: StaffSession | null;
  /** a staff cookie came whose session has ended (idle, past its hours, ended elsewhere): said so, not "sign in" */
  staffEnded?: boolean;
  /** an enrolled window screen or self-service terminal */
  device: DeviceSession | null;
  clientAddress: string;
  /** the request came from our own pages, or from no browser at all (DESIGN §9) */
  sameOrigin: boolean;
}

export async function createTrpcContext(opts: {
  headers: Headers;
  resHeaders?: Headers;
  deps?: Deps;
}): Promise<TrpcContext> {
  try {
    return await makeContext(opts);
  } catch (e) {
    if (isDatabaseUnavailable(e)) throw unavailable(e, opts.resHeaders);
    throw e;
  }
}

/** The database does not answer: 503 with Retry-After (SPEC §10), not a 500. */
function unavailable(cause: unknown, resHeaders: Headers | undefined): TRPCError {
  resHeaders?.set("retry-after", String(RETRY_AFTER_S));
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: "服务暂时不可用，请稍后再试",
    cause,
  });
}

async function makeContext(opts: {
  headers: Headers;
  resHeaders?: Headers;
  deps?: Deps;
}): Promise<TrpcContext> {
  const deps = opts.deps ?? (await getDeps());
  const cookie = opts.headers.get("cookie");
  const staffToken = cookieValue(cookie, STAFF_COOKIE);
  const staff = await staffSessionOf(deps, staffToken);
  return {
    deps,
    headers: opts.headers,
    resHeaders: opts.resHeaders ?? new Headers(),
    session: readSession(deps, cookieValue(cookie, SESSION_COOKIE)),
    // a session in the database (SPEC §8): ended, idle or past its hours, it is refused on every instance at once
    staff,
    staffEnded: Boolean(staffToken) && !staff,
    // a revoked or retired screen's cookie is refused at once, not when its week runs out
    device: await deviceOf(deps, cookieValue(cookie, DEVICE_COOKIE)),
    // the hop a trusted proxy added, never the first entry (the client writes that)
    clientAddress: clientAddressOf(opts.headers, deps.settings.trustedProxies),
    sameOrigin: isSameOrigin(opts.headers, deps.settings.publicUrl),
  };
}

/**
 * A fault of ours, for the operator: the error's kind and the first line of its message, never
 * the rest (a failed query's message goes on with its parameters, which may hold a rater's text).
 */
function logInternal(path: string | undefined, cause: unknown): void {
  const e = cause instanceof Error ? cause : new Error(String(cause));
  const inner = e.cause instanceof Error ? e.cause : undefined;
  const firstLine = (m: string) => m.split("\n")[0]!.slice(0, 200);
  log().error(
    {
      path,
      error: e.name,
      message: firstLine(e.message),
      cause: inner && `${inner.name}: ${firstLine(inner.message)}`,
    },
    "internal error",
  );
}

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    // a DomainError's message is meant for people; anything else stays generic, never a stack
    const cause = error.cause;
    const data = { ...shape.data, stack: undefined };
    if (isDomainError(cause))
      return {
        ...shape,
        message: cause.message,
        data: { ...data, domainCode: cause.code, details: cause.details },
      };
    // a form's bad field: the schema's own sentence, not tRPC's JSON dump of every issue
    if (cause instanceof ZodError)
      return { ...shape, message: cause.issues[0]?.message ?? "输入内容不正确", data };
    if (error.code === "SERVICE_UNAVAILABLE")
      return { ...shape, message: error.message, data: { ...data, domainCode: "unavailable" } };
    if (error.code === "INTERNAL_SERVER_ERROR") logInternal(shape.data.path, cause ?? error);
    return {
      ...shape,
      message:
        error.code === "INTERNAL_SERVER_ERROR" ? "服务暂时不可用，请稍后再试" : shape.message,
      data,
    };
  },
});

/**
 * Every procedure's one guard, as one middleware (each level of tRPC's middleware chain copies the
 * context, measured on the submit path): mutations only from our own pages, so another site's
 * form or script is refused before any work; and the one domain error mapped to tRPC codes, so
 * procedures just call services.
 */
const guard = t.middleware(async ({ ctx, type, next }) => {
  if (type === "mutation" && !ctx.sameOrigin)
    throw new TRPCError({ code: "FORBIDDEN", message: "跨站请求被拒绝" });
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCode[cause.code], message: cause.message, cause });
  }
  if (!result.ok && isDatabaseUnavailable(result.error.cause))
    throw unavailable(result.error.cause, ctx.resHeaders);
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(guard);

/** A rating from a phone's real-name session or from an enrolled window screen or terminal; never with a staff session (article 4). */
export const ratingProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.staff) throw new TRPCError({ code: "FORBIDDEN", message: "工作人员账号不能提交评价" });
  if (!ctx.session && !ctx.device)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "请先验证身份" });
  return next();
});

/** An enrolled window screen or terminal. */
export const deviceProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.device) throw new TRPCError({ code: "UNAUTHORIZED", message: "这台设备还没有登记" });
  return next({ ctx: { ...ctx, device: ctx.device } });
});

/**
 * Signed in, even before a required second factor is enrolled: 账号设置's own procedures (enrol,
 * change the password, sessions, sign-in history), which an account must reach to enrol.
 */
export const accountProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.staff)
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: ctx.staffEnded ? "登录已结束，请重新登录" : "请先登录",
    });
  return next({ ctx: { ...ctx, staff: ctx.staff } });
});

/** A signed-in staff member, org admin or the bureau; one who owes a second factor (HCP_REQUIRE_2FA) enrols it first. */
export const staffProcedure = accountProcedure.use(({ ctx, next }) => {
  if (ctx.staff.mustEnrol)
    throw new TRPCError({ code: "FORBIDDEN", message: "请先在账号设置中开启两步验证" });
  return next();
});

/**
 * An org admin or the bureau; a window staff account is refused (无权访问). The context becomes an
 * AdminCtx (the account's scope, which every admin service puts in its WHERE, and the actor its
 * audit records name): procedures pass `ctx` and the parsed input to the service as they are.
 */
export const adminProcedure = staffProcedure.use(async ({ ctx, next }) => {
  if (ctx.staff.role === "staff") throw new TRPCError({ code: "FORBIDDEN", message: "无权访问" });
  return next({ ctx: { ...ctx, ...(await adminCtxOf(ctx.deps, ctx.staff)) } });
});

/** The bureau (市政务服务数据管理局) alone. */
export const bureauProcedure = adminProcedure.use(({ ctx, next }) => {
  if (ctx.staff.role !== "bureau")
    throw new TRPCError({ code: "FORBIDDEN", message: "无权访问：仅限市政务服务数据管理局" });
  return next();
});

/** Tests and server pages call procedures in-process with a context of their own. */
export const createCallerFactory = t.createCallerFactory;

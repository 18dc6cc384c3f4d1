import "server-only";

import { type AdminCtx, adminCtxOf } from "../access/admin-ctx";
import { STAFF_COOKIE, staffSessionOf } from "../auth/sessions.service";
import { getDeps } from "../deps";
import { DomainError, httpStatus, isDomainError } from "../errors";
import { log } from "../log";
import { cookieValue } from "../signed-cookie";
import { isSameOrigin } from "./same-origin";

/**
 * Route handlers of the back office that tRPC does not suit (multipart uploads, file downloads,
 * spreadsheet imports): the staff session from its cookie, an admin role, same-origin writes
 * (DESIGN §9), and the one domain error as JSON `{ error: { code, message, field } }`.
 */
export async function adminRoute(
  req: Request,
  handle: (ctx: AdminCtx) => Promise<Response>,
  opts: { bureau?: boolean } = {},
): Promise<Response> {
  try {
    const deps = await getDeps();
    // the one same-origin rule of the tRPC routes (an `Origin: null` is another site, not a 500)
    if (
      req.method !== "GET" &&
      req.method !== "HEAD" &&
      !isSameOrigin(req.headers, deps.settings.publicUrl)
    ) {
      throw new DomainError("forbidden", "只接受本站提交");
    }
    const staff = await staffSessionOf(deps, cookieValue(req.headers.get("cookie"), STAFF_COOKIE));
    if (!staff) throw new DomainError("unauthenticated", "请先登录");
    if (staff.role === "staff" || staff.mustEnrol) throw new DomainError("forbidden", "无权访问");
    if (opts.bureau && staff.role !== "bureau")
      throw new DomainError("forbidden", "无权访问：仅限市政务服务数据管理局");
    return await handle(await adminCtxOf(deps, staff));
  } catch (e) {
    if (isDomainError(e)) {
      const field = (e.details as { field?: string } | undefined)?.field;
      return Response.json(
        { error: { code: e.code, message: e.message, ...(field ? { field } : {}) } },
        { status: httpStatus[e.code] },
      );
    }
    log().error(
      { err: e instanceof Error ? e.message : String(e), path: new URL(req.url).pathname },
      "admin route failed",
    );
    return Response.json(
      { error: { code: "internal", message: "服务暂时不可用，请稍后再试" } },
      { status: 500 },
    );
  }
}

/** A download: always an attachment, never sniffed, never cached by a shared cache. */
export function attachment(bytes: Uint8Array, name: string, mime: string): Response {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": mime,
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}

/**
 * A back-office download (导出 Excel) as a route handler: the signed-in account and its scope, or
 * the same refusals as the admin procedures (401 signed out, 403 window staff / not the bureau).
 */
export async function adminRequest(
  req: Request,
  opts: { bureau?: boolean } = {},
): Promise<AdminCtx> {
  const deps = await getDeps();
  const staff = await staffSessionOf(deps, cookieValue(req.headers.get("cookie"), STAFF_COOKIE));
  if (!staff) throw new DomainError("unauthenticated", "请先登录");
  if (staff.role === "staff" || staff.mustEnrol || (opts.bureau && staff.role !== "bureau"))
    throw new DomainError("forbidden", "无权访问");
  return adminCtxOf(deps, staff);
}

export const searchParamsOf = (req: Request) => Object.fromEntries(new URL(req.url).searchParams);

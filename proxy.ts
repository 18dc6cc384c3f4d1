import { type NextRequest, NextResponse } from "next/server";

import { env } from "./server/env";
import { securityHeaders } from "./server/http/security-headers";

/*
 * DESIGN §9: every page gets a fresh CSP nonce and the security headers. Next reads the nonce
 * from the request's content-security-policy header and puts it on its own scripts (all pages
 * render per request: the root layout reads cookies). The matcher keeps the proxy off the APIs
 * (the v1 API answers JSON, tRPC checks its own origin), off Next's static files, the service
 * worker's route and the public files, so none of those pays for it.
 *
 * One exception reaches the API paths: a path that is not valid percent-encoding (`%zz`, a cut
 * UTF-8 sequence). Next's router fails to decode it while matching a dynamic segment and answers
 * a bare 500 before any route handler runs (found by the fuzzer, Next 16.4.6); the proxy runs
 * before that matching, so it refuses such a path here with a 400 in the API's own error shape.
 */
export function proxy(request: NextRequest): NextResponse {
  const path = request.nextUrl.pathname;
  if (!decodable(path)) return badPath(path);
  if (path.startsWith("/api/")) return NextResponse.next();
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const e = env();
  const headers = securityHeaders({
    nonce,
    https: e.publicUrl.startsWith("https:"),
    dev: e.NODE_ENV === "development",
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

const MESSAGE = "the path is not valid percent-encoding";

function badPath(path: string): NextResponse {
  if (path.startsWith("/api/trpc/")) {
    // tRPC's own error envelope, as its handler answers a bad request
    return NextResponse.json(
      { error: { message: MESSAGE, code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400 } } },
      { status: 400 },
    );
  }
  if (path.startsWith("/api/"))
    return NextResponse.json(
      { error: { code: "invalid_path", message: MESSAGE } },
      { status: 400 },
    );
  return new NextResponse("400 Bad Request: the address is not valid", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  });
}

export const config = {
  matcher: [
    "/((?!api/|_next/static|_next/image|serwist/|favicon\\.ico|icon|manifest\\.webmanifest|offline\\.html|.*\\.(?:png|svg|ico|webmanifest|txt|html)$).*)",
    // only API paths with a percent sign: the rest of the API never runs the proxy
    "/api/:path(.*%.*)",
  ],
};

import { NextResponse, type NextRequest } from "next/server";
import { env } from "./server/env";
import { securityHeaders } from "./server/http/security-headers";

/*
 * DESIGN §9: every page gets a fresh CSP nonce and the security headers. Next reads the nonce
 * from the request's content-security-policy header and puts it on its own scripts (all pages
 * render per request: the root layout reads cookies). The matcher keeps the proxy off the APIs
 * (the v1 API answers JSON, tRPC checks its own origin), off Next's static files, the service
 * worker's route and the public files, so none of those pays for it.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const e = env();
  const headers = securityHeaders({ nonce, https: e.publicUrl.startsWith("https:"), dev: e.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|serwist/|favicon\\.ico|icon|manifest\\.webmanifest|offline\\.html|.*\\.(?:png|svg|ico|webmanifest|txt|html)$).*)",
    },
  ],
};

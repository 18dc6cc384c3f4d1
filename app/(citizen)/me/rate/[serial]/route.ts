import { cookies } from "next/headers";

import { getDeps } from "@/server/deps";
import { isDomainError } from "@/server/errors";
import { sessionCookie, signSession } from "@/server/identity/session";
import { rateLink } from "@/server/me/me.service";
import { ME_COOKIE, readMeSession } from "@/server/me/me.session";

export const dynamic = "force-dynamic";

/**
 * 待评价 → the rating page: with a /me session that proves the case's applicant, a real-name
 * session for the rating page and a freshly signed static code; otherwise back to /me.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ serial: string }> }) {
  const [{ serial }, deps, jar] = await Promise.all([params, getDeps(), cookies()]);
  const me = readMeSession(deps, jar.get(ME_COOKIE)?.value);
  const back = new Response(null, { status: 303, headers: { location: "/me" } });
  if (!me) return back;
  try {
    const link = await rateLink(deps, me, serial);
    return new Response(null, {
      status: 303,
      headers: {
        location: link.path,
        "set-cookie": sessionCookie(deps, await signSession(deps, link.session)),
      },
    });
  } catch (e) {
    if (isDomainError(e)) return back;
    throw e;
  }
}

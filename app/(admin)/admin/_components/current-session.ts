import "server-only";

import { cookies } from "next/headers";
import { cache } from "react";

import { STAFF_COOKIE, staffSessionOf } from "@/server/auth/sessions.service";
import { getDeps } from "@/server/deps";

/**
 * The signed-in account of this request, read from the database once for the layout and the page
 * together (React's per-request cache): each read is a query, and a touch of last_seen.
 */
export const currentSession = cache(async () => {
  const deps = await getDeps();
  const token = (await cookies()).get(STAFF_COOKIE)?.value;
  return { deps, token, session: await staffSessionOf(deps, token) };
});

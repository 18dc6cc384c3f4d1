import "server-only";

import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";

import { STAFF_COOKIE, type StaffSession, staffSessionOf } from "@/server/auth/sessions.service";
import { type Deps, getDeps } from "@/server/deps";
import { isDomainError } from "@/server/errors";

/** A staff page about one case: signed out → the sign-in page; a case not theirs → 404, like one that doesn't exist. */
export async function forStaff<T>(
  load: (deps: Deps, session: StaffSession) => Promise<T>,
): Promise<T> {
  const deps = await getDeps();
  const session = await staffSessionOf(deps, (await cookies()).get(STAFF_COOKIE)?.value);
  if (!session) redirect("/staff");
  return load(deps, session).catch((e: unknown) => {
    if (isDomainError(e) && e.code === "not_found") notFound();
    throw e;
  });
}

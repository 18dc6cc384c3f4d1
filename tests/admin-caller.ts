import { signIn, STAFF_COOKIE } from "../server/auth/auth.service";
import type { Deps } from "../server/deps";
import { appRouter } from "../server/trpc/root";
import { createCallerFactory, createTrpcContext } from "../server/trpc/init";

const PASSWORDS: Record<string, string> = { bureau: "demo-bureau" };
export const passwordOf = (login: string) => PASSWORDS[login] ?? (login.startsWith("admin-") ? "demo-admin" : "demo-staff");

/** The tRPC caller a signed-in account gets (its real session cookie through the real context). */
export async function callerFor(deps: Deps, login: string) {
  const { token } = await signIn(deps, login, passwordOf(login));
  const ctx = await createTrpcContext({ headers: new Headers({ cookie: `${STAFF_COOKIE}=${token}` }), deps });
  return createCallerFactory(appRouter)(ctx);
}

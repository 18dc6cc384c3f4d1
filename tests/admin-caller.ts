import { signIn, STAFF_COOKIE } from "../server/auth/auth.service";
import type { Client } from "../server/auth/sign-in-events";
import type { Deps } from "../server/deps";
import { createCallerFactory, createTrpcContext } from "../server/trpc/init";
import { appRouter } from "../server/trpc/root";

const PASSWORDS: Record<string, string> = { bureau: "demo-bureau" };
export const passwordOf = (login: string) =>
  PASSWORDS[login] ?? (login.startsWith("admin-") ? "demo-admin" : "demo-staff");

/** A sign-in that must be complete after the password (no second factor, a password not too old): its session and token. */
export async function signedIn(
  deps: Deps,
  login: string,
  password = passwordOf(login),
  client?: Client,
) {
  const step = await signIn(deps, login, password, client);
  if (step.step !== "done")
    throw new Error(`${login} was asked for ${step.step} after the password`);
  return step;
}

/** The tRPC caller a signed-in account gets (its real session cookie through the real context). */
export async function callerFor(deps: Deps, login: string) {
  const { token } = await signedIn(deps, login);
  const ctx = await createTrpcContext({
    headers: new Headers({ cookie: `${STAFF_COOKIE}=${token}` }),
    deps,
  });
  return createCallerFactory(appRouter)(ctx);
}

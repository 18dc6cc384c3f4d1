import { expect } from "vitest";

import { passwordOf } from "../admin-caller";

/** Signs a demo account in over HTTP, as the sign-in form does: the cookie header its session sends. */
export async function adminCookie(url: string, login: string): Promise<string> {
  const res = await fetch(`${url}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url, "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ login, password: passwordOf(login) }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

import { DEMO_KEYS } from "../constants";

/** A thin caller for the v1 API in tests. */
export function v1(base: string, key: string | null = DEMO_KEYS.intake) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...extra,
  });
  return {
    async post(
      path: string,
      body: unknown,
      init: { raw?: boolean; headers?: Record<string, string> } = {},
    ) {
      const res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: headers({ "content-type": "application/json", ...init.headers }),
        body: init.raw ? (body as string) : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async get(path: string) {
      const res = await fetch(`${base}${path}`, { headers: headers() });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { copyTemplateDb } from "../db";
import { type RunningServer, startServer } from "../http-server";

/** Defects a security review of the code found (issue 24), each held over real HTTP. */
describe("a security review's findings", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ databaseUrl: `file:${copyTemplateDb()}` });
  });
  afterAll(async () => server?.stop());

  async function bureau(): Promise<string> {
    const res = await fetch(`${server.url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ login: "bureau", password: "demo-bureau" }),
    });
    expect(res.status).toBe(200);
    return res.headers.getSetCookie()[0]!.split(";")[0]!;
  }

  test("a back-office upload with `Origin: null` (a sandboxed page, a data: URL) is another site: 403 in the error shape, not a 500", async () => {
    const cookie = await bureau();
    for (const origin of ["null", "https://evil.example", "not a url"]) {
      const res = await fetch(`${server.url}/api/admin/manage/import`, {
        method: "POST",
        headers: { cookie, origin },
        body: new FormData(),
      });
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "forbidden", message: "只接受本站提交" } });
    }
  });

  test("no public procedure lists the staff's names and 工号 (the /staff logins): catalog.codes is gone", async () => {
    const res = await fetch(
      `${server.url}/api/trpc/catalog.codes?input=${encodeURIComponent("{}")}`,
    );
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("TS0001");
  });
});

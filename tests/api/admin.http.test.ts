import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inject } from "vitest";

import { openDatabase } from "@/db/client";
import { fixedClock } from "@/server/clock";

import { PNG_BYTES, ratedCase, SERVICE_BAD } from "../admin-fixtures";
import { copyTemplateDb, depsOf } from "../db";
import { type RunningServer, startServer } from "../http-server";

/**
 * The back office's route handlers and tRPC procedures of issue 14 over real HTTP: sign-in
 * cookies, the same-origin check, scope (大江镇's admin gets 404 for 台城街道's appeal), the
 * upload's content check and the evidence download's headers, the import's dry run.
 */
let server: RunningServer;
let ratingId = "";

beforeAll(async () => {
  const file = copyTemplateDb();
  const database = await openDatabase(`file:${file}`);
  const deps = depsOf(database, inject("dataKey"), fixedClock(Date.now()));
  // a bad service rating of 台城街道's window W11 (staff TS1101)
  ratingId = (
    await ratedCase(deps, SERVICE_BAD, {
      windowCode: "W11",
      staffNo: "TS1101",
      orgCode: "440781101",
      itemCode: "ITEM-0101",
    })
  ).ratingId;
  database.close();
  server = await startServer({
    databaseUrl: `file:${file}`,
    env: { HCP_FILES_DIR: join(inject("runDir"), "files-http") },
  });
}, 90_000);
afterAll(async () => server?.stop());

async function signInAs(login: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ login, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

function appealForm(files: { name: string; bytes: Uint8Array; type: string }[], rid = ratingId) {
  const form = new FormData();
  form.set("ratingId", rid);
  form.append("indicatorCodes", "svc.attitude");
  form.set("reason", "监控录像显示工作人员态度正常，评价不实");
  for (const f of files)
    form.append("files", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return form;
}
const post = (path: string, cookie: string, body: FormData, origin = server.url) =>
  fetch(`${server.url}${path}`, { method: "POST", headers: { cookie, origin }, body });
const query = (cookie: string, path: string, input: unknown) =>
  fetch(`${server.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { cookie },
  });

describe("appeals over HTTP", () => {
  test("a text file named .png is refused (422, the file named); a PNG is filed (201); another site's form is refused", async () => {
    const admin = await signInAs("admin-440781101", "demo-admin");
    const text = await post(
      "/api/admin/appeals",
      admin,
      appealForm([
        { name: "证据.png", bytes: new TextEncoder().encode("not a picture"), type: "image/png" },
      ]),
    );
    expect(text.status).toBe(422);
    expect(await text.json()).toEqual({
      error: {
        code: "invalid",
        message: "证明材料“证据.png”：文件内容不是 PDF、JPEG 或 PNG",
        field: "files",
      },
    });
    const cross = await post(
      "/api/admin/appeals",
      admin,
      appealForm([{ name: "a.png", bytes: PNG_BYTES, type: "image/png" }]),
      "https://evil.example",
    );
    expect(cross.status).toBe(403);
    const overall = appealForm([{ name: "a.png", bytes: PNG_BYTES, type: "image/png" }]);
    overall.set("indicatorCodes", "overall");
    const refused = await post("/api/admin/appeals", admin, overall);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "第二十二条",
    );

    const ok = await post(
      "/api/admin/appeals",
      admin,
      appealForm([{ name: "录像截图.png", bytes: PNG_BYTES, type: "image/png" }]),
    );
    expect(ok.status).toBe(201);
    const { appealId } = (await ok.json()) as { appealId: string };
    const got = await query(admin, "appeals.get", { id: appealId });
    expect(got.status).toBe(200);
    const appeal = (
      (await got.json()) as { result: { data: { files: { id: string }[]; status: string } } }
    ).result.data;
    expect(appeal.status).toBe("pending");
    const file = await fetch(
      `${server.url}/api/admin/appeals/${appealId}/files/${appeal.files[0]!.id}`,
      { headers: { cookie: admin } },
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG_BYTES);

    // 大江镇's admin: every door answers not found
    const town = await signInAs("admin-440781102", "demo-admin");
    expect((await query(town, "appeals.get", { id: appealId })).status).toBe(404);
    expect((await query(town, "appeals.rating", { ratingId })).status).toBe(404);
    expect(
      (
        await fetch(`${server.url}/api/admin/appeals/${appealId}/files/${appeal.files[0]!.id}`, {
          headers: { cookie: town },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await post(
          "/api/admin/appeals",
          town,
          appealForm([{ name: "a.png", bytes: PNG_BYTES, type: "image/png" }]),
        )
      ).status,
    ).toBe(404);
    const list = (await (await query(town, "appeals.list", {})).json()) as {
      result: { data: unknown[] };
    };
    expect(list.result.data).toEqual([]);
    // window staff: 403; signed out: 401
    const staffCookie = await signInAs("TS1101", "demo-staff");
    expect((await query(staffCookie, "appeals.list", {})).status).toBe(403);
    expect(
      (await fetch(`${server.url}/api/admin/appeals/${appealId}/files/${appeal.files[0]!.id}`))
        .status,
    ).toBe(401);
  });
});

describe("management over HTTP", () => {
  test("the import's dry run lists the bad rows (422) and writes nothing; org admins get 403", async () => {
    const bureau = await signInAs("bureau", "demo-bureau");
    const form = () => {
      const f = new FormData();
      f.set("kind", "staff");
      f.set("dryRun", "1");
      f.set(
        "file",
        new Blob(["工号,姓名,机构代码,窗口编码\nTS7001,张三,440781-H01,W01\nTS7002,李四,NOPE,\n"], {
          type: "text/csv",
        }),
        "staff.csv",
      );
      return f;
    };
    const dry = await post("/api/admin/manage/import", bureau, form());
    expect(dry.status).toBe(422);
    expect(await dry.json()).toMatchObject({
      written: false,
      creates: 1,
      problems: [{ line: 3, field: "orgCode", message: "机构代码：找不到 NOPE" }],
    });
    const real = form();
    real.set("dryRun", "0");
    expect(await (await post("/api/admin/manage/import", bureau, real)).json()).toMatchObject({
      written: false,
    });
    const staffList = (await (
      await query(bureau, "manage.entities.list", { kind: "staff", q: "TS700" })
    ).json()) as { result: { data: unknown[] } };
    expect(staffList.result.data).toEqual([]);
    const admin = await signInAs("admin-440781", "demo-admin");
    expect((await post("/api/admin/manage/import", admin, form())).status).toBe(403);
    expect((await query(admin, "manage.audit.list", {})).status).toBe(403);
  });
});

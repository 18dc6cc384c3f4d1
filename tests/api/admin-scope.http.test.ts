import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { openDatabase } from "@/db/client";
import { systemClock } from "@/server/clock";

import { copyTemplateDb, depsOf } from "../db";
import { type RunningServer, startServer } from "../http-server";
import { badlyRated } from "../workorder-fixtures";
import { adminCookie } from "./admin-session";

/**
 * Scope over HTTP (DESIGN §8): 大江镇's admin, signed in with the real cookie, reads only 大江镇's
 * work orders and concentrated complaints; 台城街道's order is a 404 and its tags, items, keywords
 * and alerts never appear.
 */
describe("the back office's scope over HTTP", () => {
  let server: RunningServer;
  const ids = { taicheng: [] as string[], dajiang: [] as string[] };
  beforeAll(async () => {
    const file = copyTemplateDb();
    const database = await openDatabase(`file:${file}`);
    const deps = depsOf(database, inject("dataKey"), systemClock);
    for (let i = 0; i < 3; i++)
      ids.taicheng.push(
        (
          await badlyRated(deps, "W11", {
            tag: "overall.unsatisfied.2",
            text: "台城窗口要求额外证明，电话13902221234没人接",
          })
        ).workOrderId,
      );
    ids.dajiang.push(
      (
        await badlyRated(deps, "W21", {
          tag: "overall.unsatisfied.1",
          text: "排队时间太长，超过承诺时限",
        })
      ).workOrderId,
    );
    database.close();
    server = await startServer({ databaseUrl: `file:${file}` });
  });
  afterAll(async () => server?.stop());

  const signIn = (login: string) => adminCookie(server.url, login);
  async function query(cookie: string, proc: string, input: unknown = {}) {
    const res = await fetch(
      `${server.url}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie } },
    );
    const body = (await res.json()) as {
      result?: { data: unknown };
      error?: { message: string; data: { code: string; httpStatus: number } };
    };
    return {
      status: res.status,
      data: body.result?.data as Record<string, unknown> & { rows?: { id: string }[] },
      error: body.error,
    };
  }

  test("大江镇's admin lists only W21's orders; a W11 order's detail is a 404", async () => {
    const cookie = await signIn("admin-440781102");
    const list = await query(cookie, "workOrders.list", { limit: 50 });
    expect(list.status).toBe(200);
    expect(list.data.rows!.map((r) => r.id)).toEqual(ids.dajiang);
    expect((await query(cookie, "workOrders.list", { org: "440781101" })).data.rows).toEqual([]);
    const other = await query(cookie, "workOrders.detail", { id: ids.taicheng[0] });
    expect(other.status).toBe(404);
    expect(other.error?.message).toBe("找不到这个工单");
    expect((await query(cookie, "workOrders.detail", { id: ids.dajiang[0] })).status).toBe(200);
    // 台城街道's admin is the mirror image
    const taicheng = await signIn("admin-440781101");
    expect(
      (await query(taicheng, "workOrders.list", { limit: 50 })).data.rows!.map((r) => r.id).sort(),
    ).toEqual([...ids.taicheng].sort());
    expect((await query(taicheng, "workOrders.detail", { id: ids.dajiang[0] })).status).toBe(404);
  });

  test("大江镇's admin never sees 台城街道's tags, items, keywords or alerts; 台城街道's admin does", async () => {
    const cookie = await signIn("admin-440781102");
    const { status, data } = await query(cookie, "analysis.summary", {});
    expect(status).toBe(200);
    const text = JSON.stringify(data);
    expect(data).toMatchObject({ badCount: 1, alerts: [] });
    expect(text).not.toMatch(/overall\.unsatisfied\.2|ITEM-0101|证明|没人接|台城/);
    expect((await query(cookie, "analysis.alerts")).data).toEqual([]);

    const taicheng = await signIn("admin-440781101");
    const t = await query(taicheng, "analysis.summary", {});
    expect(t.data).toMatchObject({
      badCount: 3,
      items: [{ code: "ITEM-0101", badCount: 3 }],
      alerts: [{ itemCode: "ITEM-0101", tagCode: "overall.unsatisfied.2", count: 3 }],
    });
    // the phone typed into the reason never shows, not even in part, in any text of the answer
    // (numbers are left out: a count or a timestamp such as firstAt may hold "139" by chance)
    const texts = JSON.stringify(t.data, (_k, v: unknown) => (typeof v === "number" ? 0 : v));
    expect(texts).not.toMatch(/139|0222|1234/);
    expect((await query(taicheng, "analysis.alerts")).data).toMatchObject([
      { itemCode: "ITEM-0101", count: 3 },
    ]);
  });

  test("window staff get 403 无权访问; no session is a 401", async () => {
    const staff = await signIn("TS1201");
    const refused = await query(staff, "analysis.summary", {});
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toBe("无权访问");
    expect((await query(staff, "workOrders.list", {})).status).toBe(403);
    expect((await query("", "analysis.alerts")).status).toBe(401);
  });
});

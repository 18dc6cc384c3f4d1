import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";

import {
  accounts,
  auditLog,
  calendarDays,
  items,
  outbox,
  ratings,
  staff,
  windows,
} from "@/db/schema";
import { callerAs, ratedCase, sessionOf } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { adminCtxOf } from "../access/admin-ctx";
import { signIn } from "../auth/auth.service";
import { activeCatalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { authenticateClient } from "../integration/clients.service";
import { enqueue } from "../outbox/outbox.service";
import { issueCode, mintCode, verifyToken } from "../qr/qr.service";
import { createAccount, resetPassword, setAccountActive } from "./accounts.service";
import { importYear, setDay } from "./calendar.service";
import {
  addTag,
  editTag,
  newDraft,
  publishVersion,
  retireTag,
  versionDetail,
} from "./catalog.manage";
import {
  createEntity,
  listEntities,
  setRetired,
  updateEntity,
  ZListEntities,
} from "./entities.service";
import { importTable, parseCsv } from "./import.service";
import {
  createClient,
  listKeys,
  queryAudit,
  retryOutbox,
  revokeClient,
  revokeQrCode,
  rotateClient,
  rotateSigningKey,
  ZAuditQuery,
} from "./platform.service";

const fresh = perTestDeps();
const setup = async () => {
  const made = await fresh("2026-03-02T10:00:00+08:00");
  return { ...made, bureau: await sessionOf(made.deps, "bureau") };
};
const csv = (text: string) => ({ name: "staff.csv", bytes: new TextEncoder().encode(text) });
const count = (deps: Deps) =>
  Promise.all([deps.database.db.$count(staff), deps.database.db.$count(items)]);

describe("import of staff and items", () => {
  test("a dry run lists every bad row with its line and reason and writes nothing; a real run with a bad row writes nothing either", async () => {
    const { deps, bureau } = await setup();
    const before = await count(deps);
    const file = csv(
      [
        "工号,姓名,机构代码,窗口编码",
        "TS0101,张三,440781-H01,W01",
        "TS0102,,440781-H01,W01", // no name
        "TS0103,李四,NO-SUCH-ORG,", // unknown org
        "TS0101,王五,440781-H01,", // duplicate of line 2
        "TS 0104,赵六,440781-H01,W99", // bad staff no
        "",
        "TS0105,钱七,440781-H01,W99", // unknown window (line 8: the empty line counts)
      ].join("\r\n"),
    );
    const dry = await importTable(await adminCtxOf(deps, bureau), "staff", file, { dryRun: true });
    expect(dry.written).toBe(false);
    expect(dry.problems).toEqual([
      { line: 3, field: "name", message: "姓名：请填写" },
      { line: 4, field: "orgCode", message: "机构代码：找不到 NO-SUCH-ORG" },
      { line: 5, field: "staffNo", message: "工号：TS0101 与第 2 行重复" },
      { line: 6, field: "staffNo", message: "工号：只能用字母、数字和 - _" },
      { line: 8, field: "windowCode", message: "窗口编码：找不到 W99" },
    ]);
    expect(dry).toMatchObject({ creates: 1, updates: 0 });
    expect(await count(deps)).toEqual(before);
    const real = await importTable(await adminCtxOf(deps, bureau), "staff", file, {
      dryRun: false,
    });
    expect(real).toMatchObject({ written: false, problems: dry.problems });
    expect(await count(deps)).toEqual(before);
    expect(
      await deps.database.db.$count(auditLog, eq(auditLog.action, "manage.staff.import")),
    ).toBe(0);
  });

  test("an xlsx of items: dry run, then every row written in one go (a known code updates, a new one creates), audited", async () => {
    const { deps, bureau } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("事项");
    ws.addRow(["事项编码", "事项名称", "机构代码", "需要证照", "繁体名称", "英文名称"]);
    ws.addRow(["ITEM-0901", "建设工程消防验收", "440781", "是", "", "Fire acceptance"]);
    ws.addRow(["ITEM-0001", "社会保障卡信息变更（改）", "440781", "否", "", ""]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const bad = new Uint8Array(
      await (async () => {
        ws.addRow(["ITEM-0902", "某事项", "440781", "也许", "", ""]);
        return wb.xlsx.writeBuffer();
      })(),
    );
    expect(
      (
        await importTable(
          await adminCtxOf(deps, bureau),
          "items",
          { name: "items.xlsx", bytes: bad },
          { dryRun: true },
        )
      ).problems,
    ).toEqual([{ line: 4, field: "needsCertificate", message: "需要证照：请选择是或否" }]);
    const before = await deps.database.db.$count(items);
    expect(
      await importTable(
        await adminCtxOf(deps, bureau),
        "items",
        { name: "items.xlsx", bytes },
        { dryRun: true },
      ),
    ).toMatchObject({
      creates: 1,
      updates: 1,
      problems: [],
      written: false,
    });
    expect(await deps.database.db.$count(items)).toBe(before);
    expect(
      await importTable(
        await adminCtxOf(deps, bureau),
        "items",
        { name: "items.xlsx", bytes },
        { dryRun: false },
      ),
    ).toMatchObject({ creates: 1, updates: 1, written: true });
    expect(await deps.database.db.$count(items)).toBe(before + 1);
    const [changed] = await deps.database.db
      .select()
      .from(items)
      .where(eq(items.code, "ITEM-0001"));
    expect(changed?.name).toBe("社会保障卡信息变更（改）");
    expect(
      await deps.database.db.$count(auditLog, eq(auditLog.action, "manage.items.import")),
    ).toBe(1);
  });

  test("a missing header column, a PNG called .csv, a file called .xlsx that is not one", async () => {
    const { deps, bureau } = await setup();
    expect(
      (
        await importTable(await adminCtxOf(deps, bureau), "staff", csv("工号,姓名\nTS1,张三"), {
          dryRun: true,
        })
      ).problems[0],
    ).toMatchObject({ line: 1, field: "orgCode" });
    await expect(
      importTable(
        await adminCtxOf(deps, bureau),
        "staff",
        { name: "a.xlsx", bytes: new TextEncoder().encode("工号") },
        { dryRun: true },
      ),
    ).rejects.toMatchObject({
      details: { field: "file" },
    });
    expect(parseCsv('a,"b ""q"", c"\r\n1,2')).toEqual([
      { line: 1, cells: ["a", 'b "q", c'] },
      { line: 2, cells: ["1", "2"] },
    ]);
  });
});

describe("signing keys and revoked codes", () => {
  test("after a rotation a code signed by the old key still verifies; a code revoked by serial number or jti is refused", async () => {
    const { deps, bureau, clock } = await setup();
    const c = await completedCase(deps);
    const old = await issueCode(deps, { serialNo: c.serialNo, kind: "static" });
    const { kid } = await rotateSigningKey(await adminCtxOf(deps, bureau));
    expect((await verifyToken(deps, old.token)).caseRef).toBeTruthy();
    const { keys } = await listKeys(deps);
    expect(keys.map((k) => k.status)).toEqual(["active", "retired"]);
    expect(keys[0]!.kid).toBe(kid);

    clock.advance(1000);
    await revokeQrCode(await adminCtxOf(deps, bureau), {
      serialNo: c.serialNo,
      reason: "回执遗失，重新打印",
    });
    await expect(verifyToken(deps, old.token)).rejects.toMatchObject({
      code: "gone",
      details: { reason: "revoked" },
    });
    // one dynamic code by its jti
    const other = await completedCase(deps);
    const dyn = await mintCode(deps, {
      serialNo: other.serialNo,
      kind: "dynamic",
      windowCode: "W01",
      staffNo: "TS0001",
    });
    const claims = await verifyToken(deps, dyn.token);
    clock.advance(1000);
    await revokeQrCode(await adminCtxOf(deps, bureau), {
      jti: claims.jti,
      reason: "屏幕被拍照外传",
    });
    await expect(verifyToken(deps, dyn.token)).rejects.toMatchObject({
      details: { reason: "revoked" },
    });
    await expect(
      revokeQrCode(await adminCtxOf(deps, bureau), { serialNo: "NOPE", reason: "x" }),
    ).rejects.toMatchObject({
      details: { field: "serialNo" },
      message: "办件流水号：找不到 NOPE",
    });
    await expect(
      revokeQrCode(await adminCtxOf(deps, bureau), { reason: "x" }),
    ).rejects.toMatchObject({
      details: { field: "serialNo" },
    });
    const actions = (await queryAudit(deps, ZAuditQuery.parse({ actor: bureau.accountId }))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["qr.revoke", "qr.revoke", "signing_key.rotate"]);
  });
});

describe("catalogue versions", () => {
  test("draft from the active version, edit texts, add and retire tags, publish: the page uses it, old ratings keep their version", async () => {
    const { deps, bureau } = await setup();
    const r = await ratedCase(deps, [
      { indicatorCode: "overall", level: "satisfied", tagCodes: [] },
    ]);
    const { version } = await newDraft(await adminCtxOf(deps, bureau), { note: "2026 年修订" });
    expect(version).toBe(2);
    await expect(
      newDraft(await adminCtxOf(deps, bureau), { note: "再来一个" }),
    ).rejects.toMatchObject({
      details: { field: "version" },
    });
    const draft = await versionDetail(deps, version);
    const tag = draft.indicators
      .find((i) => i.code === "overall")!
      .tags.find((t) => t.level === "unsatisfied")!;
    await editTag(await adminCtxOf(deps, bureau), {
      version,
      code: tag.code,
      text: "办事等候时间过长",
      textHant: "辦事等候時間過長",
      textEn: "Waited too long",
    });
    await expect(
      editTag(await adminCtxOf(deps, bureau), { version, code: tag.code, text: "" }),
    ).rejects.toMatchObject({
      message: "标签（简体）：请填写",
      details: { field: "text" },
    });
    const { code } = await addTag(await adminCtxOf(deps, bureau), {
      version,
      indicatorCode: "overall",
      level: "unsatisfied",
      text: "预约系统难用",
    });
    expect(code).toMatch(/^overall\.unsatisfied\.\d+$/);
    const retired = draft.indicators
      .find((i) => i.code === "overall")!
      .tags.find((t) => t.level === "very_unsatisfied")!;
    await retireTag(await adminCtxOf(deps, bureau), { version, code: retired.code });
    // nothing changes for raters until it is published
    expect((await activeCatalogue(deps.database.db)).version).toBe(1);
    await publishVersion(await adminCtxOf(deps, bureau), { version });
    const active = await activeCatalogue(deps.database.db);
    expect(active.version).toBe(2);
    const overall = active.indicators.find((i) => i.code === "overall")!;
    expect(overall.tags.find((t) => t.code === tag.code)?.text).toBe("办事等候时间过长");
    expect(overall.tags.some((t) => t.code === code)).toBe(true);
    expect(overall.tags.some((t) => t.code === retired.code)).toBe(false);
    // published versions are never edited; the rating made before keeps version 1
    await expect(
      editTag(await adminCtxOf(deps, bureau), { version: 1, code: tag.code, text: "改旧版" }),
    ).rejects.toMatchObject({ details: { field: "version" } });
    await expect(
      editTag(await adminCtxOf(deps, bureau), { version, code: tag.code, text: "改已发布" }),
    ).rejects.toMatchObject({ details: { field: "version" } });
    const [row] = await deps.database.db
      .select({ v: ratings.catalogVersion })
      .from(ratings)
      .where(eq(ratings.id, r.ratingId));
    expect(row?.v).toBe(1);
    expect(
      (await versionDetail(deps, 1)).indicators
        .find((i) => i.code === "overall")!
        .tags.some((t) => t.code === retired.code),
    ).toBe(true);
  });
});

describe("registers, accounts, calendar, clients, outbox", () => {
  test("a form names the field and the reason; codes are never edited; retire keeps the row", async () => {
    const { deps, bureau } = await setup();
    await expect(
      createEntity(await adminCtxOf(deps, bureau), "windows", { code: "W09", name: "新窗口" }),
    ).rejects.toMatchObject({
      message: "所属机构代码：请填写",
      details: { field: "orgCode" },
    });
    await expect(
      createEntity(await adminCtxOf(deps, bureau), "windows", {
        code: "W01",
        name: "重复",
        orgCode: "440781-H01",
      }),
    ).rejects.toMatchObject({
      message: "编码：W01 已存在",
      details: { field: "code" },
    });
    const { id } = await createEntity(await adminCtxOf(deps, bureau), "windows", {
      code: "W09",
      name: "新窗口",
      orgCode: "440781-H01",
    });
    await updateEntity(await adminCtxOf(deps, bureau), "windows", id, {
      code: "W09",
      name: "新窗口（改）",
      orgCode: "440781-H01",
    });
    await expect(
      updateEntity(await adminCtxOf(deps, bureau), "windows", id, {
        code: "W10",
        name: "x",
        orgCode: "440781-H01",
      }),
    ).rejects.toMatchObject({
      details: { field: "code" },
    });
    await setRetired(await adminCtxOf(deps, bureau), "windows", id, true);
    expect(
      (await listEntities(deps, "windows", ZListEntities.parse({}))).map((w) => w.code),
    ).not.toContain("W09");
    expect(
      (await listEntities(deps, "windows", ZListEntities.parse({ retired: true }))).find(
        (w) => w.code === "W09",
      ),
    ).toMatchObject({
      name: "新窗口（改）",
      orgCode: "440781-H01",
    });
    expect(await deps.database.db.$count(windows, eq(windows.code, "W09"))).toBe(1);
    await expect(
      createEntity(await adminCtxOf(deps, bureau), "staff", {
        staffNo: "TS0109",
        name: "新人",
        orgCode: "440781-H01",
        windowCode: "W09",
      }),
    ).rejects.toMatchObject({
      message: "窗口编码：W09 已停用",
    });
  });

  test("accounts: create an org admin (argon2), reset a password, disable; audited without the password", async () => {
    const { deps, bureau, clock } = await setup();
    await expect(
      createAccount(await adminCtxOf(deps, bureau), {
        login: "admin-x",
        role: "org_admin",
        displayName: "x",
        orgCode: "440781102",
        password: "short",
      }),
    ).rejects.toMatchObject({
      message: "密码：至少要有 12 个字符",
      details: { field: "password" },
    });
    await expect(
      createAccount(await adminCtxOf(deps, bureau), {
        login: "admin-x",
        role: "org_admin",
        displayName: "x",
        password: "Abcdef-12345",
      }),
    ).rejects.toMatchObject({
      details: { field: "orgCode" },
    });
    const { id } = await createAccount(await adminCtxOf(deps, bureau), {
      login: "admin-dj",
      role: "org_admin",
      displayName: "大江镇管理员",
      orgCode: "440781102",
      password: "Dajiang2026x",
    });
    const [row] = await deps.database.db.select().from(accounts).where(eq(accounts.id, id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    // the bureau chose it: its owner sets a password of its own at the first sign-in
    expect((await signIn(deps, "admin-dj", "Dajiang2026x")).step).toBe("new_password");
    clock.advance(1000);
    await resetPassword(await adminCtxOf(deps, bureau), { id, password: "NewPass2026y" });
    await expect(signIn(deps, "admin-dj", "Dajiang2026x")).rejects.toMatchObject({
      code: "unauthenticated",
    });
    clock.advance(1000);
    await setAccountActive(await adminCtxOf(deps, bureau), { id, active: false, reason: "调岗" });
    await expect(signIn(deps, "admin-dj", "NewPass2026y")).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(
      setAccountActive(await adminCtxOf(deps, bureau), {
        id: bureau.accountId,
        active: false,
        reason: "x",
      }),
    ).rejects.toMatchObject({ details: { field: "id" } });
    const log = await queryAudit(deps, ZAuditQuery.parse({ action: "account." }));
    expect(log.map((l) => l.action)).toEqual([
      "account.disable",
      "account.reset_password",
      "account.create",
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Dajiang2026x|NewPass2026y/);
  });

  test("integration clients: the key once, only its hash kept; rotate and revoke", async () => {
    const { deps, bureau } = await setup();
    const { id, key } = await createClient(await adminCtxOf(deps, bureau), {
      name: "不动产登记系统",
      scope: "cases",
    });
    expect((await authenticateClient(deps.database.db, `Bearer ${key}`, "cases")).name).toBe(
      "不动产登记系统",
    );
    const dump =
      JSON.stringify(await deps.database.db.select().from(auditLog)) +
      JSON.stringify(await callerAs(deps, bureau).manage.clients.list());
    expect(dump).not.toContain(key);
    const rotated = await rotateClient(await adminCtxOf(deps, bureau), { id });
    expect((await authenticateClient(deps.database.db, `Bearer ${rotated.key}`, "cases")).id).toBe(
      id,
    );
    await revokeClient(await adminCtxOf(deps, bureau), { id, reason: "系统下线" });
    await expect(
      createClient(await adminCtxOf(deps, bureau), { name: "x", scope: "all" }),
    ).rejects.toMatchObject({
      details: { field: "scope" },
    });
  });

  test("calendar: a day edited and a year imported, audited; outbox dead letters retried", async () => {
    const { deps, bureau } = await setup();
    await setDay(await adminCtxOf(deps, bureau), {
      date: "2026-03-07",
      workday: true,
      note: "调休上班",
    });
    await expect(
      setDay(await adminCtxOf(deps, bureau), { date: "2026-02-30", workday: true }),
    ).rejects.toMatchObject({ message: "日期：不是有效的日期" });
    const [d] = await deps.database.db
      .select()
      .from(calendarDays)
      .where(eq(calendarDays.date, "2026-03-07"));
    expect(d).toMatchObject({ workday: true, note: "调休上班" });
    expect((await importYear(await adminCtxOf(deps, bureau), { year: 2027 })).days).toBe(365);
    await deps.database.write(async (tx) => {
      await enqueue(
        deps,
        tx,
        { channel: "province", dedupeKey: "rating:r1", payload: { ratingId: "r1" } },
        deps.clock.now(),
      );
      await tx
        .update(outbox)
        .set({ status: "dead", lastError: "HTTP 502", attempts: 8 })
        .where(eq(outbox.dedupeKey, "rating:r1"));
    });
    expect((await callerAs(deps, bureau).manage.outbox.list({ status: "dead" }))[0]).toMatchObject({
      lastError: "HTTP 502",
      dedupeKey: "rating:r1",
    });
    expect(await retryOutbox(await adminCtxOf(deps, bureau), {})).toEqual({ retried: 1 });
    expect((await callerAs(deps, bureau).manage.outbox.list({ record: "r1" }))[0]).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    expect((await queryAudit(deps, ZAuditQuery.parse({ action: "calendar" }))).length).toBe(2);
  });
});

describe("scope: the management desk is the bureau's alone", () => {
  test("an org admin and window staff are refused every procedure", async () => {
    const { deps } = await setup();
    for (const login of ["admin-440781", "TS0001"]) {
      const c = callerAs(deps, await sessionOf(deps, login)).manage;
      const calls: Promise<unknown>[] = [
        c.catalog.versions(),
        c.catalog.version({ version: 1 }),
        c.catalog.newDraft({ note: "x" }),
        c.catalog.editTag({}),
        c.catalog.addTag({}),
        c.catalog.retireTag({}),
        c.catalog.publish({}),
        c.entities.list({ kind: "staff" }),
        c.entities.create({ kind: "staff", values: {} }),
        c.entities.update({ kind: "staff", id: "x", values: {} }),
        c.entities.retire({ kind: "staff", id: "x", retired: true }),
        c.accounts.list(),
        c.accounts.create({}),
        c.accounts.resetPassword({}),
        c.accounts.setActive({}),
        c.calendar.month({ month: "2026-03" }),
        c.calendar.setDay({}),
        c.calendar.importYear({}),
        c.clients.list(),
        c.clients.create({}),
        c.clients.rotate({}),
        c.clients.revoke({}),
        c.keys.list(),
        c.keys.rotate(),
        c.keys.revokeKey({}),
        c.keys.revokeCode({}),
        c.outbox.list({}),
        c.outbox.retry({}),
        c.audit.list({}),
      ];
      const results = await Promise.allSettled(calls);
      expect(
        results.map((r) =>
          r.status === "rejected" ? (r.reason as { code: string }).code : "fulfilled",
        ),
      ).toEqual(calls.map(() => "FORBIDDEN"));
    }
  });
});

import "server-only";

import { and, asc, eq, inArray, isNull, like, or, type SQL } from "drizzle-orm";
import { z } from "zod";

import { items, orgs, staff, terminals, windows } from "@/db/schema";
import type { Reader, Tx } from "@/db/types";

import { type ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { code, fieldError, optionalText, parseForm, text } from "./fields";

/**
 * The bureau's registers (article 3, 5): orgs (and their halls), windows, terminals, staff and
 * items. List, create, edit, retire — never delete: a rating, case or QR code may point to any
 * of them. A code is the identity other systems send, so it is set once and not edited.
 */
export const KINDS = ["orgs", "windows", "terminals", "staff", "items"] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_WORD: Record<Kind, string> = {
  orgs: "机构",
  windows: "窗口",
  terminals: "终端",
  staff: "工作人员",
  items: "事项",
};

export const SCHEMAS = {
  orgs: z.object({
    code: code("机构代码"),
    name: text("名称"),
    level: z.enum(["city", "town", "village"], { error: "层级：请选择市、镇（街）或村（社区）" }),
    kind: z.enum(["government", "department", "hall"], { error: "类型：请选择政府、部门或大厅" }),
    parentCode: optionalText("上级机构代码", 64),
    nameHant: optionalText("名称（繁體）"),
    nameEn: optionalText("名称（English）", 300),
  }),
  windows: z.object({
    code: code("窗口编码", 32),
    name: text("名称"),
    orgCode: code("所属机构代码"),
  }),
  terminals: z.object({
    code: code("终端编号", 32),
    name: text("名称"),
    orgCode: code("所属机构代码"),
  }),
  staff: z.object({
    staffNo: code("工号", 32),
    name: text("姓名", 50),
    orgCode: code("所属机构代码"),
    windowCode: optionalText("窗口编码", 32),
  }),
  items: z.object({
    code: code("事项编码"),
    name: text("事项名称", 200),
    orgCode: code("实施机构代码"),
    needsCertificate: z.boolean({ error: "需要证照：请选择是或否" }),
    nameHant: optionalText("事项名称（繁體）", 200),
    nameEn: optionalText("事项名称（English）", 300),
  }),
} as const;
export type EntityInput<K extends Kind> = z.infer<(typeof SCHEMAS)[K]>;

const TABLE = { orgs, windows, terminals, staff, items } as const;
const CODE_COL = {
  orgs: orgs.code,
  windows: windows.code,
  terminals: terminals.code,
  staff: staff.staffNo,
  items: items.code,
} as const;
const codeOf = <K extends Kind>(kind: K, input: EntityInput<K>): string =>
  kind === "staff" ? (input as EntityInput<"staff">).staffNo : (input as { code: string }).code;
const CODE_FIELD: Record<Kind, string> = {
  orgs: "code",
  windows: "code",
  terminals: "code",
  staff: "staffNo",
  items: "code",
};

async function orgIdOf(db: Reader, orgCode: string, field: string): Promise<string> {
  const [o] = await db
    .select({ id: orgs.id, retiredAt: orgs.retiredAt })
    .from(orgs)
    .where(eq(orgs.code, orgCode));
  if (!o) throw fieldError(field, `机构代码：找不到 ${orgCode}`);
  if (o.retiredAt !== null) throw fieldError(field, `机构代码：${orgCode} 已停用`);
  return o.id;
}

async function windowIdOf(db: Reader, windowCode: string | null): Promise<string | null> {
  if (!windowCode) return null;
  const [w] = await db
    .select({ id: windows.id, retiredAt: windows.retiredAt })
    .from(windows)
    .where(eq(windows.code, windowCode));
  if (!w) throw fieldError("windowCode", `窗口编码：找不到 ${windowCode}`);
  if (w.retiredAt !== null) throw fieldError("windowCode", `窗口编码：${windowCode} 已停用`);
  return w.id;
}

/** The row to write for a checked input (references resolved); throws a field error for a bad reference. */
export async function rowOf<K extends Kind>(
  db: Reader,
  kind: K,
  input: EntityInput<K>,
): Promise<Record<string, unknown>> {
  switch (kind) {
    case "orgs": {
      const o = input as EntityInput<"orgs">;
      return {
        code: o.code,
        name: o.name,
        level: o.level,
        kind: o.kind,
        parentId: o.parentCode ? await orgIdOf(db, o.parentCode, "parentCode") : null,
        nameHant: o.nameHant,
        nameEn: o.nameEn,
      };
    }
    case "windows":
    case "terminals": {
      const w = input as EntityInput<"windows">;
      return { code: w.code, name: w.name, orgId: await orgIdOf(db, w.orgCode, "orgCode") };
    }
    case "staff": {
      const s = input as EntityInput<"staff">;
      return {
        staffNo: s.staffNo,
        name: s.name,
        orgId: await orgIdOf(db, s.orgCode, "orgCode"),
        windowId: await windowIdOf(db, s.windowCode),
      };
    }
    default: {
      const i = input as EntityInput<"items">;
      return {
        code: i.code,
        name: i.name,
        orgId: await orgIdOf(db, i.orgCode, "orgCode"),
        needsCertificate: i.needsCertificate,
        nameHant: i.nameHant,
        nameEn: i.nameEn,
      };
    }
  }
}

export async function existingId(
  db: Reader,
  kind: Kind,
  codeValue: string,
): Promise<string | null> {
  const [r] = await db
    .select({ id: TABLE[kind].id })
    .from(TABLE[kind])
    .where(eq(CODE_COL[kind], codeValue));
  return r?.id ?? null;
}

/** Writes one checked row (create, or update by code) inside a write; used by the form and the import. */
export async function upsertRow(
  tx: Tx,
  kind: Kind,
  row: Record<string, unknown>,
  id: string | null,
  now: number,
): Promise<string> {
  const table = TABLE[kind];
  if (id) {
    // the code is the identity: never changed by an edit
    const { code: _c, staffNo: _s, ...rest } = row;
    await tx.update(table).set(rest).where(eq(table.id, id));
    return id;
  }
  const newRowId = newId(now);
  await tx.insert(table).values({ id: newRowId, createdAt: now, ...row } as never);
  return newRowId;
}

export async function createEntity(
  { deps, actor }: ActorCtx,
  kind: Kind,
  input: unknown,
): Promise<{ id: string }> {
  const parsed: EntityInput<Kind> = parseForm<(typeof SCHEMAS)[Kind]>(SCHEMAS[kind], input);
  const codeValue = codeOf(kind, parsed);
  return deps.database.write(async (tx) => {
    if (await existingId(tx, kind, codeValue))
      throw fieldError(
        CODE_FIELD[kind],
        `${CODE_FIELD[kind] === "staffNo" ? "工号" : "编码"}：${codeValue} 已存在`,
      );
    const row = await rowOf(tx, kind, parsed);
    const now = deps.clock.now();
    const id = await upsertRow(tx, kind, row, null, now);
    await audit(
      deps,
      actor,
      { action: `manage.${kind}.create`, target: `${kind}:${id}`, detail: { code: codeValue } },
      tx,
    );
    return { id };
  });
}

export async function updateEntity(
  { deps, actor }: ActorCtx,
  kind: Kind,
  id: string,
  input: unknown,
): Promise<void> {
  const parsed: EntityInput<Kind> = parseForm<(typeof SCHEMAS)[Kind]>(SCHEMAS[kind], input);
  await deps.database.write(async (tx) => {
    const [current] = await tx
      .select({ code: CODE_COL[kind] })
      .from(TABLE[kind])
      .where(eq(TABLE[kind].id, id));
    if (!current) throw new DomainError("not_found", `找不到这个${KIND_WORD[kind]}`);
    if (current.code !== codeOf(kind, parsed))
      throw fieldError(
        CODE_FIELD[kind],
        `编码：${current.code} 是其他系统使用的标识，不能修改；需要新编码请新建并停用旧的`,
      );
    const row = await rowOf(tx, kind, parsed);
    if (kind === "orgs" && row.parentId === id)
      throw fieldError("parentCode", "上级机构代码：不能是自己");
    await upsertRow(tx, kind, row, id, deps.clock.now());
    await audit(
      deps,
      actor,
      { action: `manage.${kind}.update`, target: `${kind}:${id}`, detail: { code: current.code } },
      tx,
    );
  });
}

/** Retired: kept (ratings point to it) but not offered for new work; can be restored. */
export async function setRetired(
  { deps, actor }: ActorCtx,
  kind: Kind,
  id: string,
  retired: boolean,
): Promise<void> {
  await deps.database.write(async (tx) => {
    const table = TABLE[kind];
    const done = await tx
      .update(table)
      .set({ retiredAt: retired ? deps.clock.now() : null })
      .where(eq(table.id, id))
      .returning({ id: table.id });
    if (!done.length) throw new DomainError("not_found", `找不到这个${KIND_WORD[kind]}`);
    await audit(
      deps,
      actor,
      { action: `manage.${kind}.${retired ? "retire" : "restore"}`, target: `${kind}:${id}` },
      tx,
    );
  });
}

export const ZListEntities = z.object({
  q: z.string().trim().max(64).optional(),
  retired: z.boolean().optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

/** A register, by code; `q` matches code or name; retired rows only when asked. */
export async function listEntities(deps: Deps, kind: Kind, q: z.output<typeof ZListEntities>) {
  const table = TABLE[kind];
  const conds: (SQL | undefined)[] = [q.retired ? undefined : isNull(table.retiredAt)];
  if (q.q) conds.push(or(like(CODE_COL[kind], `%${q.q}%`), like(table.name, `%${q.q}%`)));
  const rows = (await deps.database.db
    .select()
    .from(table)
    .where(and(...conds))
    .orderBy(asc(CODE_COL[kind]))
    .limit(q.limit)) as ({
    id: string;
    name: string;
    retiredAt: number | null;
    code?: string;
    staffNo?: string;
    orgId?: string;
    parentId?: string | null;
    windowId?: string | null;
    /** windows and terminals: when their enrolled devices were last revoked */
    devicesRevokedAt?: number | null;
  } & Record<string, unknown>)[];
  // names of the orgs and windows they hang under, for the table
  const orgIds = [
    ...new Set(rows.flatMap((r) => [r.orgId, r.parentId]).filter((x): x is string => !!x)),
  ];
  const winIds = [...new Set(rows.map((r) => r.windowId).filter((x): x is string => !!x))];
  const [orgRows, winRows] = await Promise.all([
    orgIds.length
      ? deps.database.db
          .select({ id: orgs.id, code: orgs.code, name: orgs.name })
          .from(orgs)
          .where(inArray(orgs.id, orgIds))
      : [],
    winIds.length
      ? deps.database.db
          .select({ id: windows.id, code: windows.code })
          .from(windows)
          .where(inArray(windows.id, winIds))
      : [],
  ]);
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const winById = new Map(winRows.map((w) => [w.id, w]));
  return rows.map((r) => ({
    ...r,
    orgCode: r.orgId ? (orgById.get(r.orgId)?.code ?? null) : null,
    orgName: r.orgId ? (orgById.get(r.orgId)?.name ?? null) : null,
    parentCode: r.parentId ? (orgById.get(r.parentId)?.code ?? null) : null,
    windowCode: r.windowId ? (winById.get(r.windowId)?.code ?? null) : null,
  }));
}

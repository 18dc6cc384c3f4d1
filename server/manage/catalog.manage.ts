import "server-only";

import { and, asc, desc, eq, isNull, like, max, sql } from "drizzle-orm";
import { z } from "zod";

import { catalogVersions, indicators, indicatorTags, ratings } from "@/db/schema";

import { type ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { forgetCatalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { LEVELS } from "../ratings/vocabulary";
import { fieldError, optionalText, parseForm, text } from "./fields";

/**
 * The indicator catalogue's versions (SPEC §3: data, versioned; a rating keeps its version). The
 * bureau makes a draft from the active version, edits tag texts (简体 / 繁體 / English), adds or
 * retires tags, then publishes it: the rating page uses the new active version from then on and
 * every earlier rating still names the version it was made with. A published version never changes.
 */
export async function listVersions(deps: Deps) {
  const rows = await deps.database.db
    .select()
    .from(catalogVersions)
    .orderBy(desc(catalogVersions.version));
  const used = await deps.database.db
    .select({ v: ratings.catalogVersion })
    .from(ratings)
    .groupBy(ratings.catalogVersion);
  const usedSet = new Set(used.map((u) => u.v));
  // a version seeded before publishedAt existed was published when it was made
  return rows.map((r) => ({
    ...r,
    publishedAt: r.publishedAt ?? (r.active ? r.createdAt : null),
    state: r.active ? "active" : r.publishedAt === null ? "draft" : "retired",
    ratingsUseIt: usedSet.has(r.version),
  }));
}

export async function versionDetail(deps: Deps, version: number) {
  const db = deps.database.db;
  const [v] = await db.select().from(catalogVersions).where(eq(catalogVersions.version, version));
  if (!v) throw new DomainError("not_found", `找不到第 ${version} 版指标`);
  const [inds, tags] = await Promise.all([
    db
      .select()
      .from(indicators)
      .where(eq(indicators.versionId, v.id))
      .orderBy(asc(indicators.sort)),
    db
      .select()
      .from(indicatorTags)
      .where(eq(indicatorTags.versionId, v.id))
      .orderBy(asc(indicatorTags.sort)),
  ]);
  return {
    version: v,
    indicators: inds.map((i) => ({ ...i, tags: tags.filter((t) => t.indicatorCode === i.code) })),
  };
}

async function draftRow(deps: Deps, version: number) {
  const [v] = await deps.database.db
    .select()
    .from(catalogVersions)
    .where(eq(catalogVersions.version, version));
  if (!v) throw new DomainError("not_found", `找不到第 ${version} 版指标`);
  if (v.publishedAt !== null || v.active)
    throw fieldError("version", `版本：第 ${version} 版已发布，不能修改；请先从启用版本新建草稿`);
  return v;
}

/** A draft copied from the active version (one draft at a time). */
export async function newDraft(
  { deps, actor }: ActorCtx,
  input: unknown,
): Promise<{ version: number }> {
  const { note } = parseForm(z.object({ note: text("版本说明", 200) }), input);
  return deps.database.write(async (tx) => {
    const [draft] = await tx
      .select({ version: catalogVersions.version })
      .from(catalogVersions)
      .where(and(isNull(catalogVersions.publishedAt), eq(catalogVersions.active, false)));
    if (draft)
      throw fieldError("version", `版本：已有草稿第 ${draft.version} 版，请先发布或继续编辑它`);
    const [active] = await tx
      .select()
      .from(catalogVersions)
      .where(eq(catalogVersions.active, true));
    if (!active) throw new DomainError("not_found", "没有启用的指标版本");
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(catalogVersions.version) })
      .from(catalogVersions);
    const now = deps.clock.now();
    const id = newId(now);
    const version = (top ?? 0) + 1;
    await tx
      .insert(catalogVersions)
      .values({ id, version, note, active: false, createdAt: now, publishedAt: null });
    const inds = await tx.select().from(indicators).where(eq(indicators.versionId, active.id));
    const tags = await tx
      .select()
      .from(indicatorTags)
      .where(eq(indicatorTags.versionId, active.id));
    if (inds.length)
      await tx
        .insert(indicators)
        .values(inds.map((i) => ({ ...i, id: newId(now), versionId: id })));
    for (let k = 0; k < tags.length; k += 200)
      await tx
        .insert(indicatorTags)
        .values(tags.slice(k, k + 200).map((t) => ({ ...t, id: newId(now), versionId: id })));
    await audit(
      deps,
      actor,
      {
        action: "catalog.draft",
        target: `catalog_version:${version}`,
        detail: { from: active.version, note },
      },
      tx,
    );
    return { version };
  });
}

const ZTagTexts = z.object({
  version: z.number().int(),
  code: z.string().min(1).max(80),
  text: text("标签（简体）", 200),
  textHant: optionalText("标签（繁體）"),
  textEn: optionalText("标签（English）", 300),
});

export async function editTag({ deps, actor }: ActorCtx, input: unknown): Promise<void> {
  const f = parseForm(ZTagTexts, input);
  const v = await draftRow(deps, f.version);
  await deps.database.write(async (tx) => {
    const [t] = await tx
      .select({ text: indicatorTags.text })
      .from(indicatorTags)
      .where(and(eq(indicatorTags.versionId, v.id), eq(indicatorTags.code, f.code)));
    if (!t) throw fieldError("code", `标签：第 ${f.version} 版没有标签 ${f.code}`);
    await tx
      .update(indicatorTags)
      .set({ text: f.text, textHant: f.textHant, textEn: f.textEn })
      .where(and(eq(indicatorTags.versionId, v.id), eq(indicatorTags.code, f.code)));
    await audit(
      deps,
      actor,
      {
        action: "catalog.tag.edit",
        target: `catalog_version:${f.version}`,
        detail: { code: f.code, before: t.text, after: f.text },
      },
      tx,
    );
  });
}

const ZAddTag = z.object({
  version: z.number().int(),
  indicatorCode: z.string({ error: "指标：请选择" }).min(1, "指标：请选择").max(40),
  level: z.enum(LEVELS, { error: "等级：请选择五个等级之一" }),
  text: text("标签（简体）", 200),
  textHant: optionalText("标签（繁體）"),
  textEn: optionalText("标签（English）", 300),
  needsText: z.boolean().default(false),
});

/** A new tag; its code is new too (codes are stable: a code never changes meaning across versions). */
export async function addTag({ deps, actor }: ActorCtx, input: unknown): Promise<{ code: string }> {
  const f = parseForm(ZAddTag, input);
  const v = await draftRow(deps, f.version);
  return deps.database.write(async (tx) => {
    const [ind] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.versionId, v.id), eq(indicators.code, f.indicatorCode)));
    if (!ind)
      throw fieldError("indicatorCode", `指标：第 ${f.version} 版没有指标 ${f.indicatorCode}`);
    const prefix = `${f.indicatorCode}.${f.level}.`;
    const existing = await tx
      .select({ code: indicatorTags.code, sort: indicatorTags.sort })
      .from(indicatorTags)
      .where(like(indicatorTags.code, `${prefix}%`));
    const n = Math.max(0, ...existing.map((e) => Number(e.code.slice(prefix.length)) || 0)) + 1;
    const code = `${prefix}${n}`;
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(indicatorTags.sort) })
      .from(indicatorTags)
      .where(eq(indicatorTags.versionId, v.id));
    const now = deps.clock.now();
    await tx.insert(indicatorTags).values({
      id: newId(now),
      versionId: v.id,
      indicatorCode: f.indicatorCode,
      level: f.level,
      code,
      text: f.text,
      needsText: f.needsText,
      sort: (top ?? 0) + 1,
      textHant: f.textHant,
      textEn: f.textEn,
    });
    await audit(
      deps,
      actor,
      {
        action: "catalog.tag.add",
        target: `catalog_version:${f.version}`,
        detail: { code, text: f.text },
      },
      tx,
    );
    return { code };
  });
}

/** Retiring a tag leaves it out of the draft; the versions ratings used keep it. */
export async function retireTag({ deps, actor }: ActorCtx, input: unknown): Promise<void> {
  const f = parseForm(
    z.object({ version: z.number().int(), code: z.string().min(1).max(80) }),
    input,
  );
  const v = await draftRow(deps, f.version);
  await deps.database.write(async (tx) => {
    const gone = await tx
      .delete(indicatorTags)
      .where(and(eq(indicatorTags.versionId, v.id), eq(indicatorTags.code, f.code)))
      .returning({ code: indicatorTags.code });
    if (!gone.length) throw fieldError("code", `标签：第 ${f.version} 版没有标签 ${f.code}`);
    await audit(
      deps,
      actor,
      {
        action: "catalog.tag.retire",
        target: `catalog_version:${f.version}`,
        detail: { code: f.code },
      },
      tx,
    );
  });
}

/** The draft becomes the active version; the one before retires (its ratings keep naming it). */
export async function publishVersion({ deps, actor }: ActorCtx, input: unknown): Promise<void> {
  const f = parseForm(z.object({ version: z.number().int() }), input);
  const v = await draftRow(deps, f.version);
  await deps.database.write(async (tx) => {
    const now = deps.clock.now();
    // a version seeded before publishedAt existed counts as published when it was made
    await tx
      .update(catalogVersions)
      .set({
        active: false,
        publishedAt: sql`coalesce(${catalogVersions.publishedAt}, ${catalogVersions.createdAt})`,
      })
      .where(eq(catalogVersions.active, true));
    await tx
      .update(catalogVersions)
      .set({ active: true, publishedAt: now })
      .where(eq(catalogVersions.id, v.id));
    await audit(
      deps,
      actor,
      { action: "catalog.publish", target: `catalog_version:${f.version}` },
      tx,
    );
  });
  forgetCatalogue(deps.database.db);
}

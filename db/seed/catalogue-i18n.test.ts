import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";

import { DEMO_KEYS } from "../../tests/constants";
import { testDatabase } from "../../tests/db";
import type { Database } from "../client";
import { catalogVersions, indicators, indicatorTags } from "../schema";
import { INDICATORS, TAGS } from "./catalogue-data";
import { INDICATOR_EN, TAG_EN } from "./catalogue-en";
import {
  fillCatalogueTranslations,
  indicatorTranslations,
  tagTranslations,
  toHant,
} from "./catalogue-i18n";
import { seedDemo } from "./seed";

describe("Traditional Chinese (Hong Kong forms) of our own texts", () => {
  test.each([
    ["服务态度", "服務態度"],
    ["非常不满意", "非常不滿意"],
    // Hong Kong forms, where Taiwan's would be 著裝 and 查閱
    [
      "工作人员着装规范，微笑服务，主动服务，热情周到",
      "工作人員着裝規範，微笑服務，主動服務，熱情周到",
    ],
    ["该事项仅支持网上查阅", "該事項僅支持網上查閲"],
    // no Taiwan phrase swaps: a service counter stays 窗口, never 視窗 (a computer window)
    ["该事项在综合窗口受理和出件，一次办成", "該事項在綜合窗口受理和出件，一次辦成"],
    [
      "该事项办理过程中需通过不同的渠道或下载多个 APP",
      "該事項辦理過程中需通過不同的渠道或下載多個 APP",
    ],
    // place names keep 台 (Taiwan forms would write 臺城)
    ["台城街道", "台城街道"],
  ])("%s → %s", (simplified, traditional) => {
    expect(toHant(simplified)).toBe(traditional);
  });
});

describe("the English catalogue", () => {
  test("covers every indicator and tag code, and nothing else", () => {
    expect(Object.keys(INDICATOR_EN).sort()).toEqual(INDICATORS.map((i) => i.code).sort());
    expect(Object.keys(TAG_EN).sort()).toEqual(TAGS.map((t) => t.code).sort());
    for (const i of INDICATORS)
      expect(INDICATOR_EN[i.code]?.dimension === null, i.code).toBe(i.dimension === null);
    for (const text of [
      ...Object.values(INDICATOR_EN).flatMap((e) => [e.name, e.dimension ?? "x"]),
      ...Object.values(TAG_EN),
    ]) {
      expect(text.trim()).not.toBe("");
      expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test("a text edited under the same code gets no English (it falls back to Chinese), but still its Traditional", () => {
    expect(
      indicatorTranslations({ code: "biz.venue", name: "办事地点", dimension: "服务规范性" }),
    ).toEqual({
      nameHant: "辦事地點",
      nameEn: null,
      dimensionHant: "服務規範性",
      dimensionEn: "Service standards",
    });
    expect(tagTranslations({ code: "biz.trips.satisfied.1", text: "只跑一次" })).toEqual({
      textHant: "只跑一次",
      textEn: null,
    });
    expect(tagTranslations({ code: "no.such.code", text: "其他" })).toEqual({
      textHant: "其他",
      textEn: null,
    });
  });
});

const translationColumns = [
  "nameHant",
  "nameEn",
  "dimensionHant",
  "dimensionEn",
  "textHant",
  "textEn",
];
const without = (rows: Record<string, unknown>[], keys: string[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));

async function catalogueRows(database: Database) {
  const db = database.db;
  const [inds, tags, versions] = await Promise.all([
    db.select().from(indicators),
    db.select().from(indicatorTags),
    db.select().from(catalogVersions),
  ]);
  return { inds, tags, versions };
}

/** The state of a database seeded before the translations existed, after migration 0006. */
async function eraseTranslations(database: Database) {
  await database.write(async (tx) => {
    await tx
      .update(indicators)
      .set({ nameHant: null, nameEn: null, dimensionHant: null, dimensionEn: null })
      .where(sql`1`);
    await tx
      .update(indicatorTags)
      .set({ textHant: null, textEn: null })
      .where(sql`1`);
  });
}

describe("stored translations", () => {
  let database: Database;
  afterEach(() => database.close());

  test("a new database is seeded with English and Traditional for every indicator and tag, none empty", async () => {
    ({ database } = await testDatabase());
    const { inds, tags } = await catalogueRows(database);
    expect(inds).toHaveLength(INDICATORS.length);
    expect(tags).toHaveLength(TAGS.length);
    for (const i of inds) {
      expect(
        [i.nameHant, i.nameEn].every((t) => t?.trim()),
        i.code,
      ).toBe(true);
      if (i.dimension === null) expect([i.dimensionHant, i.dimensionEn]).toEqual([null, null]);
      else
        expect(
          [i.dimensionHant, i.dimensionEn].every((t) => t?.trim()),
          i.code,
        ).toBe(true);
    }
    for (const t of tags)
      expect(
        [t.textHant, t.textEn].every((x) => x?.trim()),
        t.code,
      ).toBe(true);
    const venue = inds.find((i) => i.code === "biz.venue");
    expect(venue).toMatchObject({
      name: "办事场所",
      nameHant: "辦事場所",
      nameEn: "Place of service",
      dimensionHant: "服務規範性",
      dimensionEn: "Service standards",
    });
    expect(tags.find((t) => t.code === "svc.attitude.very_unsatisfied.other")).toMatchObject({
      text: "其他",
      textHant: "其他",
      textEn: "Other",
    });
  });

  test("a second start on an old database fills them, changes nothing else, and a third run writes nothing", async () => {
    ({ database } = await testDatabase());
    const seeded = await catalogueRows(database);
    await eraseTranslations(database);
    const old = await catalogueRows(database);
    expect(old.tags.every((t) => t.textEn === null && t.textHant === null)).toBe(true);

    expect(
      await seedDemo(database, {
        now: Date.now(),
        intakeKey: DEMO_KEYS.intake,
        hotlineKey: DEMO_KEYS.hotline,
        statsKey: DEMO_KEYS.stats,
      }),
    ).toBe(false);
    const filled = await catalogueRows(database);
    expect(filled).toEqual(seeded);
    expect(without(filled.inds, translationColumns)).toEqual(without(old.inds, translationColumns));
    expect(without(filled.tags, translationColumns)).toEqual(without(old.tags, translationColumns));
    expect(filled.versions).toEqual(old.versions);

    const writes = database.writerStats();
    expect(await fillCatalogueTranslations(database)).toBe(0);
    expect(database.writerStats()).toEqual(writes);
    expect(await catalogueRows(database)).toEqual(seeded);
  });

  test("it fills only what is empty: a translation someone corrected is kept", async () => {
    ({ database } = await testDatabase());
    await eraseTranslations(database);
    await database.write((tx) =>
      tx
        .update(indicators)
        .set({ nameEn: "How satisfied overall" })
        .where(eq(indicators.code, "overall")),
    );
    expect(await fillCatalogueTranslations(database)).toBe(INDICATORS.length + TAGS.length);
    const { inds } = await catalogueRows(database);
    expect(inds.find((i) => i.code === "overall")).toMatchObject({
      nameEn: "How satisfied overall",
      nameHant: "總體評價",
    });
    expect(inds.find((i) => i.code === "svc.ability")?.nameEn).toBe("Staff skills");
  });
});

import { readFileSync } from "node:fs";

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";

import type { Database } from "@/db/client";
import { indicators, indicatorTags } from "@/db/schema";
import { INDICATORS, TAGS } from "@/db/seed/catalogue-data";
import { toHant } from "@/db/seed/catalogue-i18n";
import { testDatabase } from "@/tests/db";

import { ZCatalog } from "./catalog.schema";
import { listCatalog } from "./catalog.service";
import { activeCatalogue, type Catalogue, localizedCatalogue } from "./indicators.service";
import { DEFAULT_LOCALE, isLocale, LOCALES } from "./locale";

let database: Database;
afterEach(() => database.close());
const open = async () => ((database = (await testDatabase()).database), database.db);

const shape = (c: Catalogue) =>
  c.indicators.map((i) => [
    i.code,
    i.grp,
    i.dimension === null,
    i.tags.map((t) => [t.code, t.level, t.needsText]),
  ]);
const indicator = (c: Catalogue, code: string) => c.indicators.find((i) => i.code === code);

describe("activeCatalogue", () => {
  test("is still the rules' Chinese, with nothing added", async () => {
    const c = await activeCatalogue(await open());
    expect(c.version).toBe(1);
    expect(c.indicators.map((i) => [i.code, i.name, i.dimension])).toEqual(
      INDICATORS.map((i) => [i.code, i.name, i.dimension]),
    );
    const tags = c.indicators.flatMap((i) => i.tags.map((t) => `${i.code} ${t.code} ${t.text}`));
    expect(tags.sort()).toEqual(TAGS.map((t) => `${t.indicatorCode} ${t.code} ${t.text}`).sort());
    expect(Object.keys(c.indicators[0]!).sort()).toEqual([
      "code",
      "dimension",
      "grp",
      "name",
      "tags",
    ]);
    expect(Object.keys(c.indicators[0]!.tags[0]!).sort()).toEqual([
      "code",
      "level",
      "needsText",
      "text",
    ]);
  });
});

describe("localizedCatalogue", () => {
  test("gives each language the same codes, levels and order; zh-CN is the active catalogue itself", async () => {
    const db = await open();
    const zh = await activeCatalogue(db);
    expect(await localizedCatalogue(db, "zh-CN")).toBe(zh);
    for (const locale of LOCALES)
      expect(shape(await localizedCatalogue(db, locale)), locale).toEqual(shape(zh));
    // memoised like activeCatalogue
    expect(await localizedCatalogue(db, "en")).toBe(await localizedCatalogue(db, "en"));
  });

  test("English and Traditional names, dimensions and tag texts", async () => {
    const db = await open();
    const [en, tw] = await Promise.all([
      localizedCatalogue(db, "en"),
      localizedCatalogue(db, "zh-TW"),
    ]);
    expect(indicator(en, "overall")).toMatchObject({ name: "Overall rating", dimension: null });
    expect(indicator(en, "biz.trips")).toMatchObject({
      name: "Number of visits",
      dimension: "Convenience",
    });
    expect(
      indicator(en, "svc.attitude")?.tags.find((t) => t.code === "svc.attitude.very_unsatisfied.1")
        ?.text,
    ).toBe("Staff were rude and made things difficult on purpose");
    expect(indicator(tw, "biz.mobile")).toMatchObject({
      name: "移動辦理",
      dimension: "服務便捷性",
    });
    expect(
      indicator(tw, "svc.attitude")?.tags.find((t) => t.code === "svc.attitude.very_satisfied.1")
        ?.text,
    ).toBe("工作人員着裝規範，微笑服務，主動服務，熱情周到");
  });

  test("a missing or empty translation falls back to the Chinese", async () => {
    const db = await open();
    await database.write(async (tx) => {
      await tx
        .update(indicators)
        .set({ nameEn: null, dimensionHant: "" })
        .where(eq(indicators.code, "biz.venue"));
      await tx
        .update(indicatorTags)
        .set({ textEn: "  ", textHant: null })
        .where(eq(indicatorTags.code, "biz.venue.satisfied.1"));
    });
    const [en, tw] = await Promise.all([
      localizedCatalogue(db, "en"),
      localizedCatalogue(db, "zh-TW"),
    ]);
    expect(indicator(en, "biz.venue")).toMatchObject({
      name: "办事场所",
      dimension: "Service standards",
    });
    expect(indicator(tw, "biz.venue")).toMatchObject({ name: "辦事場所", dimension: "服务规范性" });
    const tag = (c: Catalogue) =>
      indicator(c, "biz.venue")?.tags.find((t) => t.code === "biz.venue.satisfied.1")?.text;
    expect([tag(en), tag(tw)]).toEqual([
      "该事项在部门网上综合大厅办理",
      "该事项在部门网上综合大厅办理",
    ]);
  });
});

test("GET /api/v1/catalog's answer carries the catalogue with its translations beside the Chinese", async () => {
  const body = ZCatalog.parse(await listCatalog(await open()));
  const trips = body.indicatorCatalogue.indicators.find((i) => i.code === "biz.trips");
  expect(trips).toMatchObject({
    name: "跑动次数",
    dimension: "服务便捷性",
    i18n: {
      "zh-TW": { name: "跑動次數", dimension: "服務便捷性" },
      en: { name: "Number of visits", dimension: "Convenience" },
    },
  });
  expect(trips?.tags.find((t) => t.code === "biz.trips.satisfied.1")).toMatchObject({
    code: "biz.trips.satisfied.1",
    text: "该事项办理全过程只到现场 1 次就能办成",
    i18n: { en: { text: "This service is done with only 1 visit in person" } },
  });
  expect(body.indicatorCatalogue.version).toBe(1);
  expect(body.items.length).toBeGreaterThan(0);
});

describe("locale", () => {
  test("three languages, Simplified first and the default", () => {
    expect(LOCALES).toEqual(["zh-CN", "zh-TW", "en"]);
    expect(DEFAULT_LOCALE).toBe("zh-CN");
    expect([isLocale("en"), isLocale("zh-TW"), isLocale("zh-HK"), isLocale(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  test("the level names' Traditional is the catalogue's own conversion", () => {
    // the pages' level words (messages/, client.levels)
    const levels = (locale: string) =>
      (
        JSON.parse(readFileSync(`messages/${locale}.json`, "utf8")) as {
          client: { levels: Record<string, string> };
        }
      ).client.levels;
    const converted = Object.fromEntries(
      Object.entries(levels("zh-CN")).map(([level, name]) => [level, toHant(name)]),
    );
    expect(levels("zh-TW")).toEqual(converted);
  });
});

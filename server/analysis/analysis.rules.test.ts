import { describe, expect, test } from "vitest";

import {
  type BadTag,
  concentrations,
  isKeyword,
  maskNumbers,
  ranked,
  reasonTerms,
  tfidfKeywords,
} from "./analysis.rules";
import { cut } from "./segment";

const REASONS = [
  "窗口工作人员态度很差，材料一次说不清，跑了三趟",
  "办理时间太长，超过承诺时限",
  "电话13902221234一直没人接",
  "身份证号440781195803120027X的材料被退回，工作人员态度冷淡",
  "排队等了两个小时，叫号系统乱，态度也不好",
  "材料清单没有一次性告知，来回跑了好几趟",
  "打 139-0222-1234 和 ０７５０－５５２２１２３ 都打不通，超过时限也没人回复",
];

describe("keywords of the written reasons", () => {
  test("numbers are masked before segmentation: phones, IDs (with their X), full-width digits, numerals spelt out", () => {
    expect(maskNumbers("电话13902221234一直没人接")).toBe("电话 一直没人接");
    expect(maskNumbers("身份证号44078119580312002X的材料")).toBe("身份证号 的材料");
    expect(maskNumbers("打139-0222-1234或 139 0222 1234")).toBe("打 或  ");
    expect(maskNumbers("０７５０－５５２２１２３")).toBe(" ");
    expect(maskNumbers("手机一三九零二二二一二三四，跑了三趟")).toBe("手机 ，跑了三趟");
  });

  test("a keyword is Chinese or letters, not a stop word, two characters or a telling one", () => {
    expect(["态度", "材料", "差", "慢", "APP"].every(isKeyword)).toBe(true);
    expect(["的", "了", "工作人员", "窗口", "办理", "1390", "很", "，", "x1"].some(isKeyword)).toBe(
      false,
    );
  });

  test("real-sounding reasons: what many share leads (态度, 材料), the rest makes sense, and no keyword holds a digit", () => {
    const docs = REASONS.map((r) => reasonTerms(r, cut));
    expect(docs[0]).toEqual(["态度", "很差", "材料", "说不清", "三趟"]);
    expect(docs[1]).toEqual(["时间", "超过", "承诺", "时限"]);
    expect(docs[2]).toEqual(["电话", "没人接"]);
    const keywords = tfidfKeywords(docs, 10);
    expect(
      keywords
        .slice(0, 2)
        .map((k) => k.word)
        .sort(),
    ).toEqual(["态度", "材料"]);
    expect(keywords[0]).toMatchObject({ reasons: 3 });
    expect(keywords.map((k) => k.word)).toEqual(expect.arrayContaining(["超过", "时限"]));
    for (const k of tfidfKeywords(docs, 1000)) {
      expect(k.word).not.toMatch(/[0-9０-９xX]/);
      expect(k.word).not.toMatch(/[零〇一二三四五六七八九]{3,}/);
    }
    const all = docs.flat().join("/");
    for (const leaked of ["139", "1234", "0222", "4407", "0027", "0750", "5522"])
      expect(all).not.toContain(leaked);
  });

  test("TF-IDF, one reason one document: a word repeated in one reason does not outweigh one that several reasons share", () => {
    const k = tfidfKeywords([["态度", "态度", "态度", "态度"], ["排队"], ["排队"], ["材料"]]);
    expect(k[0]).toMatchObject({ word: "排队", reasons: 2 });
    // four times in one reason weighs what once in one reason does
    expect(k.find((x) => x.word === "态度")?.weight).toBe(k.find((x) => x.word === "材料")?.weight);
    expect(tfidfKeywords([[], []])).toEqual([]);
  });
});

describe("意见较集中", () => {
  const day = 24 * 3600_000;
  const t0 = Date.parse("2026-03-01T10:00:00+08:00");
  const bad = (itemId: string, tagCode: string, days: number): BadTag => ({
    itemId,
    tagCode,
    at: t0 + days * day,
  });

  test("at the threshold it is an alert, below it is not; the densest span of `days` is the one reported", () => {
    const two = [bad("A", "t1", 0), bad("A", "t1", 5)];
    expect(concentrations(two, { count: 3, days: 30 })).toEqual([]);
    const three = [...two, bad("A", "t1", 29.9)];
    expect(concentrations(three, { count: 3, days: 30 })).toEqual([
      { itemId: "A", tagCode: "t1", count: 3, firstAt: t0, lastAt: t0 + 29.9 * day },
    ]);
    // 30 days apart is not "within 30 days"
    expect(concentrations([...two, bad("A", "t1", 30)], { count: 3, days: 30 })).toEqual([]);
    // another item or another tag does not add up
    expect(
      concentrations([...two, bad("B", "t1", 1), bad("A", "t2", 1)], { count: 3, days: 30 }),
    ).toEqual([]);
    // the threshold moved: four needed
    expect(concentrations(three, { count: 4, days: 30 })).toEqual([]);
    // a 12345 call has no item: it never makes an item's alert
    expect(
      concentrations(
        [bad("A", "t1", 0), { itemId: null, tagCode: "t1", at: t0 }, bad("A", "t1", 1)],
        { count: 3, days: 30 },
      ),
    ).toEqual([]);
  });

  test("a long period: the densest window, most 差评 first", () => {
    const spread = [0, 40, 41, 42, 43, 90].map((d) => bad("A", "t1", d));
    const other = [0, 1, 2].map((d) => bad("B", "t2", d));
    expect(concentrations([...other, ...spread], { count: 3, days: 10 })).toEqual([
      { itemId: "A", tagCode: "t1", count: 4, firstAt: t0 + 40 * day, lastAt: t0 + 43 * day },
      { itemId: "B", tagCode: "t2", count: 3, firstAt: t0, lastAt: t0 + 2 * day },
    ]);
  });

  test("ranked counts, most first, ties by key", () => {
    expect(ranked(["b", "a", "b", "c", "a", "b"])).toEqual([
      { key: "b", count: 3 },
      { key: "a", count: 2 },
      { key: "c", count: 1 },
    ]);
  });
});

import { readFileSync } from "node:fs";

import { expect, test } from "vitest";

import { hantMessages } from "./hant";
import { chooseLocale } from "./locale";

test("the page's language: the chosen one, else the browser's first we have, else 简体中文", () => {
  expect(chooseLocale(undefined, null)).toBe("zh-CN");
  expect(chooseLocale(undefined, "zh-CN,zh;q=0.9")).toBe("zh-CN");
  expect(chooseLocale(undefined, "zh-HK,zh;q=0.9,en;q=0.8")).toBe("zh-TW");
  expect(chooseLocale(undefined, "zh-Hant-TW")).toBe("zh-TW");
  expect(chooseLocale(undefined, "en-US,en;q=0.9")).toBe("en");
  expect(chooseLocale(undefined, "fr-FR, en;q=0.5")).toBe("en");
  expect(chooseLocale(undefined, "en;q=0.3, zh;q=0.8")).toBe("zh-CN");
  expect(chooseLocale(undefined, "pt-BR")).toBe("zh-CN");
  expect(chooseLocale("en", "zh-CN")).toBe("en");
  expect(chooseLocale("xx", "zh-TW")).toBe("zh-TW");
});

const load = (locale: string) =>
  JSON.parse(readFileSync(`messages/${locale}.json`, "utf8")) as Record<string, unknown>;
const keys = (tree: unknown, prefix = ""): string[] =>
  Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );

test("every page word exists in all three languages, and 繁體 is the current conversion of 简体 (npm run messages)", () => {
  const zhCN = load("zh-CN");
  expect(keys(load("en")).sort()).toEqual(keys(zhCN).sort());
  expect(load("zh-TW")).toEqual(hantMessages(zhCN as Parameters<typeof hantMessages>[0]));
  // the contract words of SPEC §7 stay exactly as written in 简体
  const client = zhCN.client as Record<string, string>;
  expect([client.sendCode, client.code, client.verify, client.submit, client.reason]).toEqual([
    "获取验证码",
    "验证码",
    "验证",
    "提交评价",
    "不满意原因",
  ]);
});

import { describe, expect, test } from "vitest";

import { CASE_STATUSES } from "@/db/schema/cases";
import zhCN from "@/messages/zh-CN.json";

import { type Level, LEVELS } from "../ratings/vocabulary";
import {
  assessNumber,
  CHANNEL_CODES,
  channelCode,
  evalProcess,
  gbChannelName,
  gbHandleForm,
  gbSatisfactionCode,
  gbServiceObject,
  gbTime,
  PROVINCE_CASE_STATUS,
  provinceCaseStatus,
  provinceStar,
  RATING_CHANNELS,
  type RatingChannel,
  userProp,
} from "./province.codes";

describe("levels", () => {
  test.each<[Level, number, number, string]>([
    ["very_satisfied", 5, 1, "非常满意"],
    ["satisfied", 4, 2, "满意"],
    ["basic", 3, 3, "基本满意"],
    ["unsatisfied", 2, 4, "不满意"],
    ["very_unsatisfied", 1, 5, "非常不满意"],
  ])("%s → star %i, GB 满意度代码 %i, %s", (level, star, gb, word) => {
    expect(provinceStar(level)).toBe(star);
    expect(gbSatisfactionCode(level)).toBe(gb);
    expect(zhCN.client.levels[level]).toBe(word);
  });

  test("the province's star and GB/T A.8 run in opposite directions (they add up to 6 on every level)", () => {
    expect(provinceStar("very_satisfied")).toBe(5);
    expect(gbSatisfactionCode("very_satisfied")).toBe(1);
    for (const level of LEVELS) expect(provinceStar(level) + gbSatisfactionCode(level)).toBe(6);
  });
});

describe("rating channel → pf", () => {
  test.each<[RatingChannel, number | null, number | null, string | null]>([
    ["online_pc", 1, 1, "PC端"],
    ["online_mobile", 2, 2, "移动服务端"],
    ["qr", 3, 3, "二维码"],
    ["window_qr", 3, 3, "二维码"],
    ["window_device", 4, 4, "政务大厅平板电脑"],
    ["terminal", 5, 5, "政务大厅其他终端"],
    ["sms", 6, 7, "短信"],
    ["phone", null, 6, "电话"],
    ["system", 7, null, null],
  ])("%s → guangdong %s, alt %s, GB %s", (channel, guangdong, alt, gbName) => {
    for (const [profile, code] of [
      ["guangdong", guangdong],
      ["alt", alt],
    ] as const) {
      if (code === null)
        expect(() => channelCode(channel, profile)).toThrow(
          `"${channel}" has no pf code in the ${profile} profile`,
        );
      else expect(channelCode(channel, profile)).toBe(code);
    }
    if (gbName === null) expect(() => gbChannelName(channel)).toThrow(/no GB\/T 39046/);
    else expect(gbChannelName(channel)).toBe(gbName);
  });

  test("the two profiles agree on 1–5 and differ exactly at 6/7", () => {
    expect(channelCode("sms", "guangdong")).toBe(6);
    expect(channelCode("system", "guangdong")).toBe(7);
    expect(channelCode("phone", "alt")).toBe(6);
    expect(channelCode("sms", "alt")).toBe(7);
    const differing = RATING_CHANNELS.filter(
      (c) => CHANNEL_CODES.guangdong[c] !== CHANNEL_CODES.alt[c],
    );
    expect(differing.sort()).toEqual(["phone", "sms", "system"]);
  });

  test("no profile gives two channels the same code except the two QR kinds", () => {
    for (const table of Object.values(CHANNEL_CODES)) {
      const codes = RATING_CHANNELS.filter((c) => c !== "window_qr")
        .map((c) => table[c])
        .filter((n) => n !== null);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });
});

describe("applicant type", () => {
  test.each([
    ["person", 1, 1],
    ["enterprise", 2, 2],
  ] as const)("%s → userProp %i, GB A.4 服务对象 %i", (type, prop, gb) => {
    expect(userProp(type)).toBe(prop);
    expect(gbServiceObject(type)).toBe(gb);
  });
});

describe("stage and rating number", () => {
  test.each([
    ["receipt", 1],
    ["completion", 2],
  ] as const)("stage %s → evalProcess %i", (stage, code) => expect(evalProcess(stage)).toBe(code));

  test.each([
    ["first", 1],
    ["appended", 2],
  ] as const)("%s rating → assessNumber %i", (kind, code) => expect(assessNumber(kind)).toBe(code));
});

describe("case", () => {
  test.each([
    ["received", 1],
    ["receipt_failed", 3],
    ["accepted", 2],
    ["acceptance_failed", 3],
    ["decided", 2],
    ["certificate_issued", 2],
    ["completed", 3],
  ] as const)("status %s → %i", (status, code) => expect(provinceCaseStatus(status)).toBe(code));

  test("the status table covers every case status in the schema", () => {
    expect(Object.keys(PROVINCE_CASE_STATUS).sort()).toEqual([...CASE_STATUSES].sort());
  });

  test.each([
    ["window", 1],
    ["online_pc", 2],
    ["online_mobile", 3],
    ["terminal", 9],
  ] as const)("channel %s → GB A.5 办理形式 %i", (channel, code) =>
    expect(gbHandleForm(channel)).toBe(code),
  );
});

describe("gbTime (Asia/Shanghai, UTC+8)", () => {
  test.each([
    ["2026-03-02T15:59:59Z", "20260302T235959"],
    ["2026-03-02T16:00:00Z", "20260303T000000"],
    ["2026-03-02T16:00:00.999Z", "20260303T000000"],
    ["2025-12-31T16:00:00Z", "20260101T000000"],
    ["2024-02-28T16:30:05Z", "20240229T003005"],
    ["2026-07-01T01:02:03Z", "20260701T090203"],
  ])("%s → %s", (iso, expected) => expect(gbTime(Date.parse(iso))).toBe(expected));

  test("refuses what is not a time", () => {
    expect(() => gbTime(Number.NaN)).toThrow(/not a time/);
  });
});

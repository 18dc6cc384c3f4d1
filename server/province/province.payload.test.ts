import { describe, expect, test } from "vitest";

import { provincePayload, type ProvinceRatingInput } from "./province.payload";

const NAME = "黄晓明";
const ID_NUMBER = "44078119900101123X";
const PHONE = "13812345678";

const base: ProvinceRatingInput = {
  ratingId: "01KA0000000000000000000000",
  source: "rater",
  stage: "completion",
  channel: "online_mobile",
  level: "unsatisfied",
  tagCodes: ["overall.unsatisfied.1", "overall.unsatisfied.3"],
  text: "等了两个小时",
  ratedAt: Date.parse("2026-03-02T16:00:00Z"),
  ratingNumber: 1,
  case: {
    serialNo: "TS-2026-000123",
    itemCode: "11440781MB2C12345X4440117001000",
    itemName: "食品经营许可",
    orgCode: "ts-scjgj",
    creditCode: "11440781MB2C12345X",
    regionCode: "440781",
    receivedAt: Date.parse("2026-02-26T01:30:00Z"),
    completedAt: Date.parse("2026-03-02T07:00:00Z"),
    status: "completed",
    channel: "window",
  },
  applicantType: "person",
  staffNo: "TS0042",
};
const rating = (over: Partial<ProvinceRatingInput> = {}): ProvinceRatingInput => ({
  ...base,
  ...over,
});

describe("provincePayload", () => {
  test("a completion-stage rating by the applicant, field by field", () => {
    expect(provincePayload(base)).toEqual({
      assessId: "01KA0000000000000000000000",
      projectNo: "TS-2026-000123",
      taskCode: "11440781MB2C12345X4440117001000",
      taskName: "食品经营许可",
      deptCode: "11440781MB2C12345X",
      areaCode: "440781",
      projectStatus: 3,
      acceptDate: "20260226T093000",
      finishDate: "20260302T150000",
      pf: 2,
      star: 2,
      satisfaction: 4,
      evalProcess: 2,
      assessNumber: 1,
      contentCodes: "overall.unsatisfied.1,overall.unsatisfied.3",
      evalContent: "等了两个小时",
      evalTime: "20260303T000000",
      userProp: 1,
      handleUserNo: "TS0042",
      isDefault: 0,
    });
  });

  test("a default rating is isDefault 1 and pf 系统默认评价, whatever channel its stage was open on", () => {
    const p = provincePayload(
      rating({
        source: "default",
        channel: "window_qr",
        level: "very_satisfied",
        tagCodes: [],
        text: undefined,
      }),
    );
    expect(p).toMatchObject({
      isDefault: 1,
      pf: 7,
      star: 5,
      satisfaction: 1,
      contentCodes: "",
      evalContent: "",
    });
  });

  test("a default cannot be expressed in the alt profile, so the push fails instead of guessing", () => {
    expect(() => provincePayload(rating({ source: "default", channel: "system" }), "alt")).toThrow(
      /system/,
    );
  });

  test("a receipt-stage (service only) rating of a case still in progress", () => {
    const p = provincePayload(
      rating({
        stage: "receipt",
        channel: "window_device",
        level: "satisfied",
        case: { ...base.case, status: "received", completedAt: null },
      }),
    );
    expect(p).toMatchObject({
      evalProcess: 1,
      pf: 4,
      star: 4,
      satisfaction: 2,
      projectStatus: 1,
      finishDate: null,
    });
  });

  test.each([
    ["sms", "guangdong", 6],
    ["phone", "alt", 6],
    ["sms", "alt", 7],
  ] as const)("12345 %s rating in the %s profile → pf %i", (channel, profile, pf) => {
    expect(provincePayload(rating({ source: "hotline", channel }), profile).pf).toBe(pf);
  });

  test("a 12345 phone rating has no pf in the guangdong profile", () => {
    expect(() => provincePayload(rating({ source: "hotline", channel: "phone" }))).toThrow(
      /"phone" has no pf code in the guangdong profile/,
    );
  });

  test("an appended rating is assessNumber 2; an enterprise is userProp 2; no staff gives null", () => {
    const p = provincePayload(
      rating({ ratingNumber: 2, applicantType: "enterprise", staffNo: undefined }),
    );
    expect(p).toMatchObject({ assessNumber: 2, userProp: 2, handleUserNo: null });
  });

  test("without a 统一社会信用代码 the org's own code is sent", () => {
    expect(
      provincePayload(rating({ case: { ...base.case, creditCode: undefined } })).deptCode,
    ).toBe("ts-scjgj");
  });

  test.each(["4407810", "44078", "44a781", ""])("refuses region code %j", (regionCode) => {
    expect(() => provincePayload(rating({ case: { ...base.case, regionCode } }))).toThrow(
      /6 digits/,
    );
  });

  test("carries no applicant name, ID number or phone, even when the caller's object has them", () => {
    const withPii = {
      ...base,
      applicantName: NAME,
      idNumber: ID_NUMBER,
      phone: PHONE,
      applicant: { name: NAME, idNumber: ID_NUMBER, phone: PHONE },
    };
    const json = JSON.stringify(provincePayload(withPii));
    for (const secret of [NAME, ID_NUMBER, PHONE, "13812345678", "440781199001011"])
      expect(json).not.toContain(secret);
  });

  test("an ID number or mobile typed into the comment is masked before it leaves", () => {
    const p = provincePayload(
      rating({ text: `我的电话${PHONE}，身份证${ID_NUMBER.toLowerCase()}，请回电` }),
    );
    expect(p.evalContent).toBe("我的电话138****5678，身份证440781********123x，请回电");
    expect(JSON.stringify(p)).not.toContain(PHONE);
    expect(JSON.stringify(p)).not.toContain("19900101");
  });
});

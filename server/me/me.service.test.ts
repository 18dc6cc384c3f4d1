import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { readSession } from "../identity/session";
import { listSms } from "../outbox/outbox.service";
import { submitRating } from "../ratings/ratings.service";
import { myCases, rateLink } from "./me.service";
import { readMeSession, signMeSession } from "./me.session";
import { meCodeState, meFromIdToken, sendMeCode, verifyMeCode } from "./me.signin";

const fresh = perTestDeps();
const HUANG = {
  type: "person",
  name: "黄秀英",
  idNumber: "440781195803120027",
  phone: "13902221234",
} as const;
const WU = {
  type: "person",
  name: "伍国强",
  idNumber: "440781196205060013",
  phone: "13902225678",
} as const;
const codeIn = (text: string) => /(\d{6})/.exec(text)?.[1] ?? "";
const overall = (level: "very_satisfied" | "unsatisfied") => [
  {
    indicatorCode: "overall",
    level,
    tagCodes: [],
    ...(level === "unsatisfied" ? { text: "等了两个小时" } : {}),
  },
];

async function signIn(deps: Parameters<typeof sendMeCode>[0], phone: string) {
  await sendMeCode(deps, phone, "10.0.0.1");
  return verifyMeCode(deps, phone, codeIn((await listSms(deps, phone))[0]!.text));
}

const TICKET = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe("/me sign-in by the SMS code to a phone on file", () => {
  test("the code goes to the phone through the outbox; the session names the phone by its blind index, masked, and no PII", async () => {
    const { deps } = await fresh();
    await completedCase(deps, { case: { applicant: HUANG } });
    const sent = await sendMeCode(deps, "139 0222 1234", "10.0.0.1");
    expect(sent).toEqual({
      maskedPhone: "139****1234",
      ticket: expect.stringMatching(TICKET) as string,
    });
    // the demo's outbox is the delivery: the page's wait for the SMS ends at once
    expect(await meCodeState(deps, HUANG.phone, sent.ticket)).toBe("sent");
    const me = await verifyMeCode(
      deps,
      HUANG.phone,
      codeIn((await listSms(deps, HUANG.phone))[0]!.text),
    );
    expect(me).toEqual({
      kind: "phone",
      hash: deps.pii.blindIndex("phone", HUANG.phone),
      masked: "139****1234",
    });
    const cookie = await signMeSession(deps, me);
    expect(readMeSession(deps, cookie)).toEqual(me);
    expect(Buffer.from(cookie.split(".")[1]!, "base64url").toString()).not.toContain(HUANG.phone);
    // the rating page's session cannot be passed off as a /me one, nor the other way round
    expect(readSession(deps, cookie)).toBeNull();
  });

  test("a phone on no case gets the same answer and no SMS; the rating page's limits hold (one send per 60 s)", async () => {
    const { deps } = await fresh();
    await completedCase(deps, { case: { applicant: HUANG } });
    const none = await sendMeCode(deps, "13700000000", "10.0.0.1");
    // the same shape of answer: a ticket that names no code, and answers as a sent one would
    expect(none).toEqual({
      maskedPhone: "137****0000",
      ticket: expect.stringMatching(TICKET) as string,
    });
    expect(await meCodeState(deps, "13700000000", none.ticket)).toBe("sent");
    expect(await listSms(deps, "13700000000")).toEqual([]);
    await expect(verifyMeCode(deps, "13700000000", "123456")).rejects.toMatchObject({
      code: "invalid",
    });
    await sendMeCode(deps, HUANG.phone, "10.0.0.1");
    await expect(sendMeCode(deps, HUANG.phone, "10.0.0.1")).rejects.toMatchObject({
      code: "too_many_requests",
      details: { reason: "too_soon" },
    });
    await expect(sendMeCode(deps, "12345", "10.0.0.1")).rejects.toMatchObject({
      code: "invalid",
      details: { reason: "phone" },
    });
  });

  test("every wrong answer is one sentence — a phone on no case, no code sent, a wrong code — so nobody learns which phones have cases", async () => {
    const { deps } = await fresh();
    await completedCase(deps, { case: { applicant: HUANG } });
    const refusal = async (phone: string, code: string) => {
      const e = (await verifyMeCode(deps, phone, code, "10.0.0.9").catch((x: unknown) => x)) as {
        code: string;
        message: string;
        details: unknown;
      };
      return { code: e.code, message: e.message, details: e.details };
    };
    const noCase = await refusal("13700000000", "123456");
    // a phone with cases and no code sent (before: 验证码已过期), and one with a wrong code (before: 验证码不正确)
    expect(await refusal(HUANG.phone, "123456")).toEqual(noCase);
    await sendMeCode(deps, HUANG.phone, "10.0.0.9");
    expect(await refusal(HUANG.phone, "000000")).toEqual(noCase);
    expect(noCase).toEqual({
      code: "invalid",
      message: "验证码不正确或已失效，请重新输入，或重新获取验证码",
      details: { reason: "invalid_code" },
    });
  });

  test("wrong codes are limited per phone (10 an hour) and per address (50): the 11th try is refused even with the right code", async () => {
    const { deps, clock } = await fresh();
    await completedCase(deps, { case: { applicant: HUANG } });
    await sendMeCode(deps, HUANG.phone, "10.0.0.1");
    for (let i = 0; i < 10; i++)
      await expect(verifyMeCode(deps, HUANG.phone, "000000", `10.0.1.${i}`)).rejects.toMatchObject({
        code: "invalid",
      });
    const right = codeIn((await listSms(deps, HUANG.phone))[0]!.text);
    await expect(verifyMeCode(deps, HUANG.phone, right, "10.0.2.1")).rejects.toMatchObject({
      code: "too_many_requests",
      details: { reason: "code_tries" },
    });
    // one address trying many phones is stopped too
    for (let i = 0; i < 50; i++)
      await expect(
        verifyMeCode(deps, `137000001${String(i).padStart(2, "0")}`, "000000", "10.0.3.1"),
      ).rejects.toMatchObject({ code: "invalid" });
    await expect(verifyMeCode(deps, "13700000199", "000000", "10.0.3.1")).rejects.toMatchObject({
      code: "too_many_requests",
    });
    // an hour later the phone may try again, and its code (sent anew) proves it
    clock.advance(3600_000 + 1);
    await sendMeCode(deps, HUANG.phone, "10.0.0.1");
    const fresh2 = codeIn((await listSms(deps, HUANG.phone))[0]!.text);
    await expect(verifyMeCode(deps, HUANG.phone, fresh2, "10.0.2.1")).resolves.toMatchObject({
      kind: "phone",
    });
  });

  test("the list holds the cases of that phone's applicants and never another person's", async () => {
    const { deps, clock } = await fresh();
    const mine = await completedCase(deps, { case: { applicant: HUANG } });
    const rated = await completedCase(deps, {
      case: { applicant: HUANG, channel: "online_pc", windowCode: undefined, staffNo: undefined },
    });
    await submitRating(
      deps,
      { applicantId: rated.applicantId, proof: "otp" },
      {
        token: rated.token,
        submissionId: "sub-me-0001",
        stage: "completion",
        scores: overall("unsatisfied"),
      },
    );
    const theirs = await completedCase(deps, { case: { applicant: WU } });
    const huang = await signIn(deps, HUANG.phone);
    clock.advance(61_000);
    const wu = await signIn(deps, WU.phone);

    const list = await myCases(deps, huang, "zh-CN");
    expect(list.masked).toBe("139****1234");
    const serials = [...list.toRate.map((x) => x.serialNo), ...list.rated.map((x) => x.serialNo)];
    expect(serials).toContain(mine.serialNo);
    expect(serials).not.toContain(theirs.serialNo);
    expect(
      list.toRate
        .filter((x) => x.serialNo === mine.serialNo)
        .map((x) => x.stage)
        .sort(),
    ).toEqual(["completion", "receipt"]);
    expect(list.rated).toMatchObject([
      { serialNo: rated.serialNo, level: "unsatisfied", appended: null },
    ]);
    expect(list.workOrders).toMatchObject([
      {
        serialNo: rated.serialNo,
        status: "open",
        canRateFix: false,
        timeline: [{ kind: "created" }],
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(HUANG.name);

    const other = await myCases(deps, wu, "zh-CN");
    expect(other.toRate.map((x) => x.serialNo)).toEqual([theirs.serialNo, theirs.serialNo]);
    expect(other.rated).toEqual([]);
    expect(other.workOrders).toEqual([]);
    // a link to another person's case is refused as not found
    await expect(rateLink(deps, wu, mine.serialNo)).rejects.toMatchObject({ code: "not_found" });
    const link = await rateLink(deps, huang, mine.serialNo);
    expect(link.path).toMatch(/^\/r\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(link.session).toEqual({ applicantId: mine.applicantId, proof: "otp" });
  });
});

describe("/me sign-in with the provincial app's id_token", () => {
  test("a verified token proves the ID number; the list is that number's cases; a forged one is refused", async () => {
    const ISSUER = "https://idp.gd.gov.example";
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(publicKey)), kid: "gd-1", alg: "ES256" }],
    });
    const { deps } = await fresh(undefined, {
      oidc: { issuer: ISSUER, clientId: "taishan-haochaping", jwks },
    });
    deps.clock.now = () => Date.now();
    const mine = await completedCase(deps, { case: { applicant: HUANG } });
    await completedCase(deps, { case: { applicant: WU } });
    const token = await new SignJWT({ id_number: HUANG.idNumber })
      .setProtectedHeader({ alg: "ES256", kid: "gd-1" })
      .setIssuer(ISSUER)
      .setAudience("taishan-haochaping")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    const me = await meFromIdToken(deps, token);
    expect(me).toEqual({
      kind: "id",
      hash: deps.pii.blindIndex("id", HUANG.idNumber),
      masked: "440781********0027",
    });
    expect(new Set((await myCases(deps, me, "zh-CN")).toRate.map((x) => x.serialNo))).toEqual(
      new Set([mine.serialNo]),
    );
    await expect(meFromIdToken(deps, `${token.slice(0, -4)}AAAA`)).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});

// who the person is: the statements myApplicantIds sends, in me.plans.test.ts
describe("the /me list stays on indexes", () => {
  test.each([
    [
      "cases of applicants",
      "select id from cases where applicant_id in ('a', 'b') order by created_at desc limit 100",
      "cases_applicant_idx",
    ],
    [
      "work orders of ratings",
      "select id from work_orders where rating_id in ('a')",
      "work_orders_rating_uq",
    ],
    [
      "appended of ratings",
      "select id from appended_ratings where rating_id in ('a')",
      "appended_ratings_rating_uq",
    ],
    [
      "fix ratings of orders",
      "select id from fix_ratings where work_order_id in ('a')",
      "fix_ratings_work_order_uq",
    ],
  ])("%s", async (_name, query, index) => {
    const { deps } = await fresh();
    const plan = await deps.database.client.execute(`explain query plan ${query}`);
    expect(plan.rows.map((r) => r.detail as string).join(" | ")).toContain(index);
  });
});

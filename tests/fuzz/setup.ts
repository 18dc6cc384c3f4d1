import type { Deps } from "../../server/deps";
import { appRouter } from "../../server/trpc/root";
import { DEMO_KEYS } from "../constants";
import { caseEvent, hotlineCall } from "../factories";
import { signedInRater } from "../rating-fixtures";
import type { FuzzContext } from "./fuzz";
import { type Target, trpcTargets, v1Targets, vocabulary } from "./targets";

async function cookieFrom(base: string, path: string, input: unknown): Promise<string> {
  const res = await fetch(`${base}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!res.ok || !cookie) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return cookie;
}

/**
 * The fuzzer's keys and cookies, so that its inputs also reach what lies behind sign-in: a window
 * staff member, the bureau (every admin procedure), a rater with a case, an enrolled window screen.
 */
export async function fuzzSetup(
  base: string,
  deps: Deps,
): Promise<{ ctx: FuzzContext; targets: Target[] }> {
  const openapi = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as unknown;
  const cookies = [
    await cookieFrom(base, "auth.signIn", { login: "TS0001", password: "demo-staff" }),
    await cookieFrom(base, "auth.signIn", { login: "bureau", password: "demo-bureau" }),
    await cookieFrom(base, "device.enrol", {
      kind: "window",
      code: "W01",
      login: "TS0001",
      password: "demo-staff",
    }),
    (await signedInRater(deps, 4242)).cookie,
  ];
  const targets = [...v1Targets(), ...trpcTargets(appRouter)];
  const rater = await signedInRater(deps, 4243);
  const event = caseEvent();
  const scores = [
    {
      indicatorCode: "overall",
      level: "unsatisfied",
      tagCodes: ["svc.attitude.unsatisfied.1"],
      text: "窗口人员态度不好",
    },
  ];
  // valid inputs, mutated a field at a time by the fuzzer, so that its requests reach the services and the database
  const examples: Record<string, unknown[]> = {
    "POST /api/v1/case-events": [
      event,
      caseEvent({ type: "decided", decision: "approved", case: event.case }),
    ],
    "POST /api/v1/qr-codes": [
      { serialNo: event.case.serialNo, kind: "static" },
      { serialNo: event.case.serialNo, kind: "dynamic", windowCode: "W01", staffNo: "TS0001" },
    ],
    "POST /api/v1/hotline/ratings": [hotlineCall("fuzz-call")],
    "POST /api/v1/hotline/work-orders/[workOrderId]/results": [
      {
        resultId: "fuzz-result",
        occurredAt: "2026-03-03T10:00:00+08:00",
        status: "visited",
        verified: true,
        text: "已联系来电人",
      },
    ],
    "mutation ratings.submit": [
      { token: rater.token, submissionId: "fuzz-submission", stage: "completion", scores },
    ],
    "mutation identity.sendCode": [{ token: rater.token }],
    "mutation identity.verifyCode": [{ token: rater.token, code: "123456" }],
    "mutation identity.windowCode": [{ token: rater.token }],
    "mutation device.enrol": [
      { kind: "terminal", code: "T01", login: "TS0002", password: "not-the-password" },
    ],
  };
  cookies.push(rater.cookie);
  return {
    ctx: {
      base,
      cookies,
      keys: [DEMO_KEYS.intake, DEMO_KEYS.hotline],
      vocabulary: vocabulary(appRouter, openapi),
      examples,
    },
    targets,
  };
}

/** The server still answers: the API document and a public query. */
export async function alive(base: string): Promise<boolean> {
  try {
    const [doc, q] = await Promise.all([
      fetch(`${base}/api/v1/openapi.json`),
      fetch(
        `${base}/api/trpc/me.codeState?input=${encodeURIComponent(JSON.stringify({ phone: "13700000000", ticket: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }))}`,
      ),
    ]);
    return doc.status === 200 && q.status < 500;
  } catch {
    return false;
  }
}

export function printReport(
  r: {
    seed: number;
    count: number;
    skipped: number;
    histogram: Record<string, number>;
    byKind: Record<string, Record<string, number>>;
  },
  ms: number,
): void {
  const hist = (h: Record<string, number>) =>
    Object.entries(h)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
  console.log(
    `fuzz: seed ${r.seed}, ${r.count} inputs answered (${r.skipped} refused by fetch itself) in ${(ms / 1000).toFixed(1)} s`,
  );
  console.log(`  status histogram: ${hist(r.histogram)}`);
  for (const [k, h] of Object.entries(r.byKind)) console.log(`  ${k}: ${hist(h)}`);
}

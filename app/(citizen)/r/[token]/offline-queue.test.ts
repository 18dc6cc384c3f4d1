import { afterEach, expect, test, vi } from "vitest";

import { type QueuedRating, send } from "./offline-queue";

const q: QueuedRating = {
  token: "t".repeat(20),
  input: {
    token: "t".repeat(20),
    submissionId: "sub-00000001",
    stage: "completion",
    scores: [{ indicatorCode: "overall", level: "satisfied", tagCodes: [] }],
  },
  queuedAt: 0,
};
const answer = (status: number, body: unknown = {}) =>
  vi.stubGlobal(
    "fetch",
    vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status }))),
  );
afterEach(() => vi.unstubAllGlobals());

test("a queued rating is sent as the tRPC procedure's plain POST, with the phone's submissionId", async () => {
  answer(200, { result: { data: { replay: true } } });
  expect(await send(q)).toEqual({ kind: "sent" });
  const [url, init] = vi.mocked(fetch).mock.calls[0]!;
  expect(url).toBe("/api/trpc/ratings.submit");
  expect(init?.method).toBe("POST");
  expect(JSON.parse(init?.body as string)).toEqual(q.input);
});

test("what each answer means for the queue: keep and retry, prove again, or drop with what the server said (the page words it)", async () => {
  vi.stubGlobal(
    "fetch",
    vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
  );
  expect(await send(q)).toEqual({ kind: "retry" });
  for (const status of [500, 502, 503, 408, 429]) {
    answer(status);
    expect(await send(q), String(status)).toEqual({ kind: "retry" });
  }
  answer(401, { error: { message: "请先验证身份" } });
  expect(await send(q)).toEqual({ kind: "unauthenticated" });
  answer(404, { error: { message: "这个评价已经关闭" } });
  expect(await send(q)).toEqual({ kind: "refused", refusal: { message: "这个评价已经关闭" } });
  answer(422, "not the tRPC shape");
  // an answer that is not tRPC's: refused all the same, and the page says its own general words
  expect(await send(q)).toEqual({ kind: "refused", refusal: null });
});

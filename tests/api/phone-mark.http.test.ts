import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "@/db/client";
import { coercionFlags, ratings } from "@/db/schema";
import { systemClock } from "@/server/clock";
import type { Deps } from "@/server/deps";
import { findCoercion } from "@/server/flags/flags.job";
import { PHONE_COOKIE } from "@/server/identity/phone-mark";

import { copyTemplateDb, depsOf } from "../db";
import { type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";

/**
 * Article 4 (SPEC §9): one phone rating cases of 3 or more applicants within 24 h is flagged. The
 * phone is known by the mark it was given over HTTP, as a real phone would carry it.
 */
describe("the phone mark ties a phone's ratings together for article 4's flag", () => {
  let server: RunningServer;
  let database: Database;
  let deps: Deps;
  beforeAll(async () => {
    const file = copyTemplateDb();
    database = await openDatabase(`file:${file}`);
    deps = depsOf(database, inject("dataKey"), systemClock);
    server = await startServer({ databaseUrl: `file:${file}` });
  });
  afterAll(async () => {
    await server?.stop();
    database?.close();
  });

  /** Rates applicant `i`'s case from a phone holding `mark` (or none); answers the rating id and the mark the phone holds after. */
  async function rateFrom(i: number, mark: string | undefined) {
    const { token, cookie } = await signedInRater(deps, i);
    const res = await fetch(`${server.url}/api/trpc/ratings.submit`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: mark ? `${cookie}; ${PHONE_COOKIE}=${mark}` : cookie,
      },
      body: JSON.stringify({
        token,
        submissionId: `phone-mark-${i}`,
        stage: "completion",
        scores: [{ indicatorCode: "overall", level: "very_satisfied", tagCodes: [] }],
      }),
    });
    expect(res.status).toBe(200);
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${PHONE_COOKIE}=`));
    const body = (await res.json()) as { result: { data: { ratingId: string } } };
    return {
      ratingId: body.result.data.ratingId,
      mark: set ? set.split(";")[0]!.split("=")[1]! : mark!,
      setCookie: set,
    };
  }

  test("three applicants rated from one phone share a hash and raise one flag; another phone's rating does not join it", async () => {
    const first = await rateFrom(7101, undefined);
    expect(first.setCookie).toMatch(/HttpOnly; SameSite=Lax; Max-Age=31536000/);
    const second = await rateFrom(7102, first.mark);
    const third = await rateFrom(7103, first.mark);
    expect(second.setCookie).toBeUndefined();
    const other = await rateFrom(7104, undefined);
    expect(other.mark).not.toBe(first.mark);

    const ids = [first, second, third, other].map((r) => r.ratingId);
    const rows = await database.db
      .select({ id: ratings.id, deviceHash: ratings.deviceHash })
      .from(ratings)
      .where(inArray(ratings.id, ids));
    const hash = new Map(rows.map((r) => [r.id, r.deviceHash]));
    expect(hash.get(first.ratingId)).toMatch(/^[\w-]{32}$/);
    expect(hash.get(second.ratingId)).toBe(hash.get(first.ratingId));
    expect(hash.get(third.ratingId)).toBe(hash.get(first.ratingId));
    expect(hash.get(other.ratingId)).not.toBe(hash.get(first.ratingId));
    // the stored value is a keyed hash, never the mark the phone holds
    expect(hash.get(first.ratingId)).not.toContain(first.mark);

    expect(await findCoercion(deps)).toMatchObject({ device: 1 });
    const flags = await database.db
      .select()
      .from(coercionFlags)
      .where(eq(coercionFlags.kind, "device"));
    expect(flags).toHaveLength(1);
    expect(JSON.stringify(flags[0])).not.toContain(first.mark);
    // looking again writes nothing new
    expect(await findCoercion(deps)).toMatchObject({ device: 0 });
  });
});

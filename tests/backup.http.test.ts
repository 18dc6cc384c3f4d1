import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

import { inArray } from "drizzle-orm";
import { afterAll, expect, inject, test } from "vitest";

import { openDatabase } from "../db/client";
import { ratings } from "../db/schema";
import { systemClock } from "../server/clock";
import { newId } from "../server/ids";
import { depsOf, testDatabase } from "./db";
import { startServer } from "./http-server";
import { signedInRater } from "./rating-fixtures";

const run = promisify(execFile);
const CASES = 400;
const stopAll: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const s of stopAll.reverse()) await s();
});

const script = (name: string, args: string[], env: Record<string, string>) =>
  run(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", `scripts/${name}.ts`, ...args],
    {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
    },
  );

test("npm run backup under a stream of ratings: restored into a fresh folder, verify-log passes and every rating acknowledged before the backup is there", async () => {
  const { database, file } = await testDatabase();
  stopAll.push(() => database.close());
  const key = inject("dataKey");
  const deps = depsOf(database, key, systemClock);
  const raters = await Promise.all(Array.from({ length: CASES }, (_, i) => signedInRater(deps, i)));
  const server = await startServer({ databaseUrl: `file:${file}`, env: { JOBS_INTERVAL_S: "0" } });
  stopAll.push(() => server.stop());

  const acked: string[] = [];
  let next = 0;
  async function stream(): Promise<void> {
    while (next < CASES) {
      const i = next++;
      const submissionId = `backup-${i}`;
      const body = {
        token: raters[i]!.token,
        submissionId,
        stage: "completion",
        scores: [
          {
            indicatorCode: "overall",
            level: i % 4 === 0 ? "unsatisfied" : "satisfied",
            tagCodes: i % 4 === 0 ? ["overall.unsatisfied.1"] : [],
          },
        ],
      };
      const res = await fetch(`${server.url}/api/trpc/ratings.submit`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: raters[i]!.cookie },
        body: JSON.stringify(body),
      });
      await res.text();
      if (res.status === 200) acked.push(submissionId);
    }
  }
  const streams = Array.from({ length: 8 }, () => stream());
  while (acked.length < 100 && next < CASES) await new Promise((r) => setTimeout(r, 5));

  const dir = join(inject("runDir"), `backup-${newId()}`);
  mkdirSync(dir, { recursive: true });
  const backupFile = join(dir, "hcp-backup.db");
  const ackedBefore = [...acked];
  const sentBefore = next;
  const backup = await script("backup", [backupFile], {
    DATABASE_URL: `file:${file}`,
    HCP_DATA_KEY: key,
  });
  const sentDuring = next - sentBefore;
  await Promise.all(streams);
  expect(backup.stdout).toMatch(/backup written to .*hcp-backup\.db: \d+ ratings .* integrity ok/);

  // restore as the README says: the copy becomes the database file of a fresh data folder
  const restoredDir = join(dir, "restored");
  mkdirSync(restoredDir);
  const restored = join(restoredDir, "hcp.db");
  copyFileSync(backupFile, restored);
  const verify = await script("verify-log", [], {
    DATABASE_URL: `file:${restored}`,
    HCP_DATA_KEY: key,
  });
  expect(verify.stdout).toMatch(/rating log intact: \d+ ratings/);

  const copy = await openDatabase(`file:${restored}`);
  stopAll.push(() => copy.close());
  const found = await copy.db
    .select({ submissionId: ratings.submissionId })
    .from(ratings)
    .where(inArray(ratings.submissionId, ackedBefore));
  const inCopy = await copy.db.$count(ratings);
  console.log(
    `backup test: ${ackedBefore.length} acknowledged before the backup, ${sentDuring} sent while it ran, ${acked.length} acknowledged in all; the copy holds ${inCopy} ratings, ${found.length} of those acknowledged before it`,
  );
  expect(found.length).toBe(ackedBefore.length);
  expect(sentDuring).toBeGreaterThan(0); // the server was taking ratings while the copy was made
  expect(inCopy).toBeLessThanOrEqual(acked.length);
  expect(await database.db.$count(ratings)).toBe(acked.length);
});

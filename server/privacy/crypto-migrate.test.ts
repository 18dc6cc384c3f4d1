import { eq, sql } from "drizzle-orm";
import { describe, expect, inject, test } from "vitest";

import { accounts, applicants, auditLog, hotlineCalls, ratings } from "@/db/schema";
import { databaseBytes, perTestDeps, withSuite } from "@/tests/db";
import { caseEvent, hotlineCall } from "@/tests/factories";

import { audit } from "../audit/audit.service";
import { openApplicantPii } from "../cases/applicant-pii";
import { recordCaseEvent } from "../cases/cases.service";
import { seedHistory } from "../demo/history";
import type { Deps } from "../deps";
import type { THotlineRating } from "../hotline/hotline.schema";
import { recordHotlineRating } from "../hotline/hotline.service";
import { listSms, queueSms } from "../outbox/outbox.service";
import { verifyChain } from "../ratings/chain";
import { migrateCrypto } from "./crypto-migrate";
import { BrokenChainError } from "./rechain";
import { withoutUpdateTriggers } from "./reseal";
import { checkSuite, heldSuite } from "./suite-record";

const fresh = perTestDeps();
const PLANTED = {
  type: "person",
  name: "甄美玲",
  idNumber: "440781198808080026",
  phone: "13922223333",
} as const;
const NOW = "2026-03-10T10:00:00+08:00";
const DATA_KEY = () => inject("dataKey");

/** A std database with history (cases, ratings, work orders, SMS), a planted applicant and a 12345 caller. */
async function stdDatabase() {
  const made = await fresh(NOW);
  await checkSuite(made.deps.database, "std");
  await seedHistory(made.deps, { now: Date.parse(NOW), days: 10 });
  const event = caseEvent({
    occurredAt: "2026-03-10T09:00:00+08:00",
    case: { applicant: { ...PLANTED } },
  });
  const first = await recordCaseEvent(made.deps, "client", event);
  await recordHotlineRating(
    made.deps,
    "client",
    hotlineCall("call-planted", {
      caller: { name: PLANTED.name, phone: PLANTED.phone },
    }) as THotlineRating,
  );
  const { deps } = made;
  await deps.database.write(async (tx) => {
    await queueSms(
      deps,
      tx,
      "otp:planted",
      { to: PLANTED.phone, template: "otp", params: { code: "246810" } },
      deps.clock.now(),
    );
    await audit(
      deps,
      { id: "acc-bureau", name: "局" },
      { action: "pii.reveal", reason: `回访 ${PLANTED.name}` },
      tx,
    );
    const phone = {
      phoneEnc: deps.pii.encrypt(PLANTED.phone),
      phoneHash: deps.pii.blindIndex("phone", PLANTED.phone),
    };
    await tx.update(accounts).set(phone).where(eq(accounts.login, "admin-440781"));
  });
  return { ...made, event, first };
}

const planted = (deps: Deps) =>
  deps.database.db
    .select()
    .from(applicants)
    .where(eq(applicants.phoneHash, deps.pii.blindIndex("phone", PLANTED.phone)));

describe("npm run crypto:migrate (HCP_CRYPTO std → gm and back)", () => {
  test(
    "every sealed value, blind index and link moves to SM4/SM3; stopped half-way, a second run finishes",
    { timeout: 120_000 },
    async () => {
      const { deps, file, event, first } = await stdDatabase();
      const [before] = await planted(deps);
      expect(before!.piiEnc).toMatch(/^v1:/);
      const ratingsBefore = await deps.database.db
        .select({ seq: ratings.seq, hash: ratings.hash })
        .from(ratings);

      const half = await migrateCrypto(deps.database, DATA_KEY(), {
        to: "gm",
        batch: 40,
        limit: 100,
      });
      expect(half.finished).toBe(false);
      await expect(checkSuite(deps.database, "gm")).rejects.toThrow(
        /half-way through `npm run crypto:migrate` from std to gm/,
      );
      const done = await migrateCrypto(deps.database, DATA_KEY(), { to: "gm", batch: 40 });
      expect(done).toMatchObject({
        from: "std",
        to: "gm",
        finished: true,
        verified: { staleDigests: 0, chainBrokenAt: null },
      });
      expect((half.resealed.applicants ?? 0) + (done.resealed.applicants ?? 0)).toBe(
        await deps.database.db.$count(applicants),
      );
      expect(half.relinked + done.relinked).toBe(ratingsBefore.length);
      expect(await heldSuite(deps.database.db)).toBe("gm");
      await expect(checkSuite(deps.database, "std")).rejects.toThrow(
        /holds values sealed under gm/,
      );

      const gm = withSuite(deps, "gm");
      const [after] = await planted(gm);
      expect(after!.piiEnc).toMatch(/^g1:/);
      expect(after!.piiEnc).not.toBe(before!.piiEnc);
      expect(after!.idHash).not.toBe(before!.idHash);
      const opened = openApplicantPii(gm.pii, after!.piiEnc);
      expect([opened.name, opened.idNumber, opened.phone]).toEqual([
        PLANTED.name,
        PLANTED.idNumber,
        PLANTED.phone,
      ]);
      const [caller] = await deps.database.db
        .select()
        .from(hotlineCalls)
        .where(eq(hotlineCalls.callId, "call-planted"));
      expect(gm.pii.decrypt(caller!.callerPhoneEnc)).toBe(PLANTED.phone);
      // the SMS is found by its recipient's new blind index, the audit reason and the account's phone open
      expect(await listSms(gm, PLANTED.phone)).toEqual([
        expect.objectContaining({ text: expect.stringContaining("246810") as string }),
      ]);
      const reasons = await deps.database.db
        .select({ r: auditLog.reasonEnc })
        .from(auditLog)
        .where(eq(auditLog.action, "pii.reveal"));
      expect(reasons.map((r) => gm.pii.decrypt(r.r!))).toEqual([`回访 ${PLANTED.name}`]);
      const [admin] = await deps.database.db
        .select()
        .from(accounts)
        .where(eq(accounts.phoneHash, gm.pii.blindIndex("phone", PLANTED.phone)));
      expect(gm.pii.decrypt(admin!.phoneEnc!)).toBe(PLANTED.phone);
      // every link changed, and the chain verifies under SM3 (the suite the database now records)
      const ratingsAfter = await deps.database.db
        .select({ seq: ratings.seq, hash: ratings.hash })
        .from(ratings);
      expect(ratingsAfter.filter((r, i) => r.hash === ratingsBefore[i]!.hash)).toEqual([]);
      expect(await verifyChain(deps.database.db)).toEqual({
        count: ratingsBefore.length,
        brokenAt: null,
      });
      // the append-only triggers are back, as they were
      const triggers = await deps.database.db.all<{ name: string }>(
        sql`select name from sqlite_master where type = 'trigger'`,
      );
      expect(triggers.map((t) => t.name)).toEqual(
        expect.arrayContaining([
          "ratings_no_update",
          "case_events_erase_only",
          "audit_log_no_update",
        ]),
      );
      // the replay of an event made before the migration still answers its first answer (its body digest was made again)
      expect(await recordCaseEvent(gm, "client", event)).toEqual(first);
      // a new rating links onto the re-linked chain
      await recordHotlineRating(gm, "client", hotlineCall("call-after") as THotlineRating);
      expect(await verifyChain(deps.database.db)).toEqual({
        count: ratingsBefore.length + 1,
        brokenAt: null,
      });
      await deps.database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      const bytes = databaseBytes(file);
      for (const secret of Object.values(PLANTED).slice(1))
        expect(bytes.includes(Buffer.from(secret, "utf8"))).toBe(false);

      const back = await migrateCrypto(deps.database, DATA_KEY(), { to: "std" });
      expect(back).toMatchObject({
        from: "gm",
        finished: true,
        verified: { staleDigests: 0, chainBrokenAt: null },
      });
      // std again gives the very links and blind indexes it had: both are deterministic
      const relinked = await deps.database.db
        .select({ seq: ratings.seq, hash: ratings.hash })
        .from(ratings);
      expect(relinked.slice(0, ratingsBefore.length)).toEqual(ratingsBefore);
      expect((await planted(deps))[0]!.idHash).toBe(before!.idHash);
    },
  );

  test(
    "a chain broken before the migration stops it at that rating, and nothing there or after is rewritten",
    { timeout: 60_000 },
    async () => {
      const { deps } = await stdDatabase();
      await deps.database.write((tx) =>
        withoutUpdateTriggers(tx, "ratings", () =>
          tx
            .update(ratings)
            .set({ createdAt: sql`${ratings.createdAt} + 1` })
            .where(eq(ratings.seq, 5)),
        ),
      );
      const stored = await deps.database.db
        .select({ hash: ratings.hash })
        .from(ratings)
        .where(eq(ratings.seq, 5));
      await expect(
        migrateCrypto(deps.database, DATA_KEY(), { to: "gm", batch: 3 }),
      ).rejects.toThrow(BrokenChainError);
      await expect(migrateCrypto(deps.database, DATA_KEY(), { to: "gm" })).rejects.toThrow(
        /rating #5 does not match its hash under std/,
      );
      expect(
        await deps.database.db
          .select({ hash: ratings.hash })
          .from(ratings)
          .where(eq(ratings.seq, 5)),
      ).toEqual(stored);
    },
  );
});

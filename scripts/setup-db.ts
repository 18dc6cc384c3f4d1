/** npm start's database step: key, migrations, demo seed. Safe to run again: it changes nothing then. */
import { randomBytes } from "node:crypto";

import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { hasBureau, seedDemo, seedDeployment } from "@/db/seed/seed";
import { resealApplicantPii } from "@/server/cases/applicant-pii.upgrade";
import { seedHistory } from "@/server/demo/history";
import { checkedDeps } from "@/server/deps";
import { ensureDataKeyFile, env, EnvError } from "@/server/env";

async function main(): Promise<void> {
  const madeKey = ensureDataKeyFile(() => randomBytes(32).toString("base64"));
  const e = env();
  const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN);
  try {
    await migrateDatabase(database);
    // a new database takes HCP_CRYPTO's suite here; an existing one with the other suite stops the setup
    const deps = await checkedDeps(database, e);
    // 0025's data step needs the key, so it runs here, after the SQL; done once, a no-op after
    const upgraded = await resealApplicantPii(deps);
    if (upgraded.resealed)
      console.log(`applicants re-sealed as one value each (0025): ${upgraded.resealed}`);
    const now = Date.now();
    const keys = {
      intakeKey: e.INTAKE_API_KEY,
      hotlineKey: e.HOTLINE_API_KEY,
      statsKey: e.STATS_API_KEY,
      metricsKey: e.METRICS_API_KEY,
    };
    if (!e.demo) {
      const fresh = await seedDeployment(database, { now, ...keys });
      const made = fresh
        ? ", catalogue and calendar loaded (no demo data: HCP_DEMO=0)"
        : ", data kept";
      console.log(
        `database ${e.DATABASE_URL}: migrated${made}${madeKey ? ", new PII key in data/hcp-data-key" : ""}`,
      );
      if (!(await hasBureau(database)))
        console.log(
          "no bureau account yet: npm run account:create -- --login <login> --role bureau",
        );
      return;
    }
    const seeded = await seedDemo(database, {
      now,
      intakeKey: keys.intakeKey!,
      hotlineKey: keys.hotlineKey!,
      statsKey: keys.statsKey!,
      metricsKey: keys.metricsKey,
    });
    console.log(
      `database ${e.DATABASE_URL}: migrated${seeded ? ", demo seeded" : ", data kept"}${madeKey ? ", new PII key in data/hcp-data-key" : ""}`,
    );
    // a new demo gets eight weeks of history, so the back office and /public show something (DEMO_HISTORY=0: none)
    if (seeded && process.env.DEMO_HISTORY !== "0") {
      const t0 = Date.now();
      const made = await seedHistory(deps, { now });
      console.log(
        `demo history: ${made.cases} cases, ${made.ratings} ratings by people, in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    database.close();
  }
}

main().catch((e: unknown) => {
  console.error(
    e instanceof EnvError
      ? e.message
      : `database setup failed: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
});

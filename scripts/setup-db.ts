/** npm start's database step: key, migrations, demo seed. Safe to run again: it changes nothing then. */
import { randomBytes } from "node:crypto";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/seed";
import { ensureDataKeyFile, env, EnvError } from "@/server/env";

async function main(): Promise<void> {
  const madeKey = ensureDataKeyFile(() => randomBytes(32).toString("base64"));
  const e = env();
  const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN);
  try {
    await migrateDatabase(database);
    const seeded = await seedDemo(database, { now: Date.now(), intakeKey: e.INTAKE_API_KEY, hotlineKey: e.HOTLINE_API_KEY, statsKey: e.STATS_API_KEY });
    console.log(`database ${e.DATABASE_URL}: migrated${seeded ? ", demo seeded" : ", data kept"}${madeKey ? ", new PII key in data/hcp-data-key" : ""}`);
  } finally {
    database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof EnvError ? e.message : `database setup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

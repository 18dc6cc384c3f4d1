import { type Database, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/seed";
import { DEMO_KEYS } from "./constants";

/** A database as `npm start` leaves it: migrated, the demo seeded, the demo API keys. */
export async function openDemoDatabase(url: string, now = Date.now()): Promise<Database> {
  const database = await openDatabase(url);
  await migrateDatabase(database);
  await seedDemo(database, {
    now,
    intakeKey: DEMO_KEYS.intake,
    hotlineKey: DEMO_KEYS.hotline,
    statsKey: DEMO_KEYS.stats,
    metricsKey: DEMO_KEYS.metrics,
  });
  return database;
}

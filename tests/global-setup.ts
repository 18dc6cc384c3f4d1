import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/seed";
import { DEMO_KEYS } from "./constants";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    dataKey: string;
  }
}

/** Migrates and seeds one template database; every test file copies it (never `:memory:`). */
export default async function setup(project: TestProject): Promise<void> {
  mkdirSync(".tmp", { recursive: true });
  const dir = mkdtempSync(join(".tmp", "template-"));
  const file = join(dir, "template.db");
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await seedDemo(database, { now: Date.parse("2026-01-05T09:00:00+08:00"), intakeKey: DEMO_KEYS.intake, hotlineKey: DEMO_KEYS.hotline });
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  project.provide("templateDb", file);
  project.provide("dataKey", randomBytes(32).toString("base64"));
}

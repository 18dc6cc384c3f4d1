import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDemoDatabase } from "./demo-db";

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
  const database = await openDemoDatabase(`file:${file}`, Date.parse("2026-01-05T09:00:00+08:00"));
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  project.provide("templateDb", file);
  project.provide("dataKey", randomBytes(32).toString("base64"));
}

import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

import type { TestProject } from "vitest/node";

import { openDemoDatabase } from "./demo-db";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    runDir: string;
    dataKey: string;
  }
}

/**
 * Migrates and seeds one template database; every test file copies it (never `:memory:`).
 * The template and the copies live in one folder per run, removed when the run ends: the
 * copies are half a megabyte each and a run makes hundreds.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  mkdirSync(".tmp", { recursive: true });
  const dir = mkdtempSync(join(".tmp", "run-"));
  const file = join(dir, "template.db");
  const database = await openDemoDatabase(`file:${file}`, Date.parse("2026-01-05T09:00:00+08:00"));
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  project.provide("templateDb", file);
  project.provide("runDir", dir);
  project.provide("dataKey", randomBytes(32).toString("base64"));
  return () => rmSync(dir, { recursive: true, force: true });
}

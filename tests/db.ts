import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

import { afterEach, inject } from "vitest";

import { type Database, openDatabase } from "../db/client";
import { type Clock, fixedClock } from "../server/clock";
import { type Deps, deriveSessionKey, type Settings } from "../server/deps";
import { newId } from "../server/ids";
import { createPii } from "../server/privacy/pii";
import type { SuiteName } from "../server/privacy/suite";

/** A fresh copy of the migrated, seeded template: a real database file per test. */
export function copyTemplateDb(): string {
  const dir = join(inject("runDir"), "dbs");
  mkdirSync(dir, { recursive: true });
  const file = resolve(join(dir, `${newId()}.db`));
  copyFileSync(inject("templateDb"), file);
  return file;
}

export async function testDatabase(): Promise<{ database: Database; file: string }> {
  const file = copyTemplateDb();
  return { database: await openDatabase(`file:${file}`), file };
}

export const TEST_SETTINGS: Settings = {
  publicUrl: "http://hcp.test",
  sms: { mode: "outbox" },
  secureCookies: false,
  oidc: null,
  hotlineWebhook: { url: null, secret: null },
  provincePushUrl: null,
  filesDir: "data/files",
  trustedProxies: 0,
  demo: true,
  require2fa: false,
};

/** The services' deps over an open database, with the test settings (a script passes its own key and clock). */
export function depsOf(
  database: Database,
  dataKey: string,
  clock: Clock,
  settings: Partial<Settings> = {},
): Deps {
  return {
    database,
    clock,
    pii: createPii(dataKey),
    sessionKey: deriveSessionKey(dataKey),
    settings: { ...TEST_SETTINGS, ...settings },
  };
}

export async function testDeps(
  start = "2026-03-02T09:00:00+08:00",
  settings: Partial<Settings> = {},
) {
  const { database, file } = await testDatabase();
  const clock = fixedClock(start);
  // evidence files of this run stay in the run's folder, removed with it
  return {
    deps: depsOf(database, inject("dataKey"), clock, {
      filesDir: join(inject("runDir"), "files"),
      ...settings,
    }),
    clock,
    file,
  };
}

/**
 * For a test file: returns a function that gives each test its own database copy (and clock),
 * closed after the test.
 */
export function perTestDeps() {
  const open: Deps[] = [];
  afterEach(() => {
    for (const d of open.splice(0)) d.database.close();
  });
  return async (start?: string, settings?: Partial<Settings>) => {
    const made = await testDeps(start, settings);
    open.push(made.deps);
    return made;
  };
}

/** The same deps sealing under another HCP_CRYPTO suite (the test key), for a database that holds that suite. */
export function withSuite(deps: Deps, suite: SuiteName): Deps {
  return { ...deps, pii: createPii(inject("dataKey"), suite) };
}

/** A database file and its WAL and journal, as bytes: what a stolen disk gives (the planted-PII checks). */
export function databaseBytes(file: string): Buffer {
  const dir = dirname(file);
  return Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith(basename(file)))
      .map((f) => readFileSync(join(dir, f))),
  );
}

/**
 * npm run backup -- <file> — a consistent copy of the embedded database, taken while the server
 * keeps serving: SQLite's `VACUUM INTO` reads one snapshot inside a read transaction (WAL lets the
 * writer go on meanwhile), so the copy holds exactly the commits before that moment — never half
 * a group, never a torn page, which a file copy of a live database and its WAL can give. The copy
 * is written beside the target, checked, fsynced and then renamed into place.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { createClient } from "@libsql/client";

import { isFileUrl } from "@/db/client";
import { env, EnvError } from "@/server/env";

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (!arg)
    throw new EnvError(
      "usage: npm run backup -- <file>   (a new file; the database is DATABASE_URL's)",
    );
  const target = resolve(arg);
  if (existsSync(target)) throw new EnvError(`${target} exists: name a new file`);
  const { DATABASE_URL: url } = env();
  if (!isFileUrl(url))
    throw new EnvError(
      "npm run backup copies the embedded database (DATABASE_URL=file:…); back up a libSQL server with its own tools",
    );

  const started = Date.now();
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const source = createClient({ url, timeout: 30_000 });
  try {
    await source.execute({ sql: "VACUUM INTO ?", args: [partial] });
  } finally {
    source.close();
  }
  const copy = createClient({ url: `file:${partial}` });
  let summary: string;
  try {
    const integrity = (await copy.execute("PRAGMA integrity_check")).rows[0]?.[0];
    if (integrity !== "ok")
      throw new Error(`the copy failed its integrity check: ${JSON.stringify(integrity)}`);
    const head = (
      await copy.execute("select count(*) as n, coalesce(max(seq), 0) as seq from ratings")
    ).rows[0];
    summary = `${Number(head?.n)} ratings (chain head #${Number(head?.seq)})`;
  } finally {
    copy.close();
  }
  fsyncPath(partial);
  renameSync(partial, target);
  fsyncPath(dirname(target));
  console.log(
    `backup written to ${target}: ${summary}, integrity ok, in ${Date.now() - started} ms`,
  );
}

main().catch((e: unknown) => {
  console.error(
    e instanceof EnvError
      ? e.message
      : `backup failed: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
});

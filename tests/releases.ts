import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { MIGRATIONS_FOLDER } from "../db/migrate";

/** A migrations folder as the release whose last migration was `tag` shipped it, and that migration's journal time. */
export function releaseUpTo(tag: string): { folder: string; when: number } {
  type Journal = { entries: { tag: string; when: number }[] };
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
  ) as Journal;
  const kept = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag) + 1);
  const folder = mkdtempSync(join(tmpdir(), "hcp-release-"));
  mkdirSync(join(folder, "meta"));
  for (const e of kept)
    cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  return { folder, when: kept.at(-1)!.when };
}

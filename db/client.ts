import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "./schema";
import type { Db, Tx } from "./types";
import { installStatementCache } from "./statement-cache";
import { GroupWriter, type WriterStats } from "./writer";

export interface Database {
  /** reads: any pooled connection */
  db: Db;
  client: Client;
  /** every write goes through here: queued, grouped, committed and fsynced before it resolves */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  writerStats(): WriterStats;
  close(): void;
}

export function isFileUrl(url: string): boolean {
  return url.startsWith("file:");
}

/** Opens the database; for a file URL, creates its folder and turns on WAL (persistent in the file). */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  if (isFileUrl(url)) {
    installStatementCache();
    const path = url.slice("file:".length).split("?")[0] ?? "";
    if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({ url, authToken, timeout: 10_000 });
  if (isFileUrl(url)) {
    await client.execute("PRAGMA journal_mode=WAL");
  }
  const db = drizzle(client, { schema });
  const writer = new GroupWriter(db);
  return {
    db,
    client,
    write: (fn) => writer.write(fn),
    writerStats: () => writer.stats(),
    close: () => client.close(),
  };
}

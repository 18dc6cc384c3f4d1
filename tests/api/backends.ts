import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { seedDemo } from "../../db/seed/seed";
import { DEMO_KEYS } from "../constants";
import { copyTemplateDb } from "../db";
import { startServer, type RunningServer } from "../http-server";
import { startSqld } from "../sqld";

export type Backend = "file" | "sqld";

/** The real app over HTTP on a real database: a libSQL file, or a libSQL server (sqld). */
export async function startApp(backend: Backend): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  if (backend === "file") {
    const server = await startServer({ databaseUrl: `file:${copyTemplateDb()}` });
    return { server, stop: () => server.stop() };
  }
  const sqld = await startSqld();
  const database = await openDatabase(sqld.url);
  await migrateDatabase(database);
  await seedDemo(database, { now: Date.now(), intakeKey: DEMO_KEYS.intake, hotlineKey: DEMO_KEYS.hotline });
  database.close();
  const server = await startServer({ databaseUrl: sqld.url });
  return {
    server,
    async stop() {
      await server.stop();
      await sqld.stop();
    },
  };
}

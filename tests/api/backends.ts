import { copyTemplateDb } from "../db";
import { openDemoDatabase } from "../demo-db";
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
  (await openDemoDatabase(sqld.url)).close();
  const server = await startServer({ databaseUrl: sqld.url });
  return {
    server,
    async stop() {
      await server.stop();
      await sqld.stop();
    },
  };
}

import { copyTemplateDb } from "../db";
import { openDemoDatabase } from "../demo-db";
import { type RunningServer, startServer } from "../http-server";
import { startSqld } from "../sqld";

export type Backend = "file" | "sqld";

/** The real app over HTTP on a real database: a libSQL file, or a libSQL server (sqld). */
// the contract tests send events with fixed dates long past: the server's own job timer would
// default those stages in the middle of a test (the jobs have tests of their own, with a moved clock)
const NO_JOB_TIMER = { JOBS_INTERVAL_S: "0" };

export async function startApp(
  backend: Backend,
): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  if (backend === "file") {
    const server = await startServer({
      databaseUrl: `file:${copyTemplateDb()}`,
      env: NO_JOB_TIMER,
    });
    return { server, stop: () => server.stop() };
  }
  const sqld = await startSqld();
  (await openDemoDatabase(sqld.url)).close();
  const server = await startServer({ databaseUrl: sqld.url, env: NO_JOB_TIMER });
  return {
    server,
    async stop() {
      await server.stop();
      await sqld.stop();
    },
  };
}

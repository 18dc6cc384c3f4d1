import { demoPasswordsLeft } from "./auth/demo-passwords";
import { type Deps, getDeps } from "./deps";
import { env, EnvError } from "./env";
import { registerHotRoutes } from "./http/hot-routes";
import { startJobTimer } from "./jobs/runner";
import { lifecycle } from "./lifecycle";

/**
 * Runs once when the server starts: checks every setting (one line and exit on a wrong one, HCP_CRYPTO
 * against the database's suite included) and opens the database now, so the native module loads
 * before any request is waiting.
 */
export async function boot(): Promise<void> {
  let deps: Deps;
  try {
    env();
    // getDeps checks HCP_CRYPTO against the suite the database holds: a wrong one is a setting error too
    deps = await getDeps();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  await deps.database.client.execute("select 1");
  if (!env().demo) {
    // a deployment must not open with a password the README prints
    const left = await demoPasswordsLeft(deps.database);
    if (left.length) {
      console.error(
        `Invalid setting HCP_DEMO: with HCP_DEMO=0 no account may keep its demo password, and ${left.join(", ")} still do; change them or disable those accounts`,
      );
      process.exit(1);
    }
  }
  if (env().HCP_HOT_ROUTES === "1") registerHotRoutes();
  const stopJobs = startJobTimer(deps, env().JOBS_INTERVAL_S * 1000);
  // a graceful stop (scripts/serve.mjs): no new job run, the one under way finished, every queued
  // write committed, then the database closed (its WAL checkpointed into the file)
  lifecycle().onStop.push(async () => {
    await stopJobs();
    await deps.database.idle();
    deps.database.close();
  });
}

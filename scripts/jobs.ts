/** npm run jobs -- --once: runs every due job (reminders, defaults, deliveries, deadlines) once and exits. */
import { getDeps } from "@/server/deps";
import { EnvError } from "@/server/env";
import { runJobs } from "@/server/jobs/runner";

async function main(): Promise<void> {
  if (!process.argv.includes("--once")) {
    console.error(
      "usage: npm run jobs -- --once   (the server runs the jobs by itself on a timer)",
    );
    process.exit(2);
  }
  const deps = await getDeps();
  try {
    console.log(JSON.stringify(await runJobs(deps)));
  } finally {
    deps.database.close();
  }
}

main().catch((e: unknown) => {
  console.error(
    e instanceof EnvError
      ? e.message
      : `jobs failed: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
});

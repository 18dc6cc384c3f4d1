/** npm run stats:rebuild — recomputes the article 23 rollups from the ratings (DESIGN §8). */
import { openDatabase } from "@/db/client";
import { allNotAdoptedRatingIds } from "@/server/appeals/appeals.service";
import { env, EnvError } from "@/server/env";
import { rebuildRollups } from "@/server/stats/rebuild";

async function main(): Promise<void> {
  const e = env();
  const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN);
  try {
    const started = performance.now();
    const { cells } = await rebuildRollups(database, await allNotAdoptedRatingIds(database.db));
    console.log(
      `rollups rebuilt from the ratings: ${cells} cells in ${Math.round(performance.now() - started)} ms`,
    );
  } finally {
    database.close();
  }
}

main().catch((e: unknown) => {
  console.error(
    e instanceof EnvError
      ? e.message
      : `stats:rebuild failed: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
});

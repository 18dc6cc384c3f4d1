/** npm run verify-log — walks the rating hash chain and names the first broken link. */
import { openDatabase } from "@/db/client";
import { env, EnvError } from "@/server/env";
import { SUITE_WORDS, SUITES } from "@/server/privacy/suite";
import { checkSuite } from "@/server/privacy/suite-record";
import { verifyChain } from "@/server/ratings/chain";

async function main(): Promise<void> {
  const e = env();
  const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN);
  try {
    await checkSuite(database, e.HCP_CRYPTO);
    const report = await verifyChain(database.db, undefined, SUITES[e.HCP_CRYPTO]);
    if (report.brokenAt === null) {
      console.log(
        `rating log intact: ${report.count} ratings, every link verified (${SUITE_WORDS[e.HCP_CRYPTO]})`,
      );
      return;
    }
    console.error(
      `rating log BROKEN at rating #${report.brokenAt}: ${report.reason} (${report.count} ratings before it verified)`,
    );
    process.exitCode = 1;
  } finally {
    database.close();
  }
}

main().catch((e: unknown) => {
  console.error(
    e instanceof EnvError
      ? e.message
      : `verify-log failed: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
});

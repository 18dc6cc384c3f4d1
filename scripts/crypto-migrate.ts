/**
 * npm run crypto:migrate -- --to gm|std [--batch 500] [--limit N]
 *
 * Moves a database to the other HCP_CRYPTO suite with the service stopped (SPEC §8, README
 * "密评"): every sealed value re-sealed, its blind indexes made again, the rating chain re-linked,
 * then every sealed value read back and the chain walked under the new suite. Stopped half-way
 * (killed, or `--limit`), it is finished by running it again; until then no server starts.
 */
import { parseArgs } from "node:util";

import { gt } from "drizzle-orm";

import { openDatabase } from "@/db/client";
import { jobLeases } from "@/db/schema";
import { env, EnvError } from "@/server/env";
import {
  migrateCrypto,
  MigrationRefused,
  type MigrationReport,
} from "@/server/privacy/crypto-migrate";
import { BrokenChainError } from "@/server/privacy/rechain";
import { SUITE_NAMES, SUITE_WORDS, type SuiteName } from "@/server/privacy/suite";

// SPEC §8 names the default suite "aes"; it is std here
const ALIASES: Record<string, SuiteName> = { aes: "std" };

const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ");

function describe(r: MigrationReport, ms: number): string {
  const outcome = r.finished ? "done" : "stopped by --limit, run again to finish";
  const lines = [
    `${r.from ?? "(nothing sealed yet)"} → ${r.to}: ${outcome} in ${(ms / 1000).toFixed(1)} s`,
  ];
  lines.push(`  re-sealed rows: ${listed(r.resealed) || "none"}; ratings re-linked: ${r.relinked}`);
  if (r.verified) {
    const total = Object.values(r.verified.values).reduce((a, b) => a + b, 0);
    const read = `${total} sealed values (${listed(r.verified.values)})`;
    lines.push(`  read back under ${SUITE_WORDS[r.to]}: ${read}, 0 stale blind indexes`);
    lines.push(`  rating log intact: ${r.verified.ratings} ratings, every link verified`);
  }
  if (r.finished) lines.push(`start the service with HCP_CRYPTO=${r.to}`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  const options = {
    to: { type: "string" },
    batch: { type: "string" },
    limit: { type: "string" },
  } as const;
  const { values } = parseArgs({ options });
  const to = ALIASES[values.to ?? ""] ?? values.to;
  if (!SUITE_NAMES.includes(to as SuiteName)) {
    console.error(
      `usage: npm run crypto:migrate -- --to ${SUITE_NAMES.join("|")} [--batch 500] [--limit N]`,
    );
    return 2;
  }
  const e = env();
  const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN);
  try {
    const [lease] = await database.db
      .select()
      .from(jobLeases)
      .where(gt(jobLeases.until, Date.now()))
      .limit(1);
    if (lease) {
      const stop = "stop the service and `npm run jobs` first, then migrate";
      console.error(`the job ${lease.name} is running (${lease.holder}): ${stop}`);
      return 1;
    }
    const t0 = performance.now();
    const report = await migrateCrypto(database, e.dataKey, {
      to: to as SuiteName,
      batch: values.batch ? Number(values.batch) : undefined,
      limit: values.limit ? Number(values.limit) : undefined,
    });
    console.log(describe(report, performance.now() - t0));
    return report.finished ? 0 : 3;
  } finally {
    database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const known =
      e instanceof EnvError || e instanceof MigrationRefused || e instanceof BrokenChainError;
    const message = e instanceof Error ? e.message : String(e);
    console.error(
      known ? `crypto:migrate stopped: ${message}` : `crypto:migrate failed: ${message}`,
    );
    process.exit(1);
  },
);

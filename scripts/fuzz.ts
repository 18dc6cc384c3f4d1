// npm run fuzz [-- --count 10000 --seed 123]: random requests against every v1 endpoint and every
// tRPC procedure of a spawned production server; prints the seed and the status histogram and
// fails on any 5xx, any answer outside the error shape, or a server that stops answering.
import { randomBytes, randomInt } from "node:crypto";

import { openDatabase } from "@/db/client";
import { systemClock } from "@/server/clock";
import { depsOf } from "@/tests/db";
import { fuzz } from "@/tests/fuzz/fuzz";
import { alive, fuzzSetup, printReport } from "@/tests/fuzz/setup";

import { freshDatabase, startApp } from "./bench/harness";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const count = Number(arg("count") ?? process.env.FUZZ_COUNT ?? 10_000);
const seed = Number(arg("seed") ?? process.env.FUZZ_SEED ?? randomInt(1, 2 ** 31));

const dataKey = randomBytes(32).toString("base64");
const { database: setupDb, file } = await freshDatabase(".tmp/fuzz");
setupDb.close();
const app = await startApp(file, { HCP_DATA_KEY: dataKey, LOG_LEVEL: "fatal" });
const database = await openDatabase(`file:${file}`);
console.log(
  `fuzz: seed ${seed}, ${count} inputs against ${app.base} (repeat with: npm run fuzz -- --seed ${seed} --count ${count})`,
);
let code = 1;
try {
  const { ctx, targets } = await fuzzSetup(app.base, depsOf(database, dataKey, systemClock));
  console.log(
    `  ${targets.length} targets: ${targets.filter((t) => t.kind === "v1").length} v1 endpoints × methods, ${targets.filter((t) => t.kind === "trpc").length} tRPC procedures`,
  );
  const t0 = Date.now();
  const report = await fuzz(ctx, targets, {
    seed,
    count,
    alive: () => alive(app.base),
    progress: (n) => n % 2000 === 0 && console.log(`  … ${n}`),
  });
  printReport(report, Date.now() - t0);
  const ok = report.failures.length === 0 && (await alive(app.base));
  for (const f of report.failures) console.log(`✗ ${f.problem}\n    ${f.request}`);
  console.log(
    ok
      ? "✓ no 5xx, every error in its shape, the server alive after"
      : `✗ ${report.failures.length} problems`,
  );
  code = ok ? 0 : 1;
} finally {
  database.close();
  await app.stop();
}
process.exit(code);

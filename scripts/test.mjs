// npm test: types, lint, build, then every test (unit, HTTP against the real server, browser).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

import { ensureBuilt, ensureInstalled, run } from "./lib.mjs";

const t0 = Date.now();
ensureInstalled();
console.log("→ typecheck");
run(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit"]);
console.log("→ lint");
run(process.execPath, ["node_modules/eslint/bin/eslint.js", "--max-warnings", "0", "."]);
console.log("→ format (prettier --check)");
run(process.execPath, [
  "node_modules/prettier/bin/prettier.cjs",
  "--check",
  "--log-level",
  "warn",
  ".",
]);
console.log("→ audit (production dependencies, high and critical)");
run(process.execPath, ["scripts/audit-deps.mjs"]);
ensureBuilt();
console.log("→ tests");
mkdirSync(".tmp", { recursive: true });
const report = ".tmp/vitest-report.json";
const r = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${report}`,
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  },
);
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, "utf8"));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  console.log(
    `\n${j.numPassedTests} passed, ${j.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
  );
}
console.log(`(npm test took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
process.exit(r.status ?? 1);

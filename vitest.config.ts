import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root, "server-only": `${root}tests/server-only-stub.ts` } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "server/**/*.test.ts",
            "db/**/*.test.ts",
            "app/**/*.test.ts",
            "i18n/**/*.test.ts",
            "tests/**/*.test.ts",
          ],
          exclude: ["**/*.http.test.ts"],
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "http",
          include: ["**/*.http.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.ts"],
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // a poll waits for what the page shows next; Vitest's default gives up after 1 s, and on a busy
          // 2-core machine a step with a server round trip takes longer (a screen's enrolment, argon2
          // included, took 1.1–1.6 s at load 6–7). A poll returns as soon as it holds: this costs nothing.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});

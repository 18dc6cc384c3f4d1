import { existsSync } from "node:fs";

import { inject } from "vitest";

import { freePort, type SpawnedServer, spawnServer } from "./net";

export interface RunningServer extends SpawnedServer {
  url: string;
  port: number;
}

/** The built app on a loopback port, the way `npm start` runs it (scripts/serve.mjs), once it answers. */
export function startNext(
  port: number,
  env: Record<string, string>,
  echo = false,
  nodeArgs: string[] = [],
): Promise<SpawnedServer> {
  return spawnServer(
    process.execPath,
    [...nodeArgs, "scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"],
    {
      ready: `http://127.0.0.1:${port}/api/v1/openapi.json`,
      what: `the server on ${port}`,
      echo,
      env: {
        ...process.env,
        NODE_ENV: "production",
        // as scripts/start.mjs runs it
        NODE_OPTIONS: "--report-exclude-network --max-semi-space-size=64",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        LOG_LEVEL: "warn",
        ...env,
      },
    },
  );
}

/** Starts the built app on a free port against the given database, with the tests' data key. */
export async function startServer(opts: {
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  if (!existsSync(".next/BUILD_ID"))
    throw new Error("no build: run `npm test` (it builds) or `npx next build`");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startNext(port, {
    DATABASE_URL: opts.databaseUrl,
    HCP_DATA_KEY: inject("dataKey"),
    // the origin printed into QR codes: the codes a test decodes must open this server
    HCP_PUBLIC_URL: url,
    ...opts.env,
  });
  return { ...server, url, port };
}

/** A start that should be refused: what it printed, or "started" when it was not refused. */
export async function refusedStart(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  return startNext(port, { HCP_DATA_KEY: inject("dataKey"), ...env }).then(
    async (s) => {
      await s.stop();
      return "started";
    },
    (e: unknown) => String(e),
  );
}

import { spawn } from "node:child_process";
import { join } from "node:path";

import { afterAll, describe, expect, inject, test } from "vitest";

import { newId } from "@/server/ids";

import { copyTemplateDb } from "../db";
import { refusedStart, type RunningServer, startServer } from "../http-server";

/** A script run as a person runs it, with the environment given and `input` on standard input. */
function script(
  file: string,
  args: string[],
  env: Record<string, string>,
  input = "",
): Promise<{ status: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", file, ...args],
    { env: { ...process.env, ...env } },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, out })));
}

/** SPEC §6: HCP_DEMO=0 is a deployment — nothing of the demo's answers, and the first bureau account is made by hand. */
describe("a deployment (HCP_DEMO=0)", () => {
  let server: RunningServer | undefined;
  afterAll(async () => server?.stop());

  test("a start with the demo's SMS outbox, a demo key, or a demo password left stops with one sentence naming the setting", async () => {
    const db = `file:${copyTemplateDb()}`;
    expect(await refusedStart({ DATABASE_URL: db, HCP_DEMO: "0" })).toContain(
      "Invalid setting SMS_PROVIDER: outbox is the demo's (its codes are readable at /api/dev/sms) and is refused with HCP_DEMO=0",
    );
    expect(
      await refusedStart({
        DATABASE_URL: db,
        HCP_DEMO: "0",
        SMS_PROVIDER: "none",
        INTAKE_API_KEY: "demo-intake-key",
      }),
    ).toContain(
      "Invalid setting INTAKE_API_KEY: demo-intake-key is the demo's key and is refused with HCP_DEMO=0",
    );
    // the demo's database: its accounts still open with the passwords the README prints
    expect(await refusedStart({ DATABASE_URL: db, HCP_DEMO: "0", SMS_PROVIDER: "none" })).toMatch(
      /Invalid setting HCP_DEMO: with HCP_DEMO=0 no account may keep its demo password, and .*bureau.* still do/,
    );
  });

  test("a fresh deployment: no demo data; account:create makes the first bureau account under the password rules; /api/dev and the demo's doors are shut", async () => {
    const file = join(inject("runDir"), "dbs", `deploy-${newId()}.db`);
    const env = {
      DATABASE_URL: `file:${file}`,
      HCP_DATA_KEY: inject("dataKey"),
      HCP_DEMO: "0",
      SMS_PROVIDER: "none",
    };
    const setup = await script("scripts/setup-db.ts", [], env);
    expect(setup.out).toContain("catalogue and calendar loaded (no demo data: HCP_DEMO=0)");
    expect(setup.out).toContain(
      "no bureau account yet: npm run account:create -- --login <login> --role bureau",
    );
    expect(setup.status).toBe(0);

    const weak = await script(
      "scripts/account-create.ts",
      ["--login", "ts-bureau", "--role", "bureau"],
      env,
      "short1A\n",
    );
    expect(weak).toMatchObject({
      status: 2,
      out: expect.stringContaining("password refused: 密码至少要有 12 个字符") as string,
    });
    const plain = await script(
      "scripts/account-create.ts",
      ["--login", "ts-bureau", "--role", "bureau"],
      env,
      "alllowercaseletters\n",
    );
    expect(plain.out).toContain("密码须包含小写字母、大写字母、数字、符号中的至少三类");
    const made = await script(
      "scripts/account-create.ts",
      ["--login", "ts-bureau", "--role", "bureau"],
      env,
      "Taishan-2026-good\n",
    );
    expect(made).toMatchObject({
      status: 0,
      out: expect.stringContaining("account ts-bureau (bureau) created") as string,
    });
    expect(made.out).not.toContain("Taishan-2026-good");
    // run again: the setup changes nothing, and the account stays
    expect((await script("scripts/setup-db.ts", [], env)).out).toContain("data kept");

    server = await startServer({
      databaseUrl: env.DATABASE_URL,
      env: { HCP_DEMO: "0", SMS_PROVIDER: "none" },
    });
    const signIn = (login: string, password: string) =>
      fetch(`${server!.url}/api/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login, password }),
      });
    expect((await signIn("ts-bureau", "Taishan-2026-good")).status).toBe(200);
    expect((await signIn("bureau", "demo-bureau")).status).toBe(401);
    expect((await fetch(`${server.url}/api/dev/sms?phone=13902221234`)).status).toBe(404);
    expect(
      (
        await fetch(`${server.url}/api/v1/catalog`, {
          headers: { authorization: "Bearer demo-intake-key" },
        })
      ).status,
    ).toBe(401);
  });
});

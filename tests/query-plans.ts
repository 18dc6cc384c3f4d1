import Database from "libsql";

import type { Deps } from "../server/deps";

/**
 * Every statement `run` sends through the libSQL client that reads a table named like `match`
 * (its first group is the table), with SQLite's query plan for it, one line per plan step.
 */
export async function plansOf(
  deps: Deps,
  match: RegExp,
  run: () => Promise<unknown>,
): Promise<{ table: string; plan: string[] }[]> {
  const client = deps.database.client;
  const original = client.execute.bind(client);
  const seen: { sql: string; args: unknown[] }[] = [];
  client.execute = ((stmt: { sql: string; args: unknown[] }) => {
    if (typeof stmt === "object" && match.test(stmt.sql)) seen.push(stmt);
    return original(stmt as never);
  }) as typeof client.execute;
  try {
    await run();
  } finally {
    client.execute = original;
  }
  return Promise.all(
    seen.map(async ({ sql, args }) => ({
      table: match.exec(sql)![1]!,
      plan: (await original({ sql: `explain query plan ${sql}`, args: args as never })).rows.map(
        (r) => r.detail as string,
      ),
    })),
  );
}

type Prepare = (this: object, sql: string) => unknown;

/**
 * Every statement `run` prepares on any connection of the process — the writer's own included,
 * which `plansOf` does not see — with its plan (parameters unbound, as the planner sees them).
 */
export async function plansOfEvery(
  deps: Deps,
  run: () => Promise<unknown>,
): Promise<{ sql: string; plan: string[] }[]> {
  const proto = (Database as unknown as { prototype: { prepare: Prepare } }).prototype;
  const prepare = proto.prepare;
  const seen = new Set<string>();
  proto.prepare = function (sql) {
    if (/^\s*(select|insert|update|delete|with)\b/i.test(sql)) seen.add(sql);
    return prepare.call(this, sql);
  };
  try {
    await run();
  } finally {
    proto.prepare = prepare;
  }
  const out = [];
  for (const sql of seen) {
    const plan = await deps.database.client.execute(`explain query plan ${sql}`);
    out.push({ sql, plan: plan.rows.map((r) => r.detail as string) });
  }
  return out;
}

/** The plan lines that read through `index` (as a search, a scan in its order, or covering). */
export function readsThrough(plans: { plan: string[] }[], index: string): string[] {
  const by = new RegExp(`USING (COVERING )?INDEX ${index}\\b`);
  return plans.flatMap((p) => p.plan.filter((l) => by.test(l)));
}

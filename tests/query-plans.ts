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

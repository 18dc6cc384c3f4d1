import type { InStatement, InValue, ResultSet } from "@libsql/client";
import { fillPlaceholders, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Reader, Tx } from "./types";

/*
 * Statements built once. Drizzle builds every query anew on each call, and on the hot paths
 * (intake, rating submission) that building cost more than running the SQL: measured, a fifth of
 * a submission's CPU. Drizzle's own prepare() would keep the SQL but binds it to the connection or
 * transaction it was prepared on, and every write group is a transaction of its own. So these keep
 * the built SQL with `sql.placeholder`s and run it on whatever reader they are given, through the
 * libSQL client drizzle holds (drizzle-orm is pinned in package.json; db/prepared.test.ts fails if
 * that ever moves).
 */

type Built = { sql: string; params: unknown[] };
type Executor = { execute(stmt: InStatement): Promise<ResultSet> };

const dialect = new SQLiteAsyncDialect();

/** The libSQL transaction of an open write, or the client for a read outside one. */
function executorOf(reader: Reader): Executor {
  const session = (reader as unknown as { session?: { client?: Executor; tx?: Executor } }).session;
  const executor = session?.tx ?? session?.client;
  if (!executor) throw new Error("drizzle's session no longer holds the libSQL client: see db/prepared.ts");
  return executor;
}

function execute(reader: Reader, built: Built, values: Record<string, unknown>): Promise<ResultSet> {
  return executorOf(reader).execute({ sql: built.sql, args: fillPlaceholders(built.params, values) as InValue[] });
}

/** `$name` in the template is the placeholder `name`. */
export const $ = (name: string) => sql.placeholder(name);

/** `column as "alias", …` for a select list, so a row comes back keyed like `fields`. */
export function columns(fields: Record<string, AnyColumn>): SQL {
  return sql.join(
    Object.entries(fields).map(([alias, column]) => sql`${column} as ${sql.identifier(alias)}`),
    sql`, `,
  );
}

/** A read, written as SQL with placeholders; the row comes back as SQLite gives it (integers as numbers, booleans as 0/1). */
export function query<Row>(build: () => SQL) {
  let built: Built | undefined;
  const run = (reader: Reader, values: Record<string, unknown>) => execute(reader, (built ??= dialect.sqlToQuery(build())), values);
  return {
    get: async (reader: Reader, values: Record<string, unknown>): Promise<Row | undefined> => (await run(reader, values)).rows[0] as Row | undefined,
    all: async (reader: Reader, values: Record<string, unknown>): Promise<Row[]> => (await run(reader, values)).rows as unknown as Row[],
  };
}

/**
 * An INSERT of whole rows into `table`, built from the keys of the first row it is given (a key
 * left undefined takes the column's default, as with drizzle). The writer learns that a job wrote
 * from the methods it touches (db/writer.ts), so this touches `run`.
 */
export function insertInto<T extends SQLiteTable>(table: T, opts: { onConflictDoNothing?: boolean } = {}) {
  const byKeys = new Map<string, Built>();
  return async (tx: Tx, row: T["$inferInsert"]): Promise<void> => {
    void tx.run;
    const keys = Object.keys(row).filter((k) => (row as Record<string, unknown>)[k] !== undefined);
    const signature = keys.join();
    let built = byKeys.get(signature);
    if (!built) {
      const insert = tx.insert(table).values(Object.fromEntries(keys.map((k) => [k, $(k)])) as T["$inferInsert"]);
      built = (opts.onConflictDoNothing ? insert.onConflictDoNothing() : insert).toSQL();
      byKeys.set(signature, built);
    }
    await execute(tx, built, row);
  };
}

/** A write written as SQL with placeholders (an UPDATE): touches `run` for the writer, like insertInto. */
export function change(build: () => SQL) {
  let built: Built | undefined;
  return async (tx: Tx, values: Record<string, unknown>): Promise<number> => {
    void tx.run;
    return (await execute(tx, (built ??= dialect.sqlToQuery(build())), values)).rowsAffected;
  };
}

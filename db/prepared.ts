import type { InStatement, InValue, ResultSet } from "@libsql/client";
import {
  type AnyColumn,
  eq,
  fillPlaceholders,
  getTableColumns,
  getTableName,
  type SQL,
  sql,
} from "drizzle-orm";
import { SQLiteAsyncDialect, type SQLiteTable } from "drizzle-orm/sqlite-core";

import type { Reader, Tx } from "./types";
import { DEFER, noteWrite } from "./writer";

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
  if (!executor)
    throw new Error("drizzle's session no longer holds the libSQL client: see db/prepared.ts");
  return executor;
}

/**
 * A transaction whose statements another executor runs (db/off-thread.ts): it has no query builder,
 * only what this file's statements use. `defer` takes the writes a job sent without waiting for
 * them (db/writer.ts sentWrites).
 */
export function executorTx(executor: Executor, defer: (writes: Promise<unknown>[]) => void): Tx {
  return { session: { client: executor }, [DEFER]: defer } as unknown as Tx;
}

function execute(
  reader: Reader,
  built: Built,
  values: Record<string, unknown>,
): Promise<ResultSet> {
  return executorOf(reader).execute({
    sql: built.sql,
    args: fillPlaceholders(built.params, values) as InValue[],
  });
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
  const run = (reader: Reader, values: Record<string, unknown>) =>
    execute(reader, (built ??= dialect.sqlToQuery(build())), values);
  return {
    get: async (reader: Reader, values: Record<string, unknown>): Promise<Row | undefined> =>
      (await run(reader, values)).rows[0] as Row | undefined,
    all: async (reader: Reader, values: Record<string, unknown>): Promise<Row[]> =>
      (await run(reader, values)).rows as unknown as Row[],
  };
}

/**
 * A read of the rows whose key is in a list, as SQL text: `build(marks)` gets `?, ?, …`, one per
 * value, and the text is built once per list length. The list is the statement's only parameters.
 */
export function queryIn<Row>(build: (marks: string) => string) {
  const byCount = new Map<number, string>();
  const text = (count: number): string => {
    let built = byCount.get(count);
    if (!built)
      byCount.set(count, (built = build(Array.from({ length: count }, () => "?").join(", "))));
    return built;
  };
  const read = async (reader: Reader, list: InValue[]): Promise<Row[]> => {
    if (list.length === 0) return [];
    return (await executorOf(reader).execute({ sql: text(list.length), args: list }))
      .rows as unknown as Row[];
  };
  /** the statement for `count` values, for a plan test */
  read.text = text;
  return read;
}

/**
 * The values of a row as a built statement takes them: a placeholder per key, but null written as
 * a literal (drizzle's encoders would turn a nullable boolean's null into 0), and undefined left
 * out (the column keeps its default). Which keys are null is part of the statement's signature.
 */
function placeholdersOf(row: Record<string, unknown>): {
  signature: string;
  values: Record<string, unknown>;
} {
  const keys = Object.keys(row).filter((k) => row[k] !== undefined);
  return {
    signature: keys.map((k) => (row[k] === null ? `${k}=null` : k)).join(),
    values: Object.fromEntries(keys.map((k) => [k, row[k] === null ? null : $(k)])),
  };
}

/** A column default computed in JS would be computed once, when the statement is built: refuse such tables. */
function assertNoJsDefaults(table: SQLiteTable): void {
  for (const [name, column] of Object.entries(getTableColumns(table)))
    if (column.defaultFn || column.onUpdateFn)
      throw new Error(
        `db/prepared.ts: ${name} has a JS default, which a statement built once would freeze`,
      );
}

/**
 * Statements built per signature of the rows given, the way `build` makes them; the writer is
 * told that the job wrote (db/writer.ts), as drizzle's own builders tell it.
 */
function builtWrite<R extends Record<string, unknown>>(
  table: SQLiteTable,
  build: (tx: Tx, values: Record<string, unknown>) => { toSQL(): Built },
) {
  assertNoJsDefaults(table);
  const bySignature = new Map<string, Built>();
  return async (tx: Tx, row: R): Promise<number> => {
    noteWrite(tx);
    const { signature, values } = placeholdersOf(row);
    let built = bySignature.get(signature);
    if (!built) bySignature.set(signature, (built = build(tx, values).toSQL()));
    return (await execute(tx, built, row)).rowsAffected;
  };
}

/** A write written out as SQL text with `?` parameters, built once by the caller: the writer is told it wrote. */
export function writeStatement(text: string) {
  return async (tx: Tx, args: InValue[]): Promise<number> => {
    noteWrite(tx);
    return (await executorOf(tx).execute({ sql: text, args })).rowsAffected;
  };
}

/** An INSERT of whole rows into `table`. */
export function insertInto<T extends SQLiteTable>(
  table: T,
  opts: { onConflictDoNothing?: boolean } = {},
) {
  return builtWrite<T["$inferInsert"]>(table, (tx, values) => {
    const insert = tx.insert(table).values(values as T["$inferInsert"]);
    return opts.onConflictDoNothing ? insert.onConflictDoNothing() : insert;
  });
}

/** An UPDATE of the row whose `key` (its id unless told) is given; the other keys are what is set. */
export function updateOf<
  T extends SQLiteTable,
  K extends keyof T["_"]["columns"] & string = "id" & keyof T["_"]["columns"],
>(table: T, key: K = "id" as K) {
  const keyColumn = getTableColumns(table)[key] as AnyColumn;
  return builtWrite<Partial<T["$inferInsert"]> & Record<K, string>>(table, (tx, values) => {
    const { [key]: _key, ...set } = values;
    return tx
      .update(table)
      .set(set as Partial<T["$inferInsert"]>)
      .where(eq(keyColumn, $(key)));
  });
}

/**
 * A multi-row INSERT of whole rows into `table`, written out directly: drizzle's builder spends
 * tens of microseconds a row on a big VALUES list, more than SQLite spends inserting it. Every
 * column is listed (a key the row leaves out is written NULL), so rows need not match; the
 * statement is cached per row count.
 */
export function insertManyInto<T extends SQLiteTable>(
  table: T,
  opts: { onConflictDoNothing?: boolean } = {},
) {
  assertNoJsDefaults(table);
  const columns = Object.entries(getTableColumns(table));
  const names = columns.map(([, c]) => `"${c.name}"`).join(", ");
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const tableName = getTableName(table);
  const byCount = new Map<number, string>();
  return async (tx: Tx, rows: T["$inferInsert"][]): Promise<void> => {
    if (rows.length === 0) return;
    noteWrite(tx);
    let text = byCount.get(rows.length);
    if (!text)
      byCount.set(
        rows.length,
        (text = `insert into "${tableName}" (${names}) values ${Array.from({ length: rows.length }, () => tuple).join(", ")}${opts.onConflictDoNothing ? " on conflict do nothing" : ""}`),
      );
    const args: InValue[] = [];
    for (const row of rows)
      for (const [key] of columns)
        args.push(((row as Record<string, unknown>)[key] ?? null) as InValue);
    await executorOf(tx).execute({ sql: text, args });
  };
}

import Database from "libsql";

/**
 * A prepared-statement cache for embedded (file:) databases.
 *
 * `@libsql/client` 0.18 prepares every statement anew on each call, asks for its columns twice,
 * and learns that an INSERT returns no rows by catching the exception `raw(true)` throws. On the
 * intake path that costs more than the SQL itself (measured: ~200 µs per statement through the
 * client, ~60 µs for the same statement prepared once). This wraps `libsql`'s Database.prepare so
 * each connection keeps its statements, their reader flag and columns, and answers `raw(true)` on
 * a non-reader with one preallocated error. SQLite re-prepares a cached statement itself when the
 * schema changes. Tied to the exact versions pinned in package.json; db/writer.test.ts and every
 * service test run through it.
 */
interface NativeStatement {
  readonly reader: boolean;
  raw(on?: boolean): NativeStatement;
  safeIntegers(on?: boolean): NativeStatement;
  columns(): { name: string; type: string | null }[];
  run(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  get(...args: unknown[]): unknown;
  iterate(...args: unknown[]): IterableIterator<unknown>;
}
interface NativeDatabase {
  prepare(sql: string): NativeStatement;
}

const NOT_A_READER = new TypeError("The raw() method is only for statements that return data");
NOT_A_READER.stack = "";
const MAX_PER_CONNECTION = 512;

class CachedStatement {
  #raw: boolean | undefined;
  #safe: boolean | undefined;
  #columns: ReturnType<NativeStatement["columns"]> | undefined;
  readonly reader: boolean;

  constructor(private readonly s: NativeStatement) {
    this.reader = s.reader;
  }
  raw(on = true): this {
    if (!this.reader) throw NOT_A_READER;
    if (this.#raw !== on) this.s.raw(on);
    this.#raw = on;
    return this;
  }
  safeIntegers(on = true): this {
    if (this.#safe !== on) this.s.safeIntegers(on);
    this.#safe = on;
    return this;
  }
  columns() {
    this.#columns ??= this.s.columns();
    return this.#columns;
  }
  run(...args: unknown[]) {
    return this.s.run(...args);
  }
  all(...args: unknown[]) {
    return this.s.all(...args);
  }
  get(...args: unknown[]) {
    return this.s.get(...args);
  }
  iterate(...args: unknown[]) {
    return this.s.iterate(...args);
  }
}

let installed = false;

export function installStatementCache(): void {
  if (installed) return;
  installed = true;
  // the same module instance @libsql/client loads: pinned to its version, external to the Next bundle
  const proto = (Database as unknown as { prototype: NativeDatabase }).prototype;
  const prepare = Object.getOwnPropertyDescriptor(proto, "prepare")?.value as (
    this: NativeDatabase,
    sql: string,
  ) => NativeStatement;
  const caches = new WeakMap<object, Map<string, CachedStatement>>();
  proto.prepare = function cachedPrepare(this: NativeDatabase, sql: string) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map<string, CachedStatement>()));
    const hit = cache.get(sql);
    if (hit) return hit;
    const stmt = new CachedStatement(prepare.call(this, sql));
    if (cache.size >= MAX_PER_CONNECTION) cache.delete(cache.keys().next().value as string);
    cache.set(sql, stmt);
    return stmt;
  };
}

/**
 * npm run bench:admin — the work-order desk stays flat as data grows (issue 13): the list page's
 * server time (`listWorkOrders`, the service the page and `workOrders.list` call) with 100 and
 * then 100 000 work orders in a scratch copy of the demo database. Timed: the first page in the
 * bureau's scope and in 大江镇's admin scope, a later page through the cursor, and status
 * filters; each the median of many runs after a warm-up, the two sizes called in alternation.
 * Prints each time, the ratio 100 000 ÷ 100 (target ≤ 1.5; judged on the median of the ratios of
 * back-to-back pairs, which a burst of the shared machine's load cannot tilt) and the list
 * query's plans. A page the 100-order desk cannot fill is compared with a page of as many rows.
 * Exits 1 when a ratio misses. It then does the same for 评价记录 (`listRatings`) at 10 000 and
 * 1 000 000 ratings (scripts/bench/ratings-desk.ts); `BENCH_PART=work-orders|ratings` runs one part.
 *
 * The orders are bulk-inserted straight into the scratch database with their cases and ratings
 * (rating hashes are placeholders: the chain is not what is measured here).
 */
import { randomBytes } from "node:crypto";
import { copyFileSync } from "node:fs";

import { eq } from "drizzle-orm";

import { type Database, openDatabase } from "@/db/client";
import { accounts, items, orgs, windows } from "@/db/schema";
import { type Scope, scopeOf } from "@/server/access/scope";
import { systemClock } from "@/server/clock";
import type { Deps } from "@/server/deps";
import type { TWorkOrderQuery } from "@/server/workorders/desk.schema";
import { ZWorkOrderQuery } from "@/server/workorders/desk.schema";
import { listWorkOrders } from "@/server/workorders/desk.service";
import { depsOf } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { freshDatabase } from "./bench/harness";
import { benchRatings, pushRows, rowStatements, values } from "./bench/ratings-desk";

const DIR = ".tmp/bench-admin";
const SMALL = 100;
const LARGE = Number(process.env.BENCH_ORDERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 30;
const TARGET = 1.5;
const DAY = 86400_000;

/** Where the orders fall: 台山市's own window, 台城街道's and 大江镇's (the demo's back-office additions). */
const PLACES = [
  { window: "W01", item: "ITEM-0001", org: "440781" },
  { window: "W11", item: "ITEM-0101", org: "440781101" },
  { window: "W21", item: "ITEM-0201", org: "440781102" },
] as const;

interface Place {
  windowId: string;
  orgId: string;
  itemId: string;
  staffId: string | null;
}

async function places(database: Database): Promise<Place[]> {
  const out: Place[] = [];
  for (const p of PLACES) {
    const [w] = await database.db.select().from(windows).where(eq(windows.code, p.window));
    const [item] = await database.db.select().from(items).where(eq(items.code, p.item));
    const [org] = await database.db.select().from(orgs).where(eq(orgs.code, p.org));
    const staffRow = await database.client.execute({
      sql: "select id from staff where window_id = ? limit 1",
      args: [w!.id],
    });
    out.push({
      windowId: w!.id,
      orgId: org!.id,
      itemId: item!.id,
      staffId: (staffRow.rows[0]?.id as string | undefined) ?? null,
    });
  }
  return out;
}

function placeOf(i: number, all: Place[]): Place {
  const x = (i * 7919) % 100;
  return x < 60 ? all[0]! : x < 80 ? all[1]! : all[2]!;
}

/**
 * Appends orders n0..n1-1 created over the last three years, due 14 days later. As at a real
 * desk, the orders of the last 25 days are mostly still open (some overdue) and older ones have
 * ended (closed, a few not adopted), except a backlog of one in 500 left open and overdue.
 */
async function seed(
  database: Database,
  applicantId: string,
  all: Place[],
  n0: number,
  n1: number,
  now: number,
): Promise<void> {
  const head = await database.client.execute("select coalesce(max(seq), 0) as seq from ratings");
  let seq = Number(head.rows[0]!.seq);
  const CHUNK = 400;
  const scores = JSON.stringify([
    {
      indicatorCode: "overall",
      level: "unsatisfied",
      tagCodes: ["overall.unsatisfied.1"],
      text: "等候时间太长",
    },
  ]);
  for (let start = n0; start < n1; start += CHUNK) {
    const end = Math.min(n1, start + CHUNK);
    const caseRows: unknown[] = [];
    const ratingRows: unknown[] = [];
    const orderRows: unknown[] = [];
    for (let i = start; i < end; i++) {
      const p = placeOf(i, all);
      const created = now - ((i * 104729) % (3 * 365)) * DAY - (i % 86400) * 1000;
      const open = (now - created < 25 * DAY && i % 4 !== 0) || i % 500 === 7;
      const due = created + 14 * DAY;
      const status = open
        ? (["open", "visited", "rectified"] as const)[i % 3]!
        : i % 50 === 1
          ? "not_adopted"
          : "closed";
      seq += 1;
      pushRows(caseRows, ratingRows, {
        id: `b${i}`,
        serialNo: `BENCH${String(i).padStart(9, "0")}`,
        seq,
        place: p,
        applicantId,
        created,
        overall: "unsatisfied",
        bad: true,
        scores,
        source: "rater",
      });
      orderRows.push(
        `bw-${i}`,
        `r-b${i}`,
        `c-b${i}`,
        p.orgId,
        status,
        due,
        created,
        open ? 0 : 1,
        open ? null : created + 5 * DAY,
      );
    }
    await database.client.batch(
      [
        ...rowStatements(caseRows, ratingRows),
        {
          sql: `insert into work_orders (id, rating_id, case_id, org_id, status, due_at, created_at, done, ended_at) values ${values(orderRows, 9)}`,
          args: orderRows as never,
        },
      ],
      "write",
    );
  }
  await database.client.execute("analyze");
  // a settled database: the bulk load's WAL folded into the file, as after any quiet minute
  await database.client.execute("pragma wal_checkpoint(truncate)");
}

interface Case {
  name: string;
  scope: Scope;
  query: Partial<TWorkOrderQuery>;
  /** follow the cursor this many pages first, and time that page */
  page?: number;
}

interface Timing {
  median: number;
  p95: number;
  rows: number;
}

/** The median of the ratios of calls made back to back: a burst of the machine's other load hits both of a pair. */
const pairedRatio = (small: number[], large: number[]) =>
  stats(small.map((s, i) => large[i]! / s)).median;

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! };
};

async function prepared(deps: Deps, c: Case): Promise<{ q: TWorkOrderQuery; rows: number }> {
  let q = ZWorkOrderQuery.parse({ ...c.query });
  for (let p = 1; p < (c.page ?? 1); p++) {
    const page = await listWorkOrders({ deps, scope: c.scope }, q);
    if (!page.next) break;
    q = { ...q, after: page.next };
  }
  return { q, rows: (await listWorkOrders({ deps, scope: c.scope }, q)).rows.length };
}

/**
 * Both sizes timed in alternation, call by call, after a warm-up of each: on this shared 2-core
 * machine the load of the moment then weighs on both sides of the ratio alike.
 */
async function measure(small: Deps, large: Deps, c: Case): Promise<[Timing, Timing, number]> {
  const s = await prepared(small, c);
  // a page the small desk cannot fill (19 closed orders of 大江镇 among 100) is compared with a
  // page of as many rows at the large one: the time of a page grows with its rows, not with the table
  const l = await prepared(
    large,
    s.rows < s.q.limit ? { ...c, query: { ...c.query, limit: Math.max(1, s.rows) } } : c,
  );
  const call = (deps: Deps, q: TWorkOrderQuery) => listWorkOrders({ deps, scope: c.scope }, q);
  for (let i = 0; i < WARMUP; i++) {
    await call(small, s.q);
    await call(large, l.q);
  }
  const ms: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const [k, deps, q] of (i % 2
      ? [
          [0, small, s.q],
          [1, large, l.q],
        ]
      : [
          [1, large, l.q],
          [0, small, s.q],
        ]) as [0 | 1, Deps, TWorkOrderQuery][]) {
      const t = process.hrtime.bigint();
      await call(deps, q);
      ms[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return [
    { ...stats(ms[0]), rows: s.rows },
    { ...stats(ms[1]), rows: l.rows },
    pairedRatio(ms[0], ms[1]),
  ];
}

/** The list query's plan, as SQLite will run it: the SQL Drizzle builds, captured from the client. */
async function plans(database: Database, deps: Deps, scopes: Case[]): Promise<void> {
  const client = database.client;
  const original = client.execute.bind(client);
  for (const s of scopes) {
    let captured: { sql: string; args: unknown[] } | null = null;
    client.execute = ((stmt: { sql: string; args: unknown[] }) => {
      if (typeof stmt === "object" && stmt.sql.includes('from "work_orders"')) captured = stmt;
      return original(stmt as never);
    }) as typeof client.execute;
    const { q } = await prepared(deps, s);
    captured = null;
    await listWorkOrders({ deps, scope: s.scope }, q);
    client.execute = original;
    if (!captured) {
      console.log(`(no statement captured for ${s.name})`);
      continue;
    }
    const { sql, args } = captured as { sql: string; args: unknown[] };
    const plan = await original({ sql: `explain query plan ${sql}`, args: args as never });
    console.log(`\nEXPLAIN QUERY PLAN — ${s.name}:`);
    if (process.env.BENCH_SQL) console.log(sql, args);
    for (const r of plan.rows) console.log(`  ${r.detail as string}`);
  }
}

/** Which parts run: `BENCH_PART=work-orders` or `ratings` (both by default). */
const PART = process.env.BENCH_PART ?? "all";
const RATINGS_SMALL = 10_000;
const RATINGS_LARGE = Number(process.env.BENCH_RATINGS ?? 1_000_000);

/** 评价记录 (issue 26): /admin/ratings's list at 10 000 and 1 000 000 ratings (scripts/bench/ratings-desk.ts). */
async function ratingsPart(): Promise<boolean> {
  const dir = `${DIR}-ratings`;
  const { database, file } = await freshDatabase(dir);
  const key = randomBytes(32).toString("base64");
  const { applicantId } = await completedCase(depsOf(database, key, systemClock));
  const all = await places(database);
  const scopeOfLogin = async (login: string) => {
    const [a] = await database.db.select().from(accounts).where(eq(accounts.login, login));
    return scopeOf(database.db, { role: a!.role, orgId: a!.orgId });
  };
  const scopes = {
    bureau: await scopeOfLogin("bureau"),
    taicheng: await scopeOfLogin("admin-440781101"),
    dajiang: await scopeOfLogin("admin-440781102"),
  };
  await database.client.execute("pragma wal_checkpoint(truncate)");
  database.close();
  return benchRatings({
    smallFile: file,
    largeFile: `${dir}/large.db`,
    key,
    depsOf: (d) => depsOf(d, key, systemClock),
    applicantId,
    places: all,
    scopes,
    staffTaicheng: "TS1101",
    small: RATINGS_SMALL,
    large: RATINGS_LARGE,
    runs: RUNS,
    warmup: WARMUP,
    target: TARGET,
  });
}

async function main(): Promise<void> {
  let ok = true;
  if (PART !== "ratings") ok = (await workOrdersPart()) && ok;
  if (PART !== "work-orders") ok = (await ratingsPart()) && ok;
  console.log(ok ? `\nall ratios ≤ ${TARGET}×` : `\nTARGET MISSED (ratio > ${TARGET}×)`);
  process.exit(ok ? 0 : 1);
}

async function workOrdersPart(): Promise<boolean> {
  const { database: smallDb, file } = await freshDatabase(DIR);
  const key = randomBytes(32).toString("base64");
  const now = Date.now();
  const { applicantId } = await completedCase(depsOf(smallDb, key, systemClock));
  const all = await places(smallDb);
  await seed(smallDb, applicantId, all, 0, SMALL, now);
  await smallDb.client.execute("pragma wal_checkpoint(truncate)");
  smallDb.close();
  copyFileSync(file, `${DIR}/large.db`);
  const small = depsOf(await openDatabase(`file:${file}`), key, systemClock);
  const large = depsOf(await openDatabase(`file:${DIR}/large.db`), key, systemClock);
  let t0 = Date.now();
  await seed(large.database, applicantId, all, SMALL, LARGE, now);
  console.log(
    `seeded ${SMALL} and, in a copy, ${LARGE} work orders (with their cases and ratings) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  const account = async (login: string) => {
    const [a] = await small.database.db.select().from(accounts).where(eq(accounts.login, login));
    return scopeOf(small.database.db, { role: a!.role, orgId: a!.orgId });
  };
  const bureau = await account("bureau");
  const dajiang = await account("admin-440781102");
  const taicheng = await account("admin-440781101");
  const city = await account("admin-440781");
  const cases: Case[] = [
    {
      name: `first page, 台城街道 admin (${taicheng.orgIds?.length} orgs)`,
      scope: taicheng,
      query: {},
    },
    { name: `first page, 台山市 admin (${city.orgIds?.length} orgs)`, scope: city, query: {} },
    { name: "first page, bureau", scope: bureau, query: {} },
    { name: "first page, 大江镇 admin", scope: dajiang, query: {} },
    { name: "page 2 via cursor, bureau", scope: bureau, query: {}, page: 2 },
    { name: "page 2 via cursor, 大江镇 admin", scope: dajiang, query: { limit: 10 }, page: 2 },
    { name: "status=closed, bureau", scope: bureau, query: { status: "closed" } },
    { name: "status=closed, 大江镇 admin", scope: dajiang, query: { status: "closed" } },
    { name: "status=open, 大江镇 admin", scope: dajiang, query: { status: "open" } },
    { name: "status=overdue, bureau", scope: bureau, query: { status: "overdue" } },
  ];

  t0 = Date.now();
  console.log(
    `\n| listWorkOrders (50 a page unless said) | ${SMALL} orders: median (p95) ms | ${LARGE} orders: median (p95) ms | ratio of medians | median of paired ratios (judged) | rows on the page |\n|---|---:|---:|---:|---:|---:|`,
  );
  let ok = true;
  for (const c of cases) {
    // the bulk load left garbage behind: collect it now rather than in the middle of a timed call
    (globalThis as { gc?: () => void }).gc?.();
    const [s, l, ratio] = await measure(small, large, c);
    if (ratio > TARGET) ok = false;
    console.log(
      `| ${c.name}${c.query.limit ? ` (${c.query.limit} a page)` : ""} | ${s.median.toFixed(2)} (${s.p95.toFixed(2)}) | ${l.median.toFixed(2)} (${l.p95.toFixed(2)}) | ${(l.median / s.median).toFixed(2)}× | ${ratio.toFixed(2)}×${ratio > TARGET ? " MISSED" : ""} | ${s.rows} / ${l.rows} |`,
    );
  }
  console.log(
    `\nmeasured in ${((Date.now() - t0) / 1000).toFixed(1)} s (${RUNS} runs of each size, alternating, after ${WARMUP} warm-up runs)`,
  );
  await plans(large.database, large, [
    { name: "bureau, first page", scope: bureau, query: {} },
    { name: "大江镇 admin, first page", scope: dajiang, query: {} },
    { name: "bureau, status=closed", scope: bureau, query: { status: "closed" } },
    { name: "大江镇 admin, status=open", scope: dajiang, query: { status: "open" } },
    { name: "bureau, page 2 via cursor", scope: bureau, query: {}, page: 2 },
    { name: "台城街道 admin, first page", scope: taicheng, query: {} },
  ]);
  small.database.close();
  large.database.close();
  return ok;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * npm run bench:stats — article 23 at provincial scale (Guangdong rated ≈ 13.9 M in one month of
 * 2023). Loads 1 M and then 10 M ratings with their rollups into a scratch database (.tmp) through
 * a bulk path (batched multi-row INSERTs, not HTTP), then times the dashboard's queries — a month by
 * org, a year by org, a month by staff — through the real stats service at both sizes, and the same
 * figures by a plain GROUP BY over the ratings at 10 M (the baseline, measured in the same run).
 *
 * History accumulates at a constant 2 500 ratings a day, newest first: the first 1 M are the last
 * 400 days, the next 9 M the 3 600 days before them (≈ 11 years in all), so both sizes answer the
 * same periods and the 10 M ÷ 1 M ratio shows what years of history cost a page view.
 *
 * The ratings are narrow here: `bench_ratings` keeps only what the figures need (time, org, item,
 * window, staff, channel, source as small integers, the rating's level and its service level),
 * not the chained row (ids, hashes, scores JSON, ≈ 400 bytes). That makes the plain GROUP BY
 * cheaper than over the real table, so plain ÷ rollup is understated, never flattered. The rollup
 * tables are the real ones (migrations 0013 and 0015, real ULID keys) and are filled with the same rules
 * (server/stats/rollup.rules.ts) the writer uses. Like the real table, the narrow one has an
 * index on created_at for the plain query.
 */
import { existsSync, rmSync, statSync } from "node:fs";

import { type Client, createClient, type InStatement } from "@libsql/client";
import { ulid } from "ulidx";

import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { LEVEL_SCORE, LEVELS } from "@/server/ratings/vocabulary";
import { dateDay, dayDate, monthOfDay } from "@/server/stats/rollup.rules";
import type { TStatsQuery } from "@/server/stats/stats.schema";
import { ALL, queryStats } from "@/server/stats/stats.service";
import { DAY } from "@/server/time/shanghai";

const DIR = ".tmp/bench-stats";
const FILE = `${DIR}/stats-${process.pid}.db`;
const PER_DAY = 2_500;
const END = "2026-11-30";
const endDay = dateDay(END);
const STAGE1 = 1_000_000;
const TOTAL = Number(process.env.BENCH_STATS_TOTAL ?? 10_000_000);

// a seeded generator: the same data every run
let seed = 0x2023_1390;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// the catalogue: 20 orgs, 2 windows and 3 items each, 5 staff per org (a window's staff)
const ORGS = Array.from({ length: 20 }, (_, i) => ({
  id: ulid(),
  code: `4407811${String(i).padStart(2, "0")}`,
  name: `测试单位${i + 1}`,
}));
const WINDOWS = ORGS.flatMap((o, i) =>
  [0, 1].map((w) => ({ id: ulid(), code: `BW${i}-${w}`, name: `窗口${i}-${w}`, org: i })),
);
const ITEMS = ORGS.flatMap((o, i) =>
  [0, 1, 2].map((t) => ({ id: ulid(), code: `BI${i}-${t}`, name: `事项${i}-${t}`, org: i })),
);
const STAFF = WINDOWS.flatMap((w, wi) =>
  (wi % 2 ? [0, 1] : [0, 1, 2]).map((s) => ({
    id: ulid(),
    no: `BS${wi}-${s}`,
    name: `人员${wi}-${s}`,
    window: wi,
    org: w.org,
  })),
);
const CHANNELS = ["qr", "window_device", "terminal", "system"] as const;
const SOURCES = ["rater", "default"] as const;

/** A rater's level: about as skewed as the published figures (REFERENCE.md). */
function raterLevel(): number {
  const x = rand();
  return x < 0.9 ? 0 : x < 0.95 ? 1 : x < 0.975 ? 2 : x < 0.99 ? 3 : 4;
}

interface Gen {
  at: number;
  org: number;
  item: number;
  window: number;
  staff: number;
  channel: number;
  source: number;
  level: number;
  svc: number | null;
}

/** One rating of a day: 55 % defaults (article 17); receipt stages rate service only. */
function rating(day: number): Gen {
  const s = pick(STAFF);
  const org = s.org;
  const item = org * 3 + Math.floor(rand() * 3);
  const at = day * DAY - 8 * 3600_000 + Math.floor(rand() * DAY);
  if (rand() < 0.55) {
    const receipt = rand() < 0.4;
    return {
      at,
      org,
      item,
      window: s.window,
      staff: STAFF.indexOf(s),
      channel: 3,
      source: 1,
      level: 0,
      svc: receipt ? 0 : null,
    };
  }
  const channel = rand() < 0.5 ? 0 : rand() < 0.7 ? 1 : 2;
  const kind = channel === 2 ? 2 : rand() < 0.3 ? 0 : rand() < 0.7 ? 1 : 2; // 0 receipt, 1 with service, 2 overall only
  const svc = kind === 2 ? null : raterLevel();
  const overall = kind === 0 ? null : raterLevel();
  const level = overall === null ? svc! : overall;
  return {
    at,
    org,
    item,
    window: s.window,
    staff: STAFF.indexOf(s),
    channel,
    source: 0,
    level,
    svc,
  };
}

const LEVEL_SCORES = LEVELS.map((l) => LEVEL_SCORE[l]);

type Cell = { n: number; s: number };
type Maps = Record<
  "daily" | "org" | "staff" | "monthly" | "monthlyOrg" | "monthlyStaff",
  Map<string, Cell>
>;
const maps = (): Maps => ({
  daily: new Map(),
  org: new Map(),
  staff: new Map(),
  monthly: new Map(),
  monthlyOrg: new Map(),
  monthlyStaff: new Map(),
});
/** The rollup cells of a block of days, as the writer would have left them. */
// keys of small integers while counting (ids are put in at the flush): cheap strings for 10 M ratings
function addCells(c: Maps, r: Gen, day: number, month: number): void {
  const add = (m: Map<string, Cell>, k: string, level: number) => {
    const c = m.get(k) ?? m.set(k, { n: 0, s: 0 }).get(k)!;
    c.n += 1;
    c.s += LEVEL_SCORES[level]!;
  };
  for (const [when, fine, org, staff] of [
    [day, c.daily, c.org, c.staff],
    [month, c.monthly, c.monthlyOrg, c.monthlyStaff],
  ] as const) {
    const dims = `${when},${r.org},${r.item},${r.window},${r.staff},${r.channel},${r.source}`;
    add(fine, `0,${dims},${r.level}`, r.level);
    if (r.svc !== null) add(fine, `1,${dims},${r.svc}`, r.svc);
    add(org, `${when},${r.org},${r.channel},${r.source},${r.level}`, r.level);
    if (r.svc !== null)
      add(staff, `${when},${r.org},${r.window},${r.staff},${r.source},${r.svc}`, r.svc);
  }
}

function inserts(
  table: string,
  columns: string[],
  rows: unknown[][],
  chunk = 400,
  upsert = false,
): InStatement[] {
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const one = `(${columns.map(() => "?").join(",")})`;
    // a month's cells meet again in the next block of days: add to them
    const tail = upsert
      ? " on conflict do update set n = n + excluded.n, score_sum = score_sum + excluded.score_sum"
      : "";
    out.push({
      sql: `insert into ${table} (${columns.join(",")}) values ${part.map(() => one).join(",")}${tail}`,
      args: part.flat() as never[],
    });
  }
  return out;
}

const FINE = ["part", "org_id", "item_id", "window_id", "staff_key", "channel", "source", "level"];
const COARSE = ["org_id", "channel", "source", "level"];
const STAFF_COLUMNS = ["org_id", "window_id", "staff_key", "source", "level"];
/** Key strings back to rows: the time column (day or month) is a number, the rest text. */
const PARTS = ["whole", "service"];
const fineCells = (m: Map<string, Cell>) =>
  [...m].map(([k, c]) => {
    const [p, when, o, i, w, st, ch, src, l] = k.split(",").map<number>(Number);
    return [
      PARTS[p!],
      when,
      ORGS[o!]!.id,
      ITEMS[i!]!.id,
      WINDOWS[w!]!.id,
      STAFF[st!]!.id,
      CHANNELS[ch!],
      SOURCES[src!],
      LEVELS[l!],
      c.n,
      c.s,
    ];
  });
const coarseCells = (m: Map<string, Cell>) =>
  [...m].map(([k, c]) => {
    const [when, o, ch, src, l] = k.split(",").map<number>(Number);
    return [when, ORGS[o!]!.id, CHANNELS[ch!], SOURCES[src!], LEVELS[l!], c.n, c.s];
  });

const staffCells = (m: Map<string, Cell>) =>
  [...m].map(([k, c]) => {
    const [when, o, w, st, src, l] = k.split(",").map<number>(Number);
    return [
      "service",
      when,
      ORGS[o!]!.id,
      WINDOWS[w!]!.id,
      STAFF[st!]!.id,
      SOURCES[src!],
      LEVELS[l!],
      c.n,
      c.s,
    ];
  });

async function flush(client: Client, ratings: Gen[], c: Maps): Promise<void> {
  const fine = (when: string) => [FINE[0]!, when, ...FINE.slice(1), "n", "score_sum"];
  const coarse = (when: string) => [when, ...COARSE, "n", "score_sum"];
  const narrow = (when: string) => ["part", when, ...STAFF_COLUMNS, "n", "score_sum"];
  const stmts = [
    ...inserts(
      "bench_ratings",
      ["created_at", "org", "item", "win", "staff", "channel", "source", "level", "svc_level"],
      ratings.map((r) => [
        r.at,
        r.org,
        r.item,
        r.window,
        r.staff,
        r.channel,
        r.source,
        r.level,
        r.svc,
      ]),
    ),
    ...inserts("stats_daily", fine("day"), fineCells(c.daily)),
    ...inserts("stats_daily_org", coarse("day"), coarseCells(c.org)),
    ...inserts("stats_monthly", fine("month"), fineCells(c.monthly), 400, true),
    ...inserts("stats_monthly_org", coarse("month"), coarseCells(c.monthlyOrg), 400, true),
    ...inserts("stats_daily_staff", narrow("day"), staffCells(c.staff)),
    ...inserts("stats_monthly_staff", narrow("month"), staffCells(c.monthlyStaff), 400, true),
  ];
  await client.batch(stmts, "write");
}

/** Loads `count` ratings, a day at a time going back from `fromDay`, flushing every 20 days. */
async function load(client: Client, count: number, fromDay: number): Promise<number> {
  let day = fromDay;
  let left = count;
  while (left > 0) {
    const ratings: Gen[] = [];
    const c = maps();
    for (let d = 0; d < 20 && left > 0; d++, day--) {
      const n = Math.min(PER_DAY, left);
      const month = monthOfDay(day);
      for (let i = 0; i < n; i++) {
        const r = rating(day);
        ratings.push(r);
        addCells(c, r, day, month);
      }
      left -= n;
    }
    await flush(client, ratings, c);
  }
  return day;
}

const QUERIES: { name: string; q: TStatsQuery }[] = [
  { name: "a month by org", q: { from: `${END.slice(0, 8)}01`, to: END, groupBy: "org" } },
  { name: "a year by org", q: { from: dayDate(endDay - 364), to: END, groupBy: "org" } },
  { name: "a month by staff", q: { from: `${END.slice(0, 8)}01`, to: END, groupBy: "staff" } },
];

/**
 * Best of `runs` after a warm-up: the machine is shared (load averages of 15+ on 2 cores were
 * seen), so the fastest run is the query's own cost and the median is printed beside it.
 */
async function timeIt<T>(
  fn: () => Promise<T>,
  runs = 9,
): Promise<{ ms: number; median: number; value: T }> {
  let value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[0]!, median: times[Math.floor(times.length / 2)]!, value };
}

/** The same figures by a plain GROUP BY over the ratings (no rollup): ratings and score sum per group. */
async function plain(
  client: Client,
  q: TStatsQuery,
): Promise<Map<string, { n: number; s: number }>> {
  const from = Date.parse(`${q.from}T00:00:00+08:00`);
  const to = Date.parse(`${q.to}T00:00:00+08:00`) + DAY;
  const score = `case ${"{}"} end`.replace(
    "{}",
    LEVEL_SCORES.map((s, i) => `when ${i} then ${s}`).join(" "),
  );
  const staff = q.groupBy === "staff";
  const lv = staff ? "svc_level" : "level";
  const rs = await client.execute({
    sql: `select ${staff ? "staff" : "org"} as g, source, ${lv} as lv, count(*) as n, sum(${score.replace("case", `case ${lv}`)}) as s
          from bench_ratings where created_at >= ? and created_at < ? ${staff ? "and svc_level is not null" : ""} group by g, source, lv`,
    args: [from, to],
  });
  const out = new Map<string, { n: number; s: number }>();
  for (const row of rs.rows) {
    const key = staff ? STAFF[Number(row.g)]!.no : ORGS[Number(row.g)]!.code;
    const c = out.get(key) ?? out.set(key, { n: 0, s: 0 }).get(key)!;
    c.n += Number(row.n);
    c.s += Number(row.s);
  }
  return out;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const dbSize = () =>
  ["", "-wal"].reduce(
    (sum, ext) => sum + (existsSync(FILE + ext) ? statSync(FILE + ext).size : 0),
    0,
  );

async function measure(label: string): Promise<number[]> {
  const database = await openDatabase(`file:${FILE}`);
  const out: number[] = [];
  for (const { name, q } of QUERIES) {
    const { ms, median, value } = await timeIt(() =>
      queryStats(database.db, Date.parse(`${END}T23:00:00+08:00`), ALL, q),
    );
    out.push(ms);
    console.log(
      `  ${label}  rollup  ${name.padEnd(18)} ${ms.toFixed(1).padStart(8)} ms (median ${median.toFixed(1)})   ${value.rows.length} rows, ${value.totals.ratings} ratings`,
    );
  }
  database.close();
  return out;
}

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  const fresh = await openDatabase(`file:${FILE}`);
  await migrateDatabase(fresh);
  fresh.close();
  const client = createClient({ url: `file:${FILE}` });
  await client.execute("PRAGMA synchronous=OFF");
  await client.execute("PRAGMA journal_mode=WAL");
  await client.execute(`create table bench_ratings (created_at integer not null, org integer not null, item integer not null, win integer not null,
    staff integer not null, channel integer not null, source integer not null, level integer not null, svc_level integer)`);
  const now = Date.now();
  await client.batch(
    [
      ...inserts(
        "orgs",
        ["id", "code", "name", "level", "kind", "parent_id", "created_at"],
        ORGS.map((o) => [o.id, o.code, o.name, "town", "government", null, now]),
      ),
      ...inserts(
        "windows",
        ["id", "code", "name", "org_id", "created_at"],
        WINDOWS.map((w) => [w.id, w.code, w.name, ORGS[w.org]!.id, now]),
      ),
      ...inserts(
        "items",
        ["id", "code", "name", "org_id", "needs_certificate", "created_at"],
        ITEMS.map((i) => [i.id, i.code, i.name, ORGS[i.org]!.id, 0, now]),
      ),
      ...inserts(
        "staff",
        ["id", "staff_no", "name", "org_id", "window_id", "created_at"],
        STAFF.map((s) => [s.id, s.no, s.name, ORGS[s.org]!.id, WINDOWS[s.window]!.id, now]),
      ),
    ],
    "write",
  );

  console.log(`bench:stats — ${PER_DAY} ratings a day, newest first; scratch database ${FILE}`);
  let t = performance.now();
  const nextDay = await load(client, STAGE1, endDay);
  console.log(
    `loaded ${STAGE1.toLocaleString("en")} ratings + rollups in ${((performance.now() - t) / 1000).toFixed(1)} s; database ${mb(dbSize())}`,
  );
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const at1 = await measure("1 M ");
  t = performance.now();
  await load(client, TOTAL - STAGE1, nextDay);
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const counted = await client.execute(
    `select (select count(*) from stats_daily) as d, (select count(*) from stats_daily_org) as o, (select count(*) from stats_daily_staff) as s,
      (select count(*) from stats_monthly) as m, (select count(*) from stats_monthly_org) as mo, (select count(*) from stats_monthly_staff) as ms`,
  );
  const cellCounts = counted.rows[0]!;
  console.log(
    `loaded ${(TOTAL - STAGE1).toLocaleString("en")} more (${TOTAL.toLocaleString("en")} in all, ${dayDate(nextDay - (TOTAL - STAGE1) / PER_DAY + 1)} … ${END}) in ${((performance.now() - t) / 1000).toFixed(1)} s;` +
      ` database ${mb(dbSize())}; rollup cells: daily ${Number(cellCounts.d)} + ${Number(cellCounts.o)} + ${Number(cellCounts.s)},` +
      ` monthly ${Number(cellCounts.m)} + ${Number(cellCounts.mo)} + ${Number(cellCounts.ms)}`,
  );
  const at10 = await measure("10 M");

  // the real ratings table has an index on created_at (migration 0009): the plain query gets one too
  t = performance.now();
  await client.execute("create index bench_ratings_created on bench_ratings (created_at)");
  console.log(
    `\n  plain GROUP BY over the 10 M ratings, by their created_at index (built in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  const database = await openDatabase(`file:${FILE}`);
  let worstFlat = 0;
  let worstSpeedup = Infinity;
  for (const [i, { name, q }] of QUERIES.entries()) {
    const p = await timeIt(() => plain(client, q), 3);
    const r = await queryStats(database.db, Date.parse(`${END}T23:00:00+08:00`), ALL, q);
    const same =
      r.rows.every(
        (row) =>
          p.value.get(row.key)?.n === row.ratings &&
          Math.round(((p.value.get(row.key)?.s ?? 0) / row.ratings) * 100) / 100 === row.average,
      ) && r.rows.length === p.value.size;
    const flat = at10[i]! / at1[i]!;
    const speedup = p.ms / at10[i]!;
    worstFlat = Math.max(worstFlat, flat);
    worstSpeedup = Math.min(worstSpeedup, speedup);
    console.log(
      `  10 M  plain   ${name.padEnd(18)} ${p.ms.toFixed(1).padStart(8)} ms (median ${p.median.toFixed(1)})   figures equal to the rollup's: ${same ? "yes" : "NO"}`,
    );
    console.log(
      `        ratio 10 M ÷ 1 M (rollup) ${flat.toFixed(2)} (target ≤ 1.5)   plain ÷ rollup at 10 M ${speedup.toFixed(0)} (target ≥ 50)`,
    );
  }
  database.close();
  client.close();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`\ndatabase ${mb(dbSize())} (${FILE}); peak memory (max RSS) ${mb(peak)}`);
  console.log(
    `verdict: flat ${worstFlat <= 1.5 ? "PASS" : "FAIL"} (worst ${worstFlat.toFixed(2)}), rollup vs plain ${worstSpeedup >= 50 ? "PASS" : "FAIL"} (worst ${worstSpeedup.toFixed(0)}×)`,
  );
  if (!process.env.BENCH_STATS_KEEP) rmSync(DIR, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

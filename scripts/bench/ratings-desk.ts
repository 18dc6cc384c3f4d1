/**
 * bench:admin's 评价记录 part (issue 26): `listRatings` (the service /admin/ratings and
 * `ratingDesk.list` call) at 10 000 and then 1 000 000 ratings, each with its case, bulk-inserted
 * into scratch copies of the demo database (hashes are placeholders: the chain is not measured;
 * each rating's rating_orgs row is written by the trigger of migration 0023, as in the app).
 * Timed: the first page for the bureau and two town admins, page 2 through the cursor, and the
 * filtered page of issue 26 (one staff member, one 总体评价 level, one month); each the median of
 * many runs, both sizes in alternation, judged on the median of paired ratios (target ≤ 1.5×).
 * Prints the plans: each must name an index.
 */
import { copyFileSync } from "node:fs";

import type { Database } from "@/db/client";
import { openDatabase } from "@/db/client";
import type { Scope } from "@/server/access/scope";
import type { Deps } from "@/server/deps";
import { type TRatingQuery, ZRatingQuery } from "@/server/ratingdesk/ratingdesk.schema";
import { listRatings } from "@/server/ratingdesk/ratingdesk.service";
import { isBad } from "@/server/ratings/vocabulary";
import { shanghaiDate } from "@/server/time/shanghai";

const LEVELS = ["very_satisfied", "satisfied", "basic", "unsatisfied", "very_unsatisfied"] as const;
/** A well-mixed hash of i (murmur3's finaliser): place, day and level independent of each other, as in life. */
function mix(i: number): number {
  let h = Math.imul(i ^ (i >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** a plausible spread: most ratings good, a few 差评 */
const levelOf = (i: number) => {
  const x = mix(i * 3 + 1) % 100;
  return LEVELS[x < 55 ? 0 : x < 85 ? 1 : x < 95 ? 2 : x < 98 ? 3 : 4];
};

export interface RatingPlace {
  windowId: string;
  orgId: string;
  itemId: string;
  staffId: string | null;
}

/** One bulk-loaded case and its completion rating, as the columns `rowStatements` inserts. */
export interface BulkRating {
  /** the ids are c-<id> (case), r-<id> (rating), s-<id> (submission) */
  id: string;
  serialNo: string;
  seq: number;
  place: RatingPlace;
  applicantId: string;
  created: number;
  overall: string;
  bad: boolean;
  scores: string;
  source: "rater" | "default";
}

export function pushRows(caseRows: unknown[], ratingRows: unknown[], r: BulkRating): void {
  const p = r.place;
  caseRows.push(
    `c-${r.id}`,
    r.serialNo,
    p.itemId,
    p.orgId,
    "window",
    0,
    p.windowId,
    p.staffId,
    r.applicantId,
    "completed",
    "approved",
    r.created,
    r.created,
    r.created,
  );
  ratingRows.push(
    `r-${r.id}`,
    r.seq,
    `s-${r.id}`,
    `c-${r.id}`,
    "completion",
    r.applicantId,
    r.source,
    r.source === "default" ? "system" : "qr",
    "otp",
    1,
    r.overall,
    r.bad ? 1 : 0,
    r.scores,
    p.staffId,
    p.windowId,
    r.created,
    "0".repeat(64),
    "0".repeat(64),
  );
}

/** `(?,?,…),(?,?,…)` for a multi-row insert of rows `width` columns wide. */
export const values = (rows: unknown[], width: number) =>
  Array.from({ length: rows.length / width }, () => `(${Array(width).fill("?").join(",")})`).join(
    ",",
  );

/** The multi-row inserts of the rows `pushRows` collected (and any more statements of the same batch). */
export function rowStatements(
  caseRows: unknown[],
  ratingRows: unknown[],
): { sql: string; args: never }[] {
  return [
    {
      sql: `insert into cases (id, serial_no, item_id, org_id, channel, needs_certificate, window_id, staff_id, applicant_id, status, decision, completed_at, created_at, updated_at) values ${values(caseRows, 14)}`,
      args: caseRows as never,
    },
    {
      sql: `insert into ratings (id, seq, submission_id, case_id, stage, applicant_id, source, channel, proof, catalog_version, overall_level, bad, scores, staff_id, window_id, created_at, prev_hash, hash) values ${values(ratingRows, 18)}`,
      args: ratingRows as never,
    },
  ];
}

/** Appends ratings n0..n1-1 (with their cases) over the last three years, 60 / 20 / 20 % at the three places. */
export async function seedRatings(
  database: Database,
  applicantId: string,
  places: RatingPlace[],
  n0: number,
  n1: number,
  now: number,
): Promise<void> {
  const head = await database.client.execute("select coalesce(max(seq), 0) as seq from ratings");
  let seq = Number(head.rows[0]!.seq);
  const CHUNK = 400;
  for (let start = n0; start < n1; start += CHUNK) {
    const end = Math.min(n1, start + CHUNK);
    const caseRows: unknown[] = [];
    const ratingRows: unknown[] = [];
    for (let i = start; i < end; i++) {
      const x = mix(i * 3) % 100;
      const p = x < 60 ? places[0]! : x < 80 ? places[1]! : places[2]!;
      const created = now - (mix(i * 3 + 2) % (3 * 365 * 86400)) * 1000;
      const overall = levelOf(i);
      const service = levelOf(i + 1_000_000_007);
      const scores = JSON.stringify([
        { indicatorCode: "overall", level: overall, tagCodes: [] },
        { indicatorCode: "svc.attitude", level: service, tagCodes: [] },
      ]);
      seq += 1;
      const source = i % 20 === 3 ? "default" : "rater";
      const bad = [overall, service].some(isBad);
      pushRows(caseRows, ratingRows, {
        id: `r${i}`,
        serialNo: `RB${String(i).padStart(9, "0")}`,
        seq,
        place: p,
        applicantId,
        created,
        overall,
        bad,
        scores,
        source,
      });
    }
    await database.client.batch(rowStatements(caseRows, ratingRows), "write");
  }
  await database.client.execute("analyze");
  await database.client.execute("pragma wal_checkpoint(truncate)");
}

export interface RatingCase {
  name: string;
  scope: Scope;
  query: Partial<Record<keyof TRatingQuery, string>>;
  page?: number;
  /** false: shown for information, not held to the target (a rare filter's page walks back as far as its rows are rare) */
  judged?: boolean;
}

/** The query of a case (following the cursor to its page first) and how many rows that page has. */
async function prepared(deps: Deps, c: RatingCase): Promise<{ q: TRatingQuery; rows: number }> {
  let raw: Record<string, string> = { ...c.query };
  for (let p = 1; p < (c.page ?? 1); p++) {
    const page = await listRatings({ deps, scope: c.scope }, ZRatingQuery.parse(raw));
    if (!page.next) break;
    raw = { ...raw, after: page.next };
  }
  const q = ZRatingQuery.parse(raw);
  return { q, rows: (await listRatings({ deps, scope: c.scope }, q)).rows.length };
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! };
};

/** Both sizes timed in alternation after a warm-up; a page the small table cannot fill is compared with a page of as many rows. */
async function measure(small: Deps, large: Deps, c: RatingCase, runs: number, warmup: number) {
  const s = await prepared(small, c);
  const l = await prepared(
    large,
    s.rows < s.q.limit ? { ...c, query: { ...c.query, limit: String(Math.max(1, s.rows)) } } : c,
  );
  for (let i = 0; i < warmup; i++) {
    await listRatings({ deps: small, scope: c.scope }, s.q);
    await listRatings({ deps: large, scope: c.scope }, l.q);
  }
  const ms: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    const order: [0 | 1, Deps, TRatingQuery][] =
      i % 2
        ? [
            [0, small, s.q],
            [1, large, l.q],
          ]
        : [
            [1, large, l.q],
            [0, small, s.q],
          ];
    for (const [k, deps, q] of order) {
      const t = process.hrtime.bigint();
      await listRatings({ deps, scope: c.scope }, q);
      ms[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const ratio = stats(ms[0].map((v, i) => ms[1][i]! / v)).median;
  return {
    small: { ...stats(ms[0]), rows: s.rows },
    large: { ...stats(ms[1]), rows: l.rows },
    ratio,
  };
}

/** The list query's plan as SQLite runs it: the SQL Drizzle builds, captured from the client. */
async function plan(database: Database, deps: Deps, c: RatingCase): Promise<string[]> {
  const client = database.client;
  const original = client.execute.bind(client);
  const { q } = await prepared(deps, c);
  let captured: { sql: string; args: unknown[] } | null = null;
  client.execute = ((stmt: { sql: string; args: unknown[] }) => {
    if (typeof stmt === "object" && stmt.sql.includes('from "ratings"')) captured = stmt;
    return original(stmt as never);
  }) as typeof client.execute;
  try {
    await listRatings({ deps, scope: c.scope }, q);
  } finally {
    client.execute = original;
  }
  if (!captured) return ["(no statement captured)"];
  const { sql, args } = captured as { sql: string; args: unknown[] };
  return (await original({ sql: `explain query plan ${sql}`, args: args as never })).rows.map(
    (r) => r.detail as string,
  );
}

/**
 * Runs the 评价记录 part: `small` is a seeded scratch database (its file `smallFile`), copied to
 * `largeFile` and grown to `large` ratings. Returns whether every ratio met the target.
 */
export async function benchRatings(o: {
  smallFile: string;
  largeFile: string;
  key: string;
  depsOf: (database: Database) => Deps;
  applicantId: string;
  places: RatingPlace[];
  scopes: { bureau: Scope; taicheng: Scope; dajiang: Scope };
  staffTaicheng: string;
  small: number;
  large: number;
  runs: number;
  warmup: number;
  target: number;
}): Promise<boolean> {
  const now = Date.now();
  let t0 = Date.now();
  const smallDb = await openDatabase(`file:${o.smallFile}`);
  await seedRatings(smallDb, o.applicantId, o.places, 0, o.small, now);
  smallDb.close();
  copyFileSync(o.smallFile, o.largeFile);
  const small = o.depsOf(await openDatabase(`file:${o.smallFile}`));
  const large = o.depsOf(await openDatabase(`file:${o.largeFile}`));
  await seedRatings(large.database, o.applicantId, o.places, o.small, o.large, now);
  console.log(
    `\nseeded ${o.small} and, in a copy, ${o.large} ratings (with their cases) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  // the month before this one: a whole month of one staff member's ratings
  const lastMonth = new Date(now);
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  const from = shanghaiDate(lastMonth.getTime()).slice(0, 8) + "01";
  const endOfMonth = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 0));
  const to = endOfMonth.toISOString().slice(0, 10);
  const filtered = { staff: o.staffTaicheng, level: "satisfied", from, to };
  const cases: RatingCase[] = [
    { name: "first page, bureau", scope: o.scopes.bureau, query: {} },
    { name: "first page, 台城街道 admin", scope: o.scopes.taicheng, query: {} },
    { name: "first page, 大江镇 admin", scope: o.scopes.dajiang, query: {} },
    { name: "page 2 via cursor, bureau", scope: o.scopes.bureau, query: {}, page: 2 },
    {
      name: `staff ${o.staffTaicheng} + 满意 + ${from.slice(0, 7)}, bureau`,
      scope: o.scopes.bureau,
      query: filtered,
    },
    {
      name: `staff ${o.staffTaicheng} + 满意 + ${from.slice(0, 7)}, 台城街道 admin`,
      scope: o.scopes.taicheng,
      query: filtered,
    },
    {
      name: "服务评价 非常不满意 (≈ 2 % of ratings), bureau — not judged",
      scope: o.scopes.bureau,
      query: { service: "very_unsatisfied" },
      judged: false,
    },
  ];
  t0 = Date.now();
  console.log(
    `\n| listRatings (50 a page unless said) | ${o.small} ratings: median (p95) ms | ${o.large} ratings: median (p95) ms | ratio of medians | median of paired ratios (judged) | rows on the page |\n|---|---:|---:|---:|---:|---:|`,
  );
  let ok = true;
  for (const c of cases) {
    (globalThis as { gc?: () => void }).gc?.();
    const { small: s, large: l, ratio } = await measure(small, large, c, o.runs, o.warmup);
    const missed = c.judged !== false && ratio > o.target;
    if (missed) ok = false;
    console.log(
      `| ${c.name} | ${s.median.toFixed(2)} (${s.p95.toFixed(2)}) | ${l.median.toFixed(2)} (${l.p95.toFixed(2)}) | ${(l.median / s.median).toFixed(2)}× | ${ratio.toFixed(2)}×${missed ? " MISSED" : ""} | ${s.rows} / ${l.rows} |`,
    );
  }
  console.log(
    `\nmeasured in ${((Date.now() - t0) / 1000).toFixed(1)} s (${o.runs} runs of each size, alternating, after ${o.warmup} warm-up runs)`,
  );
  for (const c of [cases[0]!, cases[1]!, cases[2]!, cases[4]!, cases[5]!, cases[6]!]) {
    console.log(`\nEXPLAIN QUERY PLAN — ${c.name} (${o.large} ratings):`);
    for (const line of await plan(large.database, large, c)) console.log(`  ${line}`);
  }
  small.database.close();
  large.database.close();
  return ok;
}

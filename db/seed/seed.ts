import { hash } from "@node-rs/argon2";
import { and, count, eq } from "drizzle-orm";
import { ulid } from "ulidx";

import type { Database } from "../client";
import { hashApiKey } from "../keys";
import {
  accounts,
  calendarDays,
  catalogVersions,
  indicators,
  indicatorTags,
  integrationClients,
  items,
  orgs,
  staff,
  terminals,
  windows,
} from "../schema";
import type { Tx } from "../types";
import { ensureBackOfficeDemo } from "./back-office";
import { calendarRows } from "./calendar";
import { INDICATORS, TAGS } from "./catalogue-data";
import {
  fillCatalogueTranslations,
  indicatorTranslations,
  tagTranslations,
} from "./catalogue-i18n";
import * as demo from "./demo-data";
import { fillNameTranslations, nameTranslations } from "./names-i18n";

async function insertChunked<T extends Record<string, unknown>>(
  tx: Tx,
  table: Parameters<Tx["insert"]>[0],
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await tx.insert(table).values(rows.slice(i, i + 200));
}

/** The indicator catalogue, version 1, from the rules' tables. */
async function seedCatalogue(tx: Tx, now: number): Promise<void> {
  const versionId = ulid();
  await tx.insert(catalogVersions).values({
    id: versionId,
    version: 1,
    note: "台山市好差评实施细则（试行）评价指标",
    active: true,
    createdAt: now,
  });
  await tx.insert(indicators).values(
    INDICATORS.map((ind, sort) => ({
      id: ulid(),
      versionId,
      code: ind.code,
      grp: ind.grp,
      dimension: ind.dimension,
      name: ind.name,
      sort,
      ...indicatorTranslations(ind),
    })),
  );
  const tags = TAGS.map((tag) => ({ id: ulid(), versionId, ...tag, ...tagTranslations(tag) }));
  await insertChunked(tx, indicatorTags, tags);
}

async function seedOrgs(tx: Tx, now: number): Promise<void> {
  const cityId = ulid();
  const hallId = ulid();
  const org = (
    code: string,
    name: string,
    level: "city" | "town" | "village",
    kind: "government" | "department" | "hall",
    parentId: string | null,
    id = ulid(),
  ) => ({
    id,
    code,
    name,
    level,
    kind,
    parentId,
    createdAt: now,
    ...nameTranslations({ code, name }),
  });
  const townIds = new Map(demo.TOWNS.map((t) => [t.code, ulid()]));
  await tx
    .insert(orgs)
    .values([
      org(demo.CITY.code, demo.CITY.name, "city", "government", null, cityId),
      org(demo.CITY_HALL.code, demo.CITY_HALL.name, "city", "hall", cityId, hallId),
      ...demo.DEPARTMENTS.map((d) => org(d.code, d.name, "city", "department", cityId)),
      ...demo.TOWNS.map((t) =>
        org(t.code, t.name, "town", "government", cityId, townIds.get(t.code)),
      ),
      org(
        demo.TOWN_HALL.code,
        demo.TOWN_HALL.name,
        "town",
        "hall",
        townIds.get(demo.TOWN_HALL.parentCode) ?? null,
      ),
      org(
        demo.VILLAGE.code,
        demo.VILLAGE.name,
        "village",
        "government",
        townIds.get(demo.VILLAGE.parentCode) ?? null,
      ),
    ]);
  const windowIds = new Map(demo.WINDOWS.map((w) => [w.code, ulid()]));
  await tx.insert(windows).values(
    demo.WINDOWS.map((w) => ({
      id: windowIds.get(w.code)!,
      code: w.code,
      name: w.name,
      orgId: hallId,
      createdAt: now,
    })),
  );
  await tx.insert(staff).values(
    demo.STAFF.map((s) => ({
      id: ulid(),
      staffNo: s.staffNo,
      name: s.name,
      orgId: hallId,
      windowId: windowIds.get(s.windowCode) ?? null,
      createdAt: now,
    })),
  );
  await tx.insert(terminals).values(
    demo.TERMINALS.map((t) => ({
      id: ulid(),
      code: t.code,
      name: t.name,
      orgId: hallId,
      createdAt: now,
    })),
  );
  await tx.insert(items).values(
    demo.ITEMS.map((i) => ({
      id: ulid(),
      code: i.code,
      name: i.name,
      orgId: cityId,
      needsCertificate: i.needsCertificate,
      createdAt: now,
      ...nameTranslations(i),
    })),
  );
}

async function seedAccounts(tx: Tx, now: number, hashes: Map<string, string>): Promise<void> {
  const staffRows = await tx.select({ id: staff.id, staffNo: staff.staffNo }).from(staff);
  const [city] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, demo.CITY.code));
  await tx.insert(accounts).values(
    demo.ACCOUNTS.map((a) => ({
      id: ulid(),
      login: a.login,
      passwordHash: hashes.get(a.login) ?? "",
      role: a.role,
      displayName: a.displayName,
      staffId: "staffNo" in a ? (staffRows.find((s) => s.staffNo === a.staffNo)?.id ?? null) : null,
      orgId: "orgCode" in a ? (city?.id ?? null) : null,
      active: true,
      createdAt: now,
      passwordChangedAt: now,
    })),
  );
}

/**
 * Loads the demo into an empty database (one write; a second run finds orgs and does nothing),
 * fills the catalogue's and the names' translations a database seeded before them lacks, and
 * makes sure the demo API clients carry the configured keys. Returns whether it seeded.
 */
export async function seedDemo(
  database: Database,
  opts: {
    now: number;
    intakeKey: string;
    hotlineKey: string;
    statsKey: string;
    metricsKey?: string;
  },
): Promise<boolean> {
  const [existing] = await database.db.select({ n: count() }).from(orgs);
  // argon2 is slow on purpose: hash (only for an empty database) before taking the writer
  const hashes =
    (existing?.n ?? 0) > 0
      ? new Map<string, string>()
      : new Map(
          await Promise.all(
            demo.ACCOUNTS.map(async (a) => [a.login, await hash(a.password)] as const),
          ),
        );
  const seeded = await database.write(async (tx) => {
    const [row] = await tx.select({ n: count() }).from(orgs);
    if ((row?.n ?? 0) > 0) return false;
    await seedReferenceIn(tx, opts.now);
    await seedOrgs(tx, opts.now);
    await seedAccounts(tx, opts.now, hashes);
    return true;
  });
  await fillCatalogueTranslations(database);
  await fillNameTranslations(database);
  await ensureClient(database, "demo-intake", "cases", opts.intakeKey, opts.now);
  await ensureClient(database, "demo-hotline", "hotline", opts.hotlineKey, opts.now);
  await ensureClient(database, "demo-stats", "stats", opts.statsKey, opts.now);
  if (opts.metricsKey)
    await ensureClient(database, "demo-metrics", "metrics", opts.metricsKey, opts.now);
  await ensureBackOfficeDemo(database, opts.now);
  return seeded;
}

/** What every database needs, demo or not: the indicator catalogue and the working-day calendar. */
async function seedReferenceIn(tx: Tx, now: number): Promise<boolean> {
  const [catalogue] = await tx.select({ n: count() }).from(catalogVersions);
  if ((catalogue?.n ?? 0) > 0) return false;
  await seedCatalogue(tx, now);
  const [days] = await tx.select({ n: count() }).from(calendarDays);
  if ((days?.n ?? 0) === 0) await insertChunked(tx, calendarDays, calendarRows([2025, 2026, 2027]));
  return true;
}

/**
 * A deployment's database (HCP_DEMO=0): the catalogue and calendar, no demo org, account, client
 * or history; the first bureau account comes from `npm run account:create`. The clients whose keys
 * are set in the environment are made (never reset once the bureau rotated or revoked them).
 */
export async function seedDeployment(
  database: Database,
  opts: {
    now: number;
    intakeKey?: string;
    hotlineKey?: string;
    statsKey?: string;
    metricsKey?: string;
  },
): Promise<boolean> {
  const seeded = await database.write((tx) => seedReferenceIn(tx, opts.now));
  await fillCatalogueTranslations(database);
  if (opts.intakeKey) await ensureClient(database, "intake", "cases", opts.intakeKey, opts.now);
  if (opts.hotlineKey)
    await ensureClient(database, "hotline", "hotline", opts.hotlineKey, opts.now);
  if (opts.statsKey) await ensureClient(database, "stats", "stats", opts.statsKey, opts.now);
  if (opts.metricsKey)
    await ensureClient(database, "metrics", "metrics", opts.metricsKey, opts.now);
  return seeded;
}

/**
 * A client with the configured key: made if missing, its key set again if the setting changed —
 * unless the bureau rotated or revoked it (系统管理 → 接入系统), which a restart must never undo.
 */
async function ensureClient(
  database: Database,
  name: string,
  scope: "cases" | "hotline" | "stats" | "metrics",
  key: string,
  now: number,
): Promise<void> {
  const keyHash = hashApiKey(key);
  const [existing] = await database.db
    .select()
    .from(integrationClients)
    .where(eq(integrationClients.name, name));
  if (
    existing?.keyHash === keyHash ||
    existing?.rotatedAt ||
    existing?.revokedAt ||
    existing?.active === false
  )
    return;
  await database.write(async (tx) => {
    if (existing)
      await tx
        .update(integrationClients)
        .set({ keyHash })
        .where(eq(integrationClients.id, existing.id));
    else
      await tx
        .insert(integrationClients)
        .values({ id: ulid(), name, scope, keyHash, active: true, createdAt: now });
  });
}

/** Whether any active bureau account exists (a deployment's first start has none). */
export async function hasBureau(database: Database): Promise<boolean> {
  const [row] = await database.db
    .select({ n: count() })
    .from(accounts)
    .where(and(eq(accounts.role, "bureau"), eq(accounts.active, true)));
  return (row?.n ?? 0) > 0;
}

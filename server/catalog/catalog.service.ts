import "server-only";

import { asc, eq } from "drizzle-orm";

import { items, orgs, staff, terminals, windows } from "@/db/schema";
import type { Reader } from "@/db/types";

import { scopedTtlCache } from "../cache";
import { DomainError } from "../errors";
import { translatedCatalogue } from "./indicators.service";

export interface CodeRefs {
  itemCode: string;
  orgCode: string;
  windowCode?: string | undefined;
  staffNo?: string | undefined;
  terminalCode?: string | undefined;
}

export interface ResolvedRefs {
  itemId: string;
  orgId: string;
  windowId: string | null;
  staffId: string | null;
  terminalId: string | null;
}

const refCache = scopedTtlCache<string>(30_000);

type RefKind = keyof CodeRefs;
/** Where each code a business system sends finds its id, in ResolvedRefs' order. */
const BY_CODE: Record<RefKind, (db: Reader, code: string) => Promise<{ id: string }[]>> = {
  itemCode: (db, c) => db.select({ id: items.id }).from(items).where(eq(items.code, c)),
  orgCode: (db, c) => db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, c)),
  windowCode: (db, c) => db.select({ id: windows.id }).from(windows).where(eq(windows.code, c)),
  staffNo: (db, c) => db.select({ id: staff.id }).from(staff).where(eq(staff.staffNo, c)),
  terminalCode: (db, c) =>
    db.select({ id: terminals.id }).from(terminals).where(eq(terminals.code, c)),
};
const REF_KINDS = Object.keys(BY_CODE) as RefKind[];
const refKey = (what: RefKind, code: string) => `${what}\u0000${code}`;

function idOf(db: Reader, what: RefKind, code: string): Promise<string> {
  return refCache(db, refKey(what, code), async () => {
    const [row] = await BY_CODE[what](db, code);
    if (!row)
      throw new DomainError("invalid", `unknown ${what} ${JSON.stringify(code)}`, { field: what });
    return row.id;
  });
}

/** The ids in REF_KINDS' order; undefined without an item or an org. */
function resolved([itemId, orgId, windowId, staffId, terminalId]: (string | null)[]):
  ResolvedRefs | undefined {
  if (!itemId || !orgId) return undefined;
  return {
    itemId,
    orgId,
    windowId: windowId ?? null,
    staffId: staffId ?? null,
    terminalId: terminalId ?? null,
  };
}

/**
 * Turns the codes a business system sends into ids; an unknown code is the caller's error.
 * Every intake request repeats these lookups, so known codes are memoised for 30 s.
 */
export async function resolveRefs(db: Reader, refs: CodeRefs): Promise<ResolvedRefs> {
  const ids = await Promise.all(
    REF_KINDS.map((what) => {
      const code = refs[what];
      return code === undefined ? Promise.resolve(null) : idOf(db, what, code);
    }),
  );
  const found = resolved(ids);
  if (!found) throw new DomainError("invalid", "itemCode and orgCode are required");
  return found;
}

/**
 * The ids of codes this process looked up in the last 30 s, without a promise; undefined when
 * any code is not memoised (resolveRefs looks it up). A batch of 500 events resolves its codes
 * this way: the lookups' fifteen promises an event were ~5 µs of bulk intake's main thread.
 */
export function knownRefs(db: Reader, refs: CodeRefs): ResolvedRefs | undefined {
  const ids: (string | null)[] = [];
  for (const what of REF_KINDS) {
    const code = refs[what];
    const id = code === undefined ? null : refCache.peek(db, refKey(what, code));
    if (id === undefined) return undefined;
    ids.push(id);
  }
  return resolved(ids);
}

/**
 * The codes other systems need (SPEC §6 `GET /api/v1/catalog`), and the indicator catalogue with
 * its translations; staff, not raters: no rater PII.
 */
export async function listCatalog(db: Reader) {
  const [orgRows, windowRows, staffRows, terminalRows, itemRows, indicatorCatalogue] =
    await Promise.all([
      db.select().from(orgs).orderBy(asc(orgs.code)),
      db.select().from(windows).orderBy(asc(windows.code)),
      db.select().from(staff).orderBy(asc(staff.staffNo)),
      db.select().from(terminals).orderBy(asc(terminals.code)),
      db.select().from(items).orderBy(asc(items.code)),
      translatedCatalogue(db),
    ]);
  const orgCode = new Map(orgRows.map((o) => [o.id, o.code]));
  const windowCode = new Map(windowRows.map((w) => [w.id, w.code]));
  return {
    orgs: orgRows.map((o) => ({
      code: o.code,
      name: o.name,
      level: o.level,
      kind: o.kind,
      parentCode: o.parentId ? (orgCode.get(o.parentId) ?? null) : null,
    })),
    windows: windowRows.map((w) => ({
      code: w.code,
      name: w.name,
      orgCode: orgCode.get(w.orgId) ?? "",
    })),
    staff: staffRows.map((s) => ({
      staffNo: s.staffNo,
      name: s.name,
      orgCode: orgCode.get(s.orgId) ?? "",
      windowCode: s.windowId ? (windowCode.get(s.windowId) ?? null) : null,
    })),
    terminals: terminalRows.map((t) => ({
      code: t.code,
      name: t.name,
      orgCode: orgCode.get(t.orgId) ?? "",
    })),
    items: itemRows.map((i) => ({
      code: i.code,
      name: i.name,
      orgCode: orgCode.get(i.orgId) ?? "",
      needsCertificate: i.needsCertificate,
    })),
    indicatorCatalogue,
  };
}

/** Whether `orgId` is `ancestorId` or below it in the org tree (city → town → village, with halls and departments). */
export async function isWithinOrg(db: Reader, orgId: string, ancestorId: string): Promise<boolean> {
  let at: string | null = orgId;
  // the tree is three levels plus halls and departments; the bound guards against a cycle in bad data
  for (let depth = 0; at && depth < 8; depth++) {
    if (at === ancestorId) return true;
    const [row]: { parentId: string | null }[] = await db
      .select({ parentId: orgs.parentId })
      .from(orgs)
      .where(eq(orgs.id, at));
    at = row?.parentId ?? null;
  }
  return false;
}

/** A rating's window and staff member as the desks show them (either may be absent), read at once. */
export async function windowAndStaff(
  db: Reader,
  r: { windowId: string | null; staffId: string | null },
) {
  const [[win], [person]] = await Promise.all([
    r.windowId
      ? db
          .select({ code: windows.code, name: windows.name })
          .from(windows)
          .where(eq(windows.id, r.windowId))
      : [],
    r.staffId
      ? db
          .select({ staffNo: staff.staffNo, name: staff.name })
          .from(staff)
          .where(eq(staff.id, r.staffId))
      : [],
  ]);
  return { win, person };
}

import "server-only";

import { auditLog } from "@/db/schema";
import type { Tx } from "@/db/types";

import type { Deps } from "../deps";
import { newId } from "../ids";

/** Who acted: a signed-in account, or the system / an anonymous caller (a failed sign-in). */
export interface Actor {
  id: string;
  name: string;
}

export const SYSTEM: Actor = { id: "system", name: "系统" };

export interface AuditEntry {
  action: string;
  /** "kind:id", e.g. "work_order:01J…" */
  target?: string | null;
  orgId?: string | null;
  /** why, in the actor's words; sealed, since it may name a person */
  reason?: string | null;
  /** facts about the act that name no person */
  detail?: Record<string, unknown> | null;
}

/**
 * Writes one audit row (SPEC §9: who, when, what, why). Inside an open write when the act
 * itself writes, so the act and its record commit together; alone otherwise.
 */
export async function audit(deps: Deps, actor: Actor, entry: AuditEntry, tx?: Tx): Promise<void> {
  const now = deps.clock.now();
  const row = {
    id: newId(now),
    at: now,
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    target: entry.target ?? null,
    orgId: entry.orgId ?? null,
    reasonEnc: entry.reason ? deps.pii.encrypt(entry.reason) : null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
  if (tx) await tx.insert(auditLog).values(row);
  else await deps.database.write((w) => w.insert(auditLog).values(row));
}

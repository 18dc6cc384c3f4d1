import "server-only";

import type { Actor } from "../audit/audit.service";
import type { StaffSession } from "../auth/sessions.service";
import type { Deps } from "../deps";
import { type Scope, scopeOf } from "./scope";

/**
 * The one way a back-office service is called: `service(ctx, input)`, with the input already
 * parsed by the router's (or route handler's) zod schema. The procedure builds the context once,
 * so no service recomputes the scope or the actor. A service asks only for what it uses
 * (`Pick<AdminCtx, "deps" | "scope">`), so the procedure's whole context fits every one.
 */
export interface AdminCtx {
  deps: Deps;
  /** the signed-in org admin or the bureau: its role, its own account */
  staff: StaffSession;
  /** whom the audit records name */
  actor: Actor;
  /** the orgs the account may see (DESIGN §8) */
  scope: Scope;
}

export const actorOf = (s: Pick<StaffSession, "accountId" | "displayName">): Actor => ({
  id: s.accountId,
  name: s.displayName,
});

/** The context of adminProcedure, the admin route handlers and the tests: built in one place. */
export async function adminCtxOf(deps: Deps, staff: StaffSession): Promise<AdminCtx> {
  return { deps, staff, actor: actorOf(staff), scope: await scopeOf(deps.database.db, staff) };
}

/** A service that reads within the account's scope. */
export type ScopedCtx = Pick<AdminCtx, "deps" | "scope">;
/** A service that writes and audits under the account's name. */
export type ActorCtx = Pick<AdminCtx, "deps" | "actor">;

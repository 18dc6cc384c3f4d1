import "server-only";

import { eq } from "drizzle-orm";

import { cases, windows } from "@/db/schema";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { useDynamicCode } from "../qr/qr.service";
import { caseForToken } from "../ratings/ratings.service";
import type { RaterSession } from "./session";

/**
 * A dynamic code from the window screen proves the applicant: the window checked the ID before
 * showing it. Only a code an enrolled screen showed, of the window that served the case, counts:
 * a dynamic code minted over the API (a business system's key) does not. It is single-use, so a
 * second phone scanning the same screen gets no session.
 */
export async function proveWithWindowCode(deps: Deps, token: string): Promise<RaterSession> {
  const { claims, c } = await caseForToken(deps, token);
  const jti = claims.jti;
  const refused = () => new DomainError("invalid", "只有窗口显示的二维码可以直接确认身份");
  if (claims.kind !== "dynamic" || !jti || !claims.screen) throw refused();
  const [served] = await deps.database.db
    .select({ code: windows.code })
    .from(cases)
    .innerJoin(windows, eq(windows.id, cases.windowId))
    .where(eq(cases.id, c.id));
  if (served?.code !== claims.windowCode) throw refused();
  await deps.database.write((tx) => useDynamicCode(tx, jti, "window_proof", deps.clock.now()));
  return { applicantId: c.applicantId, proof: "window" };
}

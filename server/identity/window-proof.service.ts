import "server-only";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { useDynamicCode } from "../qr/qr.service";
import { caseForToken } from "../ratings/ratings.service";
import type { RaterSession } from "./session";

/**
 * A dynamic code from the window screen proves the applicant: the window checked the ID before
 * showing it. It is single-use, so a second phone scanning the same screen gets no session.
 */
export async function proveWithWindowCode(deps: Deps, token: string): Promise<RaterSession> {
  const { claims, c } = await caseForToken(deps, token);
  const jti = claims.jti;
  if (claims.kind !== "dynamic" || !jti) throw new DomainError("invalid", "只有窗口显示的二维码可以直接确认身份");
  await deps.database.write((tx) => useDynamicCode(tx, jti, "window_proof", deps.clock.now()));
  return { applicantId: c.applicantId, proof: "window" };
}

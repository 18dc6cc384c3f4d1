import "server-only";

import type { ActorCtx } from "../access/admin-ctx";
import type { Deps } from "../deps";
import { getSettings, setSetting } from "../settings/settings.service";

/** The bureau's settings of back-office sign-in (SPEC §8): session limits and the password's age. */
const KEYS = ["auth.idleMinutes", "auth.maxHours", "auth.passwordMaxAgeDays"] as const;
const FIELDS = {
  idleMinutes: "auth.idleMinutes",
  maxHours: "auth.maxHours",
  passwordMaxAgeDays: "auth.passwordMaxAgeDays",
} as const;

export async function securitySettings(
  deps: Deps,
): Promise<{ idleMinutes: number; maxHours: number; passwordMaxAgeDays: number }> {
  const s = await getSettings(deps, KEYS);
  return {
    idleMinutes: s["auth.idleMinutes"],
    maxHours: s["auth.maxHours"],
    passwordMaxAgeDays: s["auth.passwordMaxAgeDays"],
  };
}

/** Each field given is checked and audited by setSetting (its refusal names the setting). */
export async function setSecuritySettings({ deps, actor }: ActorCtx, input: unknown) {
  const values = (typeof input === "object" && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  for (const [field, key] of Object.entries(FIELDS))
    if (values[field] !== undefined) await setSetting(deps, actor, key, values[field]);
  return securitySettings(deps);
}

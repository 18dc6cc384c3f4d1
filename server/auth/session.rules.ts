/**
 * When a staff or admin session ends by itself (SPEC §8, 等保 level 3): after `idleMinutes` without
 * a request, and after `maxHours` whatever it did. Pure: the service reads the row and the
 * bureau's settings, this says what they mean.
 */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** last_seen is written at most this often per session: a write per request would cost every page */
export const TOUCH_EVERY_MS = 60_000;

export type SessionVerdict =
  { live: true; touch: boolean } | { live: false; reason: "idle" | "expired"; endedAt: number };

export function sessionVerdict(
  row: { createdAt: number; lastSeenAt: number },
  now: number,
  limits: SessionLimits,
): SessionVerdict {
  const expiresAt = row.createdAt + limits.maxHours * 3_600_000;
  const idleAt = row.lastSeenAt + limits.idleMinutes * 60_000;
  // the earlier of the two ended it, and at that moment, not when it was noticed
  if (now >= expiresAt && expiresAt <= idleAt)
    return { live: false, reason: "expired", endedAt: expiresAt };
  if (now >= idleAt) return { live: false, reason: "idle", endedAt: idleAt };
  return { live: true, touch: now - row.lastSeenAt >= TOUCH_EVERY_MS };
}

/**
 * A password set by the bureau (a new account, a reset) is dated 0: the bureau knows it, so its
 * owner changes it at the first sign-in.
 */
export const SET_BY_BUREAU = 0;

/** Whether a password set at `changedAt` must be changed now; a limit of 0 days never expires one. */
export function passwordExpired(changedAt: number, now: number, maxAgeDays: number): boolean {
  if (changedAt === SET_BY_BUREAU) return true;
  return maxAgeDays > 0 && now - changedAt >= maxAgeDays * 86_400_000;
}

/**
 * "Chrome 150 · Linux": what a person needs to recognise one of their sessions, not a
 * fingerprint. Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
 */
export function browserOf(userAgent: string | null | undefined): string {
  const ua = userAgent ?? "";
  const browsers: [RegExp, string][] = [
    [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
    [/OPR\/(\d+)/, "Opera"],
    [/Firefox\/(\d+)/, "Firefox"],
    [/HeadlessChrome\/(\d+)/, "Chrome"],
    [/Chrome\/(\d+)/, "Chrome"],
    [/Version\/(\d+).*Safari/, "Safari"],
  ];
  const systems: [RegExp, string][] = [
    [/Android/, "Android"],
    [/iPhone|iPad|iPod/, "iOS"],
    [/Windows/, "Windows"],
    [/Mac OS X|Macintosh/, "macOS"],
    [/Linux/, "Linux"],
  ];
  const hit = browsers.map(([re, name]) => [re.exec(ua), name] as const).find(([m]) => m);
  const browser = hit ? `${hit[1]} ${hit[0]![1]}` : ua ? "其他浏览器" : "—";
  const system = systems.find(([re]) => re.test(ua))?.[1];
  return system ? `${browser} · ${system}` : browser;
}

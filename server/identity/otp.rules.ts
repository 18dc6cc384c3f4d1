/** DESIGN §4: 6 digits, 5 minutes, 5 tries, one send per phone per 60 s and a daily cap. */
export const OTP = {
  digits: 6,
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  resendAfterMs: 60_000,
  dailyPerPhone: 10,
  /** one NAT address may be a whole hall: the per-phone limits carry the protection */
  perClientWindowMs: 10 * 60_000,
  perClient: 100,
} as const;

export type OtpRefusal = "too_soon" | "daily_cap" | "client_cap";

/** Whether another code may be sent now, from the recent sends to this phone and this client. */
export function sendRefusal(
  phoneSends: number[],
  clientSends: number[],
  now: number,
  dayStart: number,
): OtpRefusal | null {
  if (phoneSends.some((t) => now - t < OTP.resendAfterMs)) return "too_soon";
  if (phoneSends.filter((t) => t >= dayStart).length >= OTP.dailyPerPhone) return "daily_cap";
  if (clientSends.filter((t) => now - t < OTP.perClientWindowMs).length >= OTP.perClient)
    return "client_cap";
  return null;
}

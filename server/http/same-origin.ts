/**
 * Whether a request may change state through tRPC (DESIGN §9): a browser says where a request
 * comes from (`Sec-Fetch-Site`, and `Origin` on every cross-origin POST), so another site's page
 * can never submit a rating, sign a member of staff in or enrol a screen. A caller that is not a
 * browser sends neither header and carries no one's cookies by accident: it passes.
 */
export function isSameOrigin(headers: Headers, publicUrl: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  const origin = headers.get("origin");
  if (origin === null) return true;
  if (origin === new URL(publicUrl).origin) return true;
  const host = headers.get("host");
  return host !== null && (origin === `http://${host}` || origin === `https://${host}`);
}

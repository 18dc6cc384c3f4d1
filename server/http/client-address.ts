/**
 * The address a per-address limit counts by (one-time codes, sign-in, /me's codes).
 *
 * Behind the city's reverse proxies (`HCP_TRUSTED_PROXIES=N`: the proxies in front of the app, each
 * appending the address it saw to X-Forwarded-For), the entry the outermost trusted proxy added is
 * the client's, and whatever the client wrote before it is ignored: a random header no longer buys
 * a fresh bucket. Without a proxy, `next start` writes the socket's address into the header only
 * when the request has none, so one entry is taken as the socket's; a list of several was written
 * by the client, and all such requests share one bucket. (A client that sends one made-up entry
 * straight to `next start` still picks its bucket: run the app behind a proxy; README, Security.)
 */
export function clientAddressOf(headers: Headers, trustedProxies: number): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (trustedProxies > 0)
    return hops.length >= trustedProxies ? hops[hops.length - trustedProxies]! : "unverified";
  if (hops.length === 1) return hops[0]!;
  return hops.length ? "unverified" : "direct";
}

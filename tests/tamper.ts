/**
 * A compact JWS/JWT with one character changed in the middle of a part (0 header, 1 payload,
 * 2 signature). The middle, not the end: the last base64url character of a signature carries
 * bits that decoders ignore, so changing it can leave the bytes as they were.
 */
export function tamper(token: string, part: 0 | 1 | 2): string {
  const parts = token.split(".");
  const s = parts[part]!;
  const at = Math.floor(s.length / 2);
  parts[part] = s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);
  return parts.join(".");
}

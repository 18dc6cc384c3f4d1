/**
 * The headers every page answers with (DESIGN §9). Scripts run only with this request's nonce
 * ('strict-dynamic' lets Next's nonced loader fetch its chunks); no 'unsafe-eval' outside
 * `next dev` (React's dev build needs it). Styles allow inline attributes: React writes `style`
 * attributes, which a nonce cannot cover, and a style cannot run code. Tokens ride in URLs, so
 * no referrer ever leaves the page.
 */
export function securityHeaders(opts: {
  nonce: string;
  https: boolean;
  dev?: boolean;
}): Record<string, string> & { "content-security-policy": string } {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(opts.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

import { createServer, type Server } from "node:http";

import { Webhook } from "standardwebhooks";

import { freePort } from "./net";

/**
 * A real 12345-style receiver on loopback: verifies each delivery's signature with the
 * `standardwebhooks` library, answers 500 to the first `failFirst` deliveries, and processes
 * each webhook-id once (its idempotency key).
 */
export async function startWebhookReceiver(secret: string, failFirst = 0) {
  const wh = new Webhook(secret);
  const attempts: { id: string; verified: boolean }[] = [];
  const processed = new Map<string, unknown>();
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      let payload: unknown;
      try {
        payload = wh.verify(body, headers);
      } catch {
        attempts.push({ id: headers["webhook-id"] ?? "", verified: false });
        return void res.writeHead(401).end();
      }
      const id = headers["webhook-id"] ?? "";
      attempts.push({ id, verified: true });
      if (attempts.length <= failFirst) return void res.writeHead(500).end();
      if (!processed.has(id)) processed.set(id, payload);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}/work-orders`,
    attempts,
    processed,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export function newWebhookSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64")}`;
}

import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { Webhook } from "standardwebhooks";

import { freePort } from "./net";

/**
 * Stand-ins for the SMS platforms on 127.0.0.1 (SPEC §6): each speaks its platform's protocol,
 * checks the request as the official SDK signs it, records what it was asked to send, and answers
 * as the platform does — or as a test tells it to (a refusal, a 503, no answer at all).
 */
export type Behaviour = "accept" | "hang" | { status: number } | { code: string };

export interface Received {
  to: string;
  template: string;
  params: Record<string, string> | string[];
  /** the signature (or key) checked out */
  verified: boolean;
  signName?: string;
  id?: string;
  text?: string;
  action?: string;
}

interface StandIn {
  url: string;
  origin: string;
  received: Received[];
  /** what to do with the next requests, in order; then "accept" */
  next: Behaviour[];
  stop: () => Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

async function listen(
  handle: (req: IncomingMessage, res: ServerResponse, behaviour: Behaviour) => Promise<void>,
  next: Behaviour[],
) {
  const port = await freePort();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const behaviour = next.shift() ?? "accept";
    if (behaviour === "hang") {
      // read the request, never answer: the client's timeout must end it
      hanging.add(res);
      void body(req);
      return;
    }
    void handle(req, res, behaviour);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const json = (res: ServerResponse, status: number, value: unknown): void =>
  void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));

/** The city's own gateway: Standard Webhooks signature, body {id, to, template, params, text}. */
export async function startHttpGateway(secret: string): Promise<StandIn> {
  const wh = new Webhook(secret);
  const received: Received[] = [];
  const next: Behaviour[] = [];
  const { origin, stop } = await listen(async (req, res, behaviour) => {
    const raw = await body(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    let verified = true;
    try {
      wh.verify(raw, headers);
    } catch {
      verified = false;
    }
    const b = JSON.parse(raw) as {
      id: string;
      to: string;
      template: string;
      params: Record<string, string>;
      text: string;
    };
    received.push({ ...b, verified });
    if (!verified) return void res.writeHead(401).end();
    if (typeof behaviour === "object" && "status" in behaviour)
      return void res.writeHead(behaviour.status).end();
    res.writeHead(202).end();
  }, next);
  return { url: `${origin}/sms`, origin, received, next, stop };
}

const acsEncode = (s: string) =>
  encodeURIComponent(s)
    .replace(/!/g, "%21")
    .replace(/'/g, "%27")
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29")
    .replace(/\*/g, "%2A");

/** Checks 阿里云's ACS3-HMAC-SHA256 signature as the server does: the canonical request again. */
function acs3Verified(
  req: IncomingMessage,
  raw: string,
  accessKeyId: string,
  secret: string,
): boolean {
  const auth = String(req.headers.authorization ?? "");
  const m =
    /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth);
  if (!m || m[1] !== accessKeyId) return false;
  const url = new URL(req.url ?? "/", "http://x");
  const query = [...url.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${acsEncode(v)}`)
    .join("&");
  const signed = m[2]!.split(";");
  const headers = signed.map((h) => `${h}:${String(req.headers[h] ?? "").trim()}\n`).join("");
  const payloadHash = createHash("sha256").update(raw).digest("hex");
  if (req.headers["x-acs-content-sha256"] !== payloadHash) return false;
  const canonical = [req.method, url.pathname, query, headers, signed.join(";"), payloadHash].join(
    "\n",
  );
  const toSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
  return createHmac("sha256", secret).update(toSign).digest("hex") === m[3];
}

/** 阿里云短信 SendSms (RPC, 2017-05-25) as its endpoint answers it. */
export async function startAliyun(accessKeyId: string, accessKeySecret: string): Promise<StandIn> {
  const received: Received[] = [];
  const next: Behaviour[] = [];
  const { origin, stop } = await listen(async (req, res, behaviour) => {
    const raw = await body(req);
    const verified = acs3Verified(req, raw, accessKeyId, accessKeySecret);
    const q = new URL(req.url ?? "/", "http://x").searchParams;
    received.push({
      to: q.get("PhoneNumbers") ?? "",
      template: q.get("TemplateCode") ?? "",
      params: JSON.parse(q.get("TemplateParam") ?? "{}") as Record<string, string>,
      signName: q.get("SignName") ?? undefined,
      id: q.get("OutId") ?? undefined,
      action: `${String(req.headers["x-acs-action"])}@${String(req.headers["x-acs-version"])}`,
      verified,
    });
    const requestId = crypto.randomUUID();
    if (!verified)
      return json(res, 400, {
        Code: "IncompleteSignature",
        Message: "The request signature does not conform to Aliyun standards.",
        RequestId: requestId,
      });
    if (typeof behaviour === "object" && "status" in behaviour)
      return json(res, behaviour.status, {
        Code: "ServiceUnavailable",
        Message: "The request has failed due to a temporary failure of the server.",
        RequestId: requestId,
      });
    if (typeof behaviour === "object" && "code" in behaviour)
      return json(res, 200, {
        Code: behaviour.code,
        Message: "refused by the stand-in",
        RequestId: requestId,
      });
    json(res, 200, { Code: "OK", Message: "OK", BizId: `${Date.now()}^0`, RequestId: requestId });
  }, next);
  return { url: origin, origin, received, next, stop };
}

/** Checks 腾讯云's TC3-HMAC-SHA256 signature: the service is the endpoint's first label, as the SDK takes it. */
function tc3Verified(
  req: IncomingMessage,
  raw: string,
  secretId: string,
  secretKey: string,
): boolean {
  const auth = String(req.headers.authorization ?? "");
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
      auth,
    );
  if (!m || m[1] !== secretId) return false;
  const [, , date, service, signedHeaders, signature] = m;
  const host = String(req.headers.host ?? "").replace(/:\d+$/, "");
  const headers = `content-type:${String(req.headers["content-type"])}\nhost:${host}\n`;
  const canonical = [
    "POST",
    "/",
    "",
    headers,
    signedHeaders,
    createHash("sha256").update(raw).digest("hex"),
  ].join("\n");
  const timestamp = String(req.headers["x-tc-timestamp"]);
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${createHash("sha256").update(canonical).digest("hex")}`;
  const hmac = (key: Buffer | string, msg: string) =>
    createHmac("sha256", key).update(msg).digest();
  const signing = hmac(hmac(hmac(`TC3${secretKey}`, date!), service!), "tc3_request");
  return createHmac("sha256", signing).update(toSign).digest("hex") === signature;
}

/** 腾讯云短信 SendSms (2021-01-11) as its endpoint answers it: 200 with Response, errors inside. */
export async function startTencent(secretId: string, secretKey: string): Promise<StandIn> {
  const received: Received[] = [];
  const next: Behaviour[] = [];
  const { origin, stop } = await listen(async (req, res, behaviour) => {
    const raw = await body(req);
    const verified = tc3Verified(req, raw, secretId, secretKey);
    const b = JSON.parse(raw) as {
      PhoneNumberSet: string[];
      TemplateId: string;
      TemplateParamSet: string[];
      SignName: string;
      SmsSdkAppId: string;
      SessionContext: string;
    };
    received.push({
      to: b.PhoneNumberSet[0] ?? "",
      template: b.TemplateId,
      params: b.TemplateParamSet,
      signName: b.SignName,
      id: b.SessionContext,
      action: `${String(req.headers["x-tc-action"])}@${String(req.headers["x-tc-version"])}@${b.SmsSdkAppId}`,
      verified,
    });
    const RequestId = crypto.randomUUID();
    if (!verified)
      return json(res, 200, {
        Response: {
          Error: { Code: "AuthFailure.SignatureFailure", Message: "signature mismatch" },
          RequestId,
        },
      });
    if (typeof behaviour === "object" && "status" in behaviour)
      return void res.writeHead(behaviour.status).end();
    const status = (Code: string) => ({
      SerialNo: `2433:${Date.now()}`,
      PhoneNumber: b.PhoneNumberSet[0],
      Fee: 1,
      SessionContext: b.SessionContext,
      Code,
      Message: Code === "Ok" ? "send success" : "refused by the stand-in",
      IsoCode: "CN",
    });
    if (typeof behaviour === "object" && "code" in behaviour) {
      // a request-level error (throttling, auth) comes as Error; a per-number one inside SendStatusSet
      if (/^(RequestLimitExceeded|InternalError|AuthFailure)/.test(behaviour.code))
        return json(res, 200, {
          Response: { Error: { Code: behaviour.code, Message: "stand-in" }, RequestId },
        });
      return json(res, 200, { Response: { SendStatusSet: [status(behaviour.code)], RequestId } });
    }
    json(res, 200, { Response: { SendStatusSet: [status("Ok")], RequestId } });
  }, next);
  return { url: origin, origin, received, next, stop };
}

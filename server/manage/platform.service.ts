import "server-only";

import { and, asc, desc, eq, gte, like, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";

import { hashApiKey } from "@/db/keys";
import {
  auditLog,
  cases,
  integrationClients,
  outbox,
  qrRevocations,
  signingKeys,
} from "@/db/schema";

import { type ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { revokeKey, rotateKey } from "../qr/keys.service";
import { revokeCode } from "../qr/qr.service";
import { randomBytesPooled } from "../random";
import { fieldError, parseForm, text } from "./fields";

/**
 * Integration clients, QR signing keys and revoked codes, the outbox's dead letters and the
 * provincial push state, and the audit log: the bureau's technical desk (SPEC §7 /admin/manage).
 * Every change here is audited; the audit log itself is only read.
 */

// ---- integration clients: the key is shown once, only its hash is kept

const newKey = () => `hcp_${randomBytesPooled(32).toString("base64url")}`;

export async function listClients(deps: Deps) {
  return deps.database.db
    .select({
      id: integrationClients.id,
      name: integrationClients.name,
      scope: integrationClients.scope,
      active: integrationClients.active,
      createdAt: integrationClients.createdAt,
      revokedAt: integrationClients.revokedAt,
      rotatedAt: integrationClients.rotatedAt,
    })
    .from(integrationClients)
    .orderBy(asc(integrationClients.name));
}

export async function createClient(
  { deps, actor }: ActorCtx,
  input: unknown,
): Promise<{ id: string; key: string }> {
  const f = parseForm(
    z.object({
      name: text("名称", 64),
      scope: z.enum(["cases", "hotline", "metrics"], {
        error: "权限范围：请选择 cases（办件）、hotline（12345）或 metrics（运行监控）",
      }),
    }),
    input,
  );
  const key = newKey();
  return deps.database.write(async (tx) => {
    const [taken] = await tx
      .select({ id: integrationClients.id })
      .from(integrationClients)
      .where(eq(integrationClients.name, f.name));
    if (taken) throw fieldError("name", `名称：${f.name} 已存在`);
    const now = deps.clock.now();
    const id = newId(now);
    await tx.insert(integrationClients).values({
      id,
      name: f.name,
      scope: f.scope,
      keyHash: hashApiKey(key),
      active: true,
      createdAt: now,
    });
    await audit(
      deps,
      actor,
      { action: "client.create", target: `client:${f.name}`, detail: { scope: f.scope } },
      tx,
    );
    return { id, key };
  });
}

/** A new key for a client; the old one stops working (within the key cache's 5 s). */
export async function rotateClient(
  { deps, actor }: ActorCtx,
  input: unknown,
): Promise<{ key: string }> {
  const { id } = parseForm(z.object({ id: z.string().min(1).max(64) }), input);
  const key = newKey();
  await deps.database.write(async (tx) => {
    const [c] = await tx
      .select({ name: integrationClients.name, active: integrationClients.active })
      .from(integrationClients)
      .where(eq(integrationClients.id, id));
    if (!c) throw new DomainError("not_found", "找不到这个接入系统");
    if (!c.active) throw fieldError("id", "接入系统：已吊销，不能更换密钥");
    await tx
      .update(integrationClients)
      .set({ keyHash: hashApiKey(key), rotatedAt: deps.clock.now() })
      .where(eq(integrationClients.id, id));
    await audit(deps, actor, { action: "client.rotate", target: `client:${c.name}` }, tx);
  });
  return { key };
}

export async function revokeClient({ deps, actor }: ActorCtx, input: unknown): Promise<void> {
  const { id, reason } = parseForm(
    z.object({ id: z.string().min(1).max(64), reason: text("原因", 500) }),
    input,
  );
  await deps.database.write(async (tx) => {
    const done = await tx
      .update(integrationClients)
      .set({ active: false, revokedAt: deps.clock.now() })
      .where(eq(integrationClients.id, id))
      .returning({ name: integrationClients.name });
    if (!done[0]) throw new DomainError("not_found", "找不到这个接入系统");
    await audit(
      deps,
      actor,
      { action: "client.revoke", target: `client:${done[0].name}`, reason },
      tx,
    );
  });
}

// ---- QR signing keys and revoked codes

export async function listKeys(deps: Deps) {
  const keys = await deps.database.db
    .select({
      kid: signingKeys.kid,
      status: signingKeys.status,
      createdAt: signingKeys.createdAt,
      retiredAt: signingKeys.retiredAt,
    })
    .from(signingKeys)
    .orderBy(
      sql`${signingKeys.status} = 'active' desc`,
      desc(signingKeys.createdAt),
      desc(signingKeys.id),
    );
  const revocations = await deps.database.db
    .select()
    .from(qrRevocations)
    .orderBy(desc(qrRevocations.createdAt))
    .limit(200);
  return { keys, revocations };
}

/** A new signing key; the old one retires and keeps verifying the codes it signed until they expire. */
export async function rotateSigningKey({ deps, actor }: ActorCtx): Promise<{ kid: string }> {
  const r = await rotateKey(deps);
  await audit(deps, actor, {
    action: "signing_key.rotate",
    target: `signing_key:${r.kid}`,
  });
  return r;
}

/** A compromised key: every code it signed stops verifying. */
export async function revokeSigningKey({ deps, actor }: ActorCtx, input: unknown): Promise<void> {
  const { kid, reason } = parseForm(
    z.object({
      kid: z.string().trim().min(1, "密钥编号：请填写").max(16),
      reason: text("原因", 500),
    }),
    input,
  );
  await revokeKey(deps, kid).catch((e: unknown) => {
    throw e instanceof DomainError && e.code === "not_found"
      ? fieldError("kid", `密钥编号：找不到 ${kid}`)
      : e;
  });
  await audit(deps, actor, {
    action: "signing_key.revoke",
    target: `signing_key:${kid}`,
    reason,
  });
}

const ZRevokeCode = z
  .object({
    serialNo: z.string().trim().max(64).optional(),
    jti: z.string().trim().max(64).optional(),
    reason: text("原因", 500),
  })
  .refine((v) => !!v.serialNo !== !!v.jti, {
    message: "办件流水号或 jti：请填写其中一个",
    path: ["serialNo"],
  });

/** Refuses one dynamic code (by jti) or every code issued so far for a case (by its 办件流水号). */
export async function revokeQrCode({ deps, actor }: ActorCtx, input: unknown): Promise<void> {
  const f = parseForm(ZRevokeCode, input);
  if (f.serialNo) {
    const [c] = await deps.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.serialNo, f.serialNo));
    if (!c) throw fieldError("serialNo", `办件流水号：找不到 ${f.serialNo}`);
    await revokeCode(deps, { subject: { type: "case", value: f.serialNo } }, f.reason);
  } else await revokeCode(deps, { jti: f.jti! }, f.reason);
  await audit(deps, actor, {
    action: "qr.revoke",
    target: f.serialNo ? `case:${f.serialNo}` : `jti:${f.jti}`,
    reason: f.reason,
  });
}

// ---- outbox: dead letters, retries, the provincial push per record

const OUTBOX_VIEW = {
  id: outbox.id,
  channel: outbox.channel,
  dedupeKey: outbox.dedupeKey,
  status: outbox.status,
  attempts: outbox.attempts,
  lastError: outbox.lastError,
  nextAttemptAt: outbox.nextAttemptAt,
  createdAt: outbox.createdAt,
  sentAt: outbox.sentAt,
  /** an SMS: the provider that accepted it (SPEC §6 failover) */
  // spelled out: drizzle leaves a one-table select's columns unqualified, and "id" would be the attempt's
  provider: sql<
    string | null
  >`(select a.provider from sms_attempts a where a.outbox_id = "outbox"."id" and a.result = 'accepted' limit 1)`,
};

export const ZListOutbox = z.object({
  channel: z.enum(["sms", "hotline", "province"]).optional(),
  status: z.enum(["pending", "sent", "dead"]).optional(),
  /** a rating id, work order id … (the record the message is about) */
  record: z.string().trim().max(64).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});

/** Messages by channel and state (outbox_due_idx); the payload is never shown (an SMS one holds PII). */
/** `q` as the router parsed it (a direct caller parses with ZListOutbox too). */
export async function listOutbox(deps: Deps, q: z.output<typeof ZListOutbox>) {
  const conds: (SQL | undefined)[] = [
    q.channel ? eq(outbox.channel, q.channel) : undefined,
    q.status ? eq(outbox.status, q.status) : undefined,
  ];
  if (q.record) conds.push(like(outbox.dedupeKey, `%:${q.record}`));
  return deps.database.db
    .select(OUTBOX_VIEW)
    .from(outbox)
    .where(and(...conds))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(q.limit);
}

/** Dead letters go back to pending with a fresh count of tries, due now. */
export async function retryOutbox(
  { deps, actor }: ActorCtx,
  input: unknown,
): Promise<{ retried: number }> {
  const f = parseForm(
    z.object({
      id: z.string().max(64).optional(),
      channel: z.enum(["sms", "hotline", "province"]).optional(),
    }),
    input,
  );
  return deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const where = and(
      eq(outbox.status, "dead"),
      f.id ? eq(outbox.id, f.id) : undefined,
      f.channel ? eq(outbox.channel, f.channel) : undefined,
    );
    const done = await tx
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now })
      .where(where)
      .returning({ id: outbox.id });
    if (f.id && !done.length) throw new DomainError("not_found", "找不到这条失败的消息");
    await audit(
      deps,
      actor,
      {
        action: "outbox.retry",
        target: f.id ? `outbox:${f.id}` : `outbox:${f.channel ?? "all"}`,
        detail: { retried: done.length },
      },
      tx,
    );
    return { retried: done.length };
  });
}

// ---- the audit log: filtered, read-only

export const ZAuditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  before: z.object({ at: z.number().int(), id: z.string().max(64) }).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});

export async function queryAudit(deps: Deps, q: z.output<typeof ZAuditQuery>) {
  const conds: (SQL | undefined)[] = [
    q.actor
      ? or(eq(auditLog.actorId, q.actor), like(auditLog.actorName, `%${q.actor}%`))
      : undefined,
    q.action ? like(auditLog.action, `${q.action}%`) : undefined,
    q.from !== undefined ? gte(auditLog.at, q.from) : undefined,
    q.to !== undefined ? lt(auditLog.at, q.to) : undefined,
    q.before
      ? or(
          lt(auditLog.at, q.before.at),
          and(eq(auditLog.at, q.before.at), lt(auditLog.id, q.before.id)),
        )
      : undefined,
  ];
  const rows = await deps.database.db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    target: r.target,
    orgId: r.orgId,
    reason: r.reasonEnc ? deps.pii.decrypt(r.reasonEnc) : null,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}

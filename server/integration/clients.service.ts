import "server-only";

import { eq } from "drizzle-orm";

import { hashApiKey } from "@/db/keys";
import { integrationClients } from "@/db/schema";
import type { Reader } from "@/db/types";

import { scopedTtlCache } from "../cache";
import { DomainError } from "../errors";

/** What an integration API key may call; not the org scope of an admin account (access/scope.ts). */
export type ApiScope = "cases" | "hotline" | "stats" | "metrics";
export interface ApiClient {
  id: string;
  name: string;
  scope: ApiScope;
}

// a revoked key stops working within this many milliseconds
const clientCache = scopedTtlCache<typeof integrationClients.$inferSelect | undefined>(5_000);

/** Bearer key → client; 401 without a valid key, 403 when the key lacks the scope. */
export async function authenticateClient(
  db: Reader,
  authorization: string | null,
  scope: ApiScope,
): Promise<ApiClient> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1])
    throw new DomainError(
      "unauthenticated",
      "missing bearer key: send Authorization: Bearer <key>",
    );
  const keyHash = hashApiKey(match[1]);
  const client = await clientCache(db, keyHash, async () => {
    const [row] = await db
      .select()
      .from(integrationClients)
      .where(eq(integrationClients.keyHash, keyHash));
    return row;
  });
  if (!client?.active) throw new DomainError("unauthenticated", "unknown or inactive API key");
  if (client.scope !== scope)
    throw new DomainError(
      "forbidden",
      `this key has scope "${client.scope}"; this endpoint needs "${scope}"`,
    );
  return { id: client.id, name: client.name, scope: client.scope };
}

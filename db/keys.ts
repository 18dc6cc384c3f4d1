import { createHash } from "node:crypto";

/** Integration API keys are stored only as this hash. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A rating's idempotency key, made on the device so that any resend answers the first result (SPEC §3). */
export function newSubmissionId(): string {
  // randomUUID exists only on https:// and localhost; a hall's demo may be served over plain http
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

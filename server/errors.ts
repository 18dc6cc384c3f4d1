export type DomainCode =
  | "not_found"
  | "invalid"
  /** a malformed query (e.g. the stats API's period or an unknown code): 400 */
  | "bad_request"
  | "conflict"
  | "forbidden"
  | "unauthenticated"
  | "gone"
  | "too_many_requests"
  /** the database does not answer (SPEC §10): 503 with Retry-After */
  | "unavailable";

/** The one error services throw; transports map it, never a stack trace to the client. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const httpStatus: Record<DomainCode, number> = {
  not_found: 404,
  invalid: 422,
  bad_request: 400,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  gone: 410,
  too_many_requests: 429,
  unavailable: 503,
};

/** Seconds a client is told to wait when the database does not answer. */
export const RETRY_AFTER_S = 5;

export const trpcCode = {
  not_found: "NOT_FOUND",
  invalid: "UNPROCESSABLE_CONTENT",
  bad_request: "BAD_REQUEST",
  conflict: "CONFLICT",
  forbidden: "FORBIDDEN",
  unauthenticated: "UNAUTHORIZED",
  gone: "NOT_FOUND",
  too_many_requests: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
} as const satisfies Record<DomainCode, string>;

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

import pino from "pino";

import { env } from "./env";

/** PII never reaches a log line: these paths are redacted wherever they appear. */
export const REDACT_PATHS = [
  "*.name",
  "*.idNumber",
  "*.phone",
  "*.agentName",
  "*.applicant",
  "*.caller",
  "*.*.applicant",
  "req.headers.authorization",
  "req.headers.cookie",
];

let logger: pino.Logger | undefined;

export function log(): pino.Logger {
  logger ??= pino({
    level: env().LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: { app: "hcp" },
  });
  return logger;
}

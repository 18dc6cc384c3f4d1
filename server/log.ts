import pino from "pino";

import { LOG_LEVELS } from "./env";

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

/**
 * The level is read on its own, not through env(): the logger must work when the other settings do
 * not (it is what reports them), and in a process that has none (a unit test, a timer's warning).
 * env() still refuses a LOG_LEVEL that is not one of these at boot.
 */
function level(): (typeof LOG_LEVELS)[number] {
  const set = process.env.LOG_LEVEL;
  return LOG_LEVELS.find((l) => l === set) ?? "info";
}

export function log(): pino.Logger {
  logger ??= pino({
    level: level(),
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: { app: "hcp" },
  });
  return logger;
}

import "server-only";

import { env } from "../env";
import { errorResponse } from "./v1";

/** Demo-only endpoints (the demo, SMS_PROVIDER=outbox): refused with 404 in any other mode and whenever HCP_DEMO=0. */
export function demoOnly(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    if (!env().demo || env().sms.mode !== "outbox")
      return errorResponse(404, "not_found", "not available outside demo mode");
    return handler(req);
  };
}

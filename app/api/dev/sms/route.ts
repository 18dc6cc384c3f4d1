import { getDeps } from "@/server/deps";
import { demoOnly } from "@/server/http/dev";
import { errorResponse } from "@/server/http/v1";
import { listSms } from "@/server/outbox/outbox.service";

/** Demo only (SMS_PROVIDER=outbox): the SMS sent to a phone, newest first. */
export const GET = demoOnly(async (req) => {
  const phone = new URL(req.url).searchParams.get("phone")?.trim();
  if (!phone || !/^\+?\d{5,20}$/.test(phone))
    return errorResponse(400, "validation_failed", "phone: give ?phone= with 5–20 digits");
  return Response.json({ messages: await listSms(await getDeps(), phone) });
});

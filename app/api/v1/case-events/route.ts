import { ZCaseEvent } from "@/server/cases/cases.schema";
import { recordCaseEvent } from "@/server/cases/cases.service";
import { v1Handler } from "@/server/http/v1";

export const POST = v1Handler({ scope: "cases", input: ZCaseEvent }, ({ deps, client }, event) =>
  recordCaseEvent(deps, client.id, event),
);

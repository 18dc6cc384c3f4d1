import { ZSerialParam } from "@/server/cases/cases.schema";
import { getCaseView } from "@/server/cases/cases.service";
import { v1Handler } from "@/server/http/v1";

export const GET = v1Handler({ scope: "cases", params: ZSerialParam }, ({ deps, params }) =>
  getCaseView(deps.database.db, params.serialNo, deps.clock.now()),
);

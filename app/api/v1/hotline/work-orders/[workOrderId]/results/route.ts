import { ZWorkOrderParam, ZWorkOrderResult } from "@/server/hotline/hotline.schema";
import { recordWorkOrderResult } from "@/server/hotline/hotline.service";
import { v1Handler } from "@/server/http/v1";

export const POST = v1Handler(
  { scope: "hotline", input: ZWorkOrderResult, params: ZWorkOrderParam },
  ({ deps, client, params }, result) =>
    recordWorkOrderResult(deps, client.id, params.workOrderId, result),
);

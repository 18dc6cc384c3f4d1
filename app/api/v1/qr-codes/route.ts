import { v1Handler } from "@/server/http/v1";
import { ZQrCodeRequest } from "@/server/qr/qr.schema";
import { issueCode } from "@/server/qr/qr.service";

export const POST = v1Handler({ scope: "cases", input: ZQrCodeRequest }, ({ deps }, req) =>
  issueCode(deps, req),
);

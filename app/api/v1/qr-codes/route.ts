import { v1Handler } from "@/server/http/v1";
import { issueCode } from "@/server/qr/qr.service";
import { ZQrCodeRequest } from "@/server/qr/qr.schema";

export const POST = v1Handler({ scope: "cases", input: ZQrCodeRequest }, ({ deps }, req) => issueCode(deps, req));

import { z } from "zod";

const code = (max: number) => z.string().trim().min(1).max(max);

export const ZQrCodeRequest = z
  .object({
    serialNo: code(64).optional().describe("a case's 办件流水号"),
    batchNo: code(64).optional().describe("every case of a batch"),
    themeNo: code(64).optional().describe("every case of a theme (一件事)"),
    kind: z
      .enum(["static", "dynamic"])
      .describe(
        "static: printed on a receipt, valid until the rating windows close; dynamic: window screen, 5 minutes, single use",
      ),
    windowCode: code(32).optional().describe("required for a dynamic code"),
    staffNo: code(32).optional(),
  })
  .superRefine((r, ctx) => {
    const named = [r.serialNo, r.batchNo, r.themeNo].filter((v) => v !== undefined).length;
    if (named !== 1)
      ctx.addIssue({
        code: "custom",
        path: ["serialNo"],
        message: "name exactly one of serialNo, batchNo, themeNo",
      });
    if (r.kind === "dynamic" && !r.windowCode)
      ctx.addIssue({
        code: "custom",
        path: ["windowCode"],
        message: "a dynamic code needs windowCode",
      });
  })
  .meta({ id: "QrCodeRequest" });
export type TQrCodeRequest = z.infer<typeof ZQrCodeRequest>;

export const ZQrCodeAnswer = z
  .object({
    url: z.string().describe("https://<host>/r/<token>, at most 230 characters"),
    token: z.string().describe("compact JWS (EdDSA, kid in the header)"),
    expiresAt: z.iso.datetime(),
    svg: z.string().describe("the URL as a QR code (level M, version ≤ 10)"),
  })
  .meta({ id: "QrCodeAnswer" });
export type TQrCodeAnswer = z.infer<typeof ZQrCodeAnswer>;

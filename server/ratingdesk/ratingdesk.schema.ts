import { z } from "zod";

import { ZRevealReason } from "../privacy/reveal.schema";
import { LEVELS } from "../ratings/vocabulary";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");
const code = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, `${what}应为编码（字母、数字和连字符）`);
/** a URL's empty field means "no filter" */
const blank = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), s.optional());
const yesNo = blank(z.enum(["yes", "no"], "只能选“是”或“否”"));

/** How a rating arrived (ratings.channel): the rater's phone, the window's screen or QR, the kiosk, article 17, 12345. */
export const CHANNELS = [
  "qr",
  "window_qr",
  "window_device",
  "terminal",
  "system",
  "phone",
  "sms",
] as const;
export const CHANNEL_WORD: Record<(typeof CHANNELS)[number], string> = {
  qr: "扫码评价",
  window_qr: "窗口动态码",
  window_device: "窗口评价器",
  terminal: "自助终端",
  system: "默认评价",
  phone: "12345 电话",
  sms: "12345 短信",
};

/** The keyset cursor: the last row's (createdAt, id), newest first. */
export const ZRatingCursor = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    try {
      const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
      if (
        Array.isArray(v) &&
        v.length === 2 &&
        Number.isSafeInteger(v[0]) &&
        typeof v[1] === "string"
      )
        return [v[0] as number, v[1]] as const;
    } catch {
      // falls through to the refusal
    }
    ctx.addIssue({ code: "custom", message: "翻页参数无效，请回到第一页" });
    return z.NEVER;
  });
export const ratingCursor = (r: { createdAt: number; id: string }) =>
  Buffer.from(JSON.stringify([r.createdAt, r.id])).toString("base64url");

/** 评价记录's filters (SPEC §7): they live in the page's URL, so every field is optional and a string. */
export const ZRatingQuery = z
  .object({
    from: blank(day),
    to: blank(day),
    org: blank(code("单位")),
    item: blank(code("事项")),
    window: blank(code("窗口")),
    staff: blank(code("工作人员")),
    channel: blank(z.enum(CHANNELS, "评价渠道无效")),
    level: blank(z.enum(LEVELS, "总体评价等级无效")),
    service: blank(z.enum(LEVELS, "服务评价等级无效")),
    defaulted: yesNo,
    appended: yesNo,
    notAdopted: yesNo,
    serial: blank(z.string().trim().min(1).max(64, "办件流水号最多 64 个字符")),
    after: blank(ZRatingCursor),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "起始日期不能晚于截止日期",
    path: ["from"],
  });
export type TRatingQuery = z.infer<typeof ZRatingQuery>;

export const ZRatingRow = z.object({
  id: z.string(),
  createdAt: z.number(),
  stage: z.enum(["receipt", "completion", "call"]),
  channel: z.string(),
  source: z.enum(["rater", "default", "hotline"]),
  serialNo: z.string().nullable(),
  callId: z.string().nullable(),
  itemName: z.string().nullable(),
  orgName: z.string().nullable(),
  windowCode: z.string().nullable(),
  staffName: z.string().nullable(),
  level: z.enum(LEVELS).nullable(),
  serviceLevel: z.enum(LEVELS).nullable(),
  appended: z.boolean(),
  notAdopted: z.boolean(),
  workOrderId: z.string().nullable(),
  workOrderBasis: z.enum(["overall", "service"]).nullable(),
  /** the rater, masked (李*): the only PII a list or an export shows */
  rater: z.string().nullable(),
});
export type TRatingRow = z.infer<typeof ZRatingRow>;

export const ZRatingPage = z.object({ rows: z.array(ZRatingRow), next: z.string().nullable() });
export type TRatingPage = z.infer<typeof ZRatingPage>;

export const ZRatingId = z.object({ id: z.string().trim().min(1).max(64) });
export const ZRatingReveal = ZRatingId.extend({ reason: ZRevealReason });
export type TRatingReveal = z.infer<typeof ZRatingReveal>;

import { z } from "zod";

import { ZRevealReason } from "../privacy/reveal.schema";
import { LEVELS } from "../ratings/vocabulary";
import { WORK_ORDER_STATUSES } from "./workorders.rules";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");
const code = z.string().trim().min(1).max(64);
/** a URL's empty field means "no filter" */
const blank = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** The desk's filters; they live in the page's URL (SPEC §7), so every field is optional and a string. */
export const ZWorkOrderQuery = z.object({
  status: blank(z.enum([...WORK_ORDER_STATUSES, "overdue"])),
  org: blank(code),
  item: blank(code),
  window: blank(code),
  from: blank(day),
  to: blank(day),
  after: blank(z.string().max(200)),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TWorkOrderQuery = z.infer<typeof ZWorkOrderQuery>;

export const ZWorkOrderRow = z.object({
  id: z.string(),
  serialNo: z.string().nullable(),
  callId: z.string().nullable(),
  itemName: z.string().nullable(),
  orgName: z.string().nullable(),
  windowCode: z.string().nullable(),
  staffName: z.string().nullable(),
  level: z.enum(LEVELS).nullable(),
  status: z.enum(WORK_ORDER_STATUSES),
  basis: z.enum(["overall", "service"]),
  createdAt: z.number(),
  dueAt: z.number(),
  overdue: z.boolean(),
});
export type TWorkOrderRow = z.infer<typeof ZWorkOrderRow>;

export const ZWorkOrderPage = z.object({
  rows: z.array(ZWorkOrderRow),
  next: z.string().nullable(),
});
export type TWorkOrderPage = z.infer<typeof ZWorkOrderPage>;

export const ZWorkOrderId = z.object({ id: z.string().trim().min(1).max(64) });

/** The form 回访记录 (SPEC §7): 回访情况, 核实结果, 整改措施, 已约谈责任人. */
export const ZDeskRecord = ZWorkOrderId.extend({
  visitText: z.string().trim().max(2000).optional(),
  verified: z.boolean().nullable().optional(),
  measures: z.string().trim().max(2000).optional(),
  interviewed: z.boolean().default(false),
});
export type TDeskRecord = z.infer<typeof ZDeskRecord>;

/** 办结工单 sends what the form holds (SPEC §9): saved first, then the order closes. */
export const ZDeskClose = ZDeskRecord.partial({ interviewed: true });
export type TDeskClose = z.infer<typeof ZDeskClose>;

export const ZReveal = ZWorkOrderId.extend({ reason: ZRevealReason });
export type TReveal = z.infer<typeof ZReveal>;

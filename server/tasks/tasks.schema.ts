import { z } from "zod";

/** 督办 (SPEC §9, article 5): the bureau presses a unit on one order, with a note. */
export const ZSupervise = z.object({
  workOrderId: z.string().trim().min(1).max(64),
  note: z.string().trim().min(4, "请写明督办要求（至少 4 个字）").max(500, "督办要求最多 500 字"),
});
export type TSupervise = z.infer<typeof ZSupervise>;

/** 账号设置's 手机号 for 待办 SMS and the opt-in 接收待办短信 (SPEC §7). An empty phone removes it, unless kept. */
export const ZTaskPhone = z
  .object({
    phone: z
      .string()
      .trim()
      .regex(/^(1\d{10})?$/, "手机号应为 11 位数字，以 1 开头"),
    taskSms: z.boolean(),
    /** an empty box keeps the number already saved (the page shows it masked) */
    keep: z.boolean().default(false),
  })
  .refine((v) => v.keep || !v.taskSms || v.phone !== "", {
    message: "接收待办短信须先填写手机号",
    path: ["phone"],
  });
export type TTaskPhone = z.infer<typeof ZTaskPhone>;

import { z } from "zod";

import { DomainError } from "../errors";

/**
 * Every management form is checked on the server with a message that names the field and the
 * reason (issue 14 ¶4): "编码：只能用字母、数字和 - _". `parseForm` throws the first problem
 * as an `invalid` DomainError with `details.field` (the input's key) for the page to mark.
 */
export const text = (label: string, max = 100) =>
  z
    .string({ error: `${label}：请填写` })
    .trim()
    .min(1, `${label}：请填写`)
    .max(max, `${label}：不能超过 ${max} 个字`);
export const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label}：不能超过 ${max} 个字`)
    .optional()
    .transform((v) => (v ? v : null));
export const code = (label: string, max = 64) =>
  z
    .string({ error: `${label}：请填写` })
    .trim()
    .min(1, `${label}：请填写`)
    .max(max, `${label}：不能超过 ${max} 个字符`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, `${label}：只能用字母、数字和 - _`);
export const id = z.string().min(1).max(64);

export function parseForm<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.map(String).join(".") ?? "";
  // zod's own words (a missing object, a wrong type) get the field's name in front
  const message = issue?.message.includes("：")
    ? issue.message
    : `${field || "表单"}：${issue?.message ?? "内容不正确"}`;
  throw new DomainError("invalid", message, { field });
}

export const fieldError = (field: string, message: string) =>
  new DomainError("invalid", message, { field });

import { z } from "zod";

/**
 * Every SMS the product sends is one of these templates (SPEC §6). In China an SMS platform sends
 * only templates registered under the city's signature (短信签名), so a message is a template id
 * and its parameters; the text below is what the demo shows and what the `http` gateway gets for
 * platforms that take free text. The parameter order is the order a Tencent template numbers
 * them ({1}, {2} …).
 */
export const SMS_SIGNATURE = "台山好差评";

/** platforms cap a variable's length (阿里云 35 characters): a long item name is shortened, not refused */
const item = z
  .string()
  .trim()
  .min(1)
  .transform((s) => (s.length > 30 ? `${s.slice(0, 29)}…` : s));
const serial = z.string().trim().min(1).max(64);
const link = z.url().max(500);
/** a day as a person reads it: 2026-12-08 */
const due = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TEMPLATE_PARAMS = {
  otp: z.object({ code: z.string().regex(/^\d{6}$/) }),
  invite: z.object({ item, serial, link }),
  reminder: z.object({ item, serial, link }),
  task: z.object({ item, serial, due, link }),
  supervise: z.object({ item, serial, due, link }),
} as const;

export type SmsTemplate = keyof typeof TEMPLATE_PARAMS;
export const SMS_TEMPLATES = Object.keys(TEMPLATE_PARAMS) as SmsTemplate[];
export type SmsParams<T extends SmsTemplate = SmsTemplate> = z.infer<(typeof TEMPLATE_PARAMS)[T]>;

/** A message as the outbox keeps it (sealed: `to` is the full phone). */
export type SmsMessage = {
  [T in SmsTemplate]: { to: string; template: T; params: SmsParams<T> };
}[SmsTemplate];

/** The parameter names in the order the template numbers them. */
export const PARAM_ORDER: { [T in SmsTemplate]: (keyof SmsParams<T>)[] } = {
  otp: ["code"],
  invite: ["item", "serial", "link"],
  reminder: ["item", "serial", "link"],
  task: ["item", "serial", "due", "link"],
  supervise: ["item", "serial", "due", "link"],
};

const BODIES: { [T in SmsTemplate]: (p: SmsParams<T>) => string } = {
  otp: (p) => `您的验证码是 ${p.code}，5 分钟内有效。请勿告诉他人。`,
  invite: (p) => `您办理的“${p.item}”（流水号 ${p.serial}）欢迎评价：${p.link}`,
  reminder: (p) => `您办理的“${p.item}”（流水号 ${p.serial}）已办结，欢迎评价：${p.link}`,
  task: (p) => `差评工单待办：“${p.item}”（流水号 ${p.serial}），请于 ${p.due} 前办结：${p.link}`,
  supervise: (p) =>
    `督办：差评工单“${p.item}”（流水号 ${p.serial}），请于 ${p.due} 前办结：${p.link}`,
};

/** Checks a message's parameters against its template; a wrong one is a bug of ours, not input. */
export function checkedSms(msg: SmsMessage): SmsMessage {
  const params = TEMPLATE_PARAMS[msg.template].parse(msg.params);
  return { ...msg, params } as SmsMessage;
}

/** The text the message reads as, signature first as the phone shows it. */
export function renderSms(msg: Pick<SmsMessage, "template" | "params">): string {
  const body = (BODIES[msg.template] as (p: unknown) => string)(msg.params);
  return `【${SMS_SIGNATURE}】${body}`;
}

/** The parameters as an ordered list of strings (Tencent's TemplateParamSet). */
export function orderedParams(msg: Pick<SmsMessage, "template" | "params">): string[] {
  const params = msg.params as Record<string, string>;
  return (PARAM_ORDER[msg.template] as string[]).map((k) => params[k] ?? "");
}

import type { CaseStatus, Channel as CaseChannel, Stage } from "../cases/cases.rules";
import type { Level } from "../ratings/vocabulary";

/**
 * The product keeps named values; the provincial 好差评 system and GB/T 39046-2020 get numbers.
 * Every table here is the only place a number appears (SPEC §6 upstream, REFERENCE.md), and
 * `satisfies Record<…>` makes a value added inside the product fail to compile until it is mapped.
 */

export const RATING_CHANNELS = [
  "online_pc",
  "online_mobile",
  "qr",
  "window_qr",
  "window_device",
  "terminal",
  "sms",
  "phone",
  "system",
] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export type ApplicantType = "person" | "enterprise";
export type RatingNumber = 1 | 2;
export type ChannelProfile = "guangdong" | "alt";

// Provincial interfaces count up to 非常满意 (Guangdong's `star`); GB/T A.8 counts down from it.
export const PROVINCE_STAR = {
  very_satisfied: 5,
  satisfied: 4,
  basic: 3,
  unsatisfied: 2,
  very_unsatisfied: 1,
} as const satisfies Record<Level, number>;
export const GB_SATISFACTION = {
  very_satisfied: 1,
  satisfied: 2,
  basic: 3,
  unsatisfied: 4,
  very_unsatisfied: 5,
} as const satisfies Record<Level, number>;

export const provinceStar = (level: Level): number => PROVINCE_STAR[level];
export const gbSatisfactionCode = (level: Level): number => GB_SATISFACTION[level];

/**
 * `pf`: 1–5 agree everywhere; REFERENCE.md reports two numberings after that and does not name
 * the provinces. "guangdong" (6 短信, 7 系统默认评价) is the one with a code for default ratings,
 * which Guangdong writes by the million and publishes separately; "alt" (6 电话, 7 短信) is the
 * other one, and follows GB/T 39046's 评价渠道 order. A numbering without a code for a channel gets
 * `null`: sending a neighbour's number would file the rating under the wrong channel upstream, so
 * the push fails visibly instead (guangdong has no 电话 — 12345 phone ratings; alt has no default).
 */
export const CHANNEL_CODES = {
  guangdong: {
    online_pc: 1,
    online_mobile: 2,
    qr: 3,
    window_qr: 3,
    window_device: 4,
    terminal: 5,
    sms: 6,
    system: 7,
    phone: null,
  },
  alt: {
    online_pc: 1,
    online_mobile: 2,
    qr: 3,
    window_qr: 3,
    window_device: 4,
    terminal: 5,
    phone: 6,
    sms: 7,
    system: null,
  },
} as const satisfies Record<ChannelProfile, Record<RatingChannel, number | null>>;

export function channelCode(channel: RatingChannel, profile: ChannelProfile): number {
  const code = CHANNEL_CODES[profile][channel];
  if (code === null)
    throw new Error(`channel "${channel}" has no pf code in the ${profile} profile`);
  return code;
}

// GB/T 39046 names no 系统默认 channel: a default rating is not something the applicant did.
export const GB_CHANNEL_NAME = {
  online_pc: "PC端",
  online_mobile: "移动服务端",
  qr: "二维码",
  window_qr: "二维码",
  window_device: "政务大厅平板电脑",
  terminal: "政务大厅其他终端",
  phone: "电话",
  sms: "短信",
  system: null,
} as const satisfies Record<RatingChannel, string | null>;

export function gbChannelName(channel: RatingChannel): string {
  const name = GB_CHANNEL_NAME[channel];
  if (name === null) throw new Error(`channel "${channel}" has no GB/T 39046 评价渠道 name`);
  return name;
}

export const USER_PROP = { person: 1, enterprise: 2 } as const satisfies Record<
  ApplicantType,
  number
>;
export const GB_SERVICE_OBJECT = { person: 1, enterprise: 2 } as const satisfies Record<
  ApplicantType,
  number
>;
export const userProp = (type: ApplicantType): number => USER_PROP[type];
export const gbServiceObject = (type: ApplicantType): number => GB_SERVICE_OBJECT[type];

export const EVAL_PROCESS = { receipt: 1, completion: 2 } as const satisfies Record<Stage, number>;
export const evalProcess = (stage: Stage): number => EVAL_PROCESS[stage];

export const ASSESS_NUMBER = { first: 1, appended: 2 } as const satisfies Record<
  "first" | "appended",
  number
>;
export const assessNumber = (kind: "first" | "appended"): RatingNumber => ASSESS_NUMBER[kind];

/**
 * 1 待办理/待受理, 2 办理中/已受理, 3 已完结/已办结. A case turned away at receipt or acceptance is
 * over — nothing more will happen to it — so it is 3, not a 1 or 2 that would stay open upstream
 * forever. Article 18 gives such cases no rating, but a receipt-stage rating made before the
 * acceptance failed can still be in the outbox when the case is pushed.
 */
export const PROVINCE_CASE_STATUS = {
  received: 1,
  receipt_failed: 3,
  accepted: 2,
  acceptance_failed: 3,
  decided: 2,
  certificate_issued: 2,
  completed: 3,
} as const satisfies Record<CaseStatus, number>;
export const provinceCaseStatus = (status: CaseStatus): number => PROVINCE_CASE_STATUS[status];

// A.5 办理形式: a hall self-service terminal is neither a window nor 网上申请, hence 9 其他.
export const GB_HANDLE_FORM = {
  window: 1,
  online_pc: 2,
  online_mobile: 3,
  terminal: 9,
} as const satisfies Record<CaseChannel, number>;
export const gbHandleForm = (channel: CaseChannel): number => GB_HANDLE_FORM[channel];

// Asia/Shanghai is UTC+8 all year, so a fixed offset is exact and needs no time-zone database.
const SHANGHAI_OFFSET = 8 * 3600_000;

/** GB/T 39046 time: YYYYMMDDThhmmss, Shanghai wall clock. */
export function gbTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new Error(`not a time: ${ms}`);
  const iso = new Date(ms + SHANGHAI_OFFSET).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

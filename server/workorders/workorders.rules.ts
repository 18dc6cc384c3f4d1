import { isBad, isServiceIndicator, type Level } from "../ratings/vocabulary";

/**
 * Articles 6, 7 and 21: the life of a 差评 work order, as pure rules (no I/O).
 * open → visited (回访核实 recorded) → rectified (整改措施 recorded) → closed (办结工单, or 12345's
 * `closed`); an order whose rating part is not adopted on appeal ends not_adopted (article 22).
 * Records are append-only; an ended order takes no more.
 */
export const WORK_ORDER_STATUSES = [
  "open",
  "visited",
  "rectified",
  "closed",
  "not_adopted",
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/**
 * Why an order opened (SPEC §9, article 6): every 不满意 is verified, so a service part (服务态度 /
 * 服务能力) rated 不满意 or 非常不满意 opens one even under a good 总体评价 — `service`, marked
 * 服务评价差评 on the desk; any other order is `overall` (the rating's level is bad, or a
 * business indicator, or an appended 差评).
 */
export type WorkOrderBasis = "overall" | "service";
export const BASIS_WORD: Record<WorkOrderBasis, string> = {
  overall: "差评",
  service: "服务评价差评",
};

export function orderBasis(
  overall: Level | null,
  scores: { indicatorCode: string; level: Level }[],
): WorkOrderBasis {
  if (overall === null || isBad(overall)) return "overall";
  return scores.some((s) => isServiceIndicator(s.indicatorCode) && isBad(s.level))
    ? "service"
    : "overall";
}

export const STATUS_WORD: Record<WorkOrderStatus, string> = {
  open: "待处理",
  visited: "已回访",
  rectified: "已整改",
  closed: "已办结",
  not_adopted: "不予采纳",
};

const RANK: Record<WorkOrderStatus, number> = {
  open: 0,
  visited: 1,
  rectified: 2,
  closed: 3,
  not_adopted: 3,
};

export function isEnded(status: WorkOrderStatus): boolean {
  return status === "closed" || status === "not_adopted";
}

/** Past due and not ended (SPEC §9: due at 24:00 of the 10th working day). */
export function isOverdue(order: { status: WorkOrderStatus; dueAt: number }, now: number): boolean {
  return !isEnded(order.status) && now >= order.dueAt;
}

/** A record made at the desk (the form 回访记录). */
export interface DeskRecord {
  visitText?: string | null;
  verified?: boolean | null;
  measures?: string | null;
  interviewed?: boolean;
}

const filled = (s: string | null | undefined) => Boolean(s?.trim());

/** Why a desk record cannot be saved, or null; the sentence says what is missing. */
export function recordRefusal(status: WorkOrderStatus, r: DeskRecord): string | null {
  if (isEnded(status)) return `工单已结束（${STATUS_WORD[status]}），不能再添加记录`;
  if (!filled(r.visitText) && r.verified == null && !filled(r.measures) && !r.interviewed)
    return "请填写回访情况、核实结果或整改措施后再保存";
  if (filled(r.visitText) !== (r.verified != null))
    return filled(r.visitText) ? "请选择核实结果：属实或不属实" : "请填写回访情况";
  if (filled(r.measures) && RANK[status] < RANK.visited && r.verified == null)
    return "请先记录回访情况和核实结果，再填写整改措施";
  return null;
}

/** The status after a desk record that recordRefusal let through: it only moves forward. */
export function statusAfterRecord(status: WorkOrderStatus, r: DeskRecord): WorkOrderStatus {
  let next = status;
  if (r.verified != null && RANK[next] < RANK.visited) next = "visited";
  if (filled(r.measures) && RANK[next] < RANK.rectified) next = "rectified";
  return next;
}

/** What the order's history says, for the closing rule. */
export interface CloseFacts {
  status: WorkOrderStatus;
  /** the latest 核实结果 recorded (desk or 12345), null if none */
  verified: boolean | null;
  /** any 整改措施 recorded (desk), or a 12345 `rectified` result */
  rectified: boolean;
}

/** 办结工单 at the desk: refused until a revisit is recorded, and, when 属实, until 整改措施 are. */
export function closeRefusal(f: CloseFacts): string | null {
  if (isEnded(f.status)) return `工单已结束（${STATUS_WORD[f.status]}），不能再办结`;
  if (RANK[f.status] < RANK.visited)
    return "还没有回访记录：请先记录回访情况和核实结果，再办结工单";
  if (f.verified === true && !f.rectified) return "核实属实的差评须先填写整改措施，再办结工单";
  return null;
}

/** 12345's results (SPEC §6): visited, rectified, closed — never backwards, never after the end. */
const HOTLINE_NEXT: Record<WorkOrderStatus, WorkOrderStatus[]> = {
  open: ["visited", "closed"],
  visited: ["rectified", "closed"],
  rectified: ["closed"],
  closed: [],
  not_adopted: [],
};

export function hotlineResultRefusal(
  from: WorkOrderStatus,
  to: "visited" | "rectified" | "closed",
): string | null {
  if (HOTLINE_NEXT[from].includes(to)) return null;
  if (from === "open" && to === "rectified")
    return "工单还未回访核实，须先报“已回访”，才能报“已整改”";
  return `工单已是“${STATUS_WORD[from]}”，不能再报“${STATUS_WORD[to]}”`;
}

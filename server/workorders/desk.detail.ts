import "server-only";

import { and, count, eq, gt, lte } from "drizzle-orm";

import {
  applicants,
  calendarDays,
  cases,
  hotlineCalls,
  items,
  orgs,
  ratings,
  workOrders,
} from "@/db/schema";
import type { Reader } from "@/db/types";
import zhCN from "@/messages/zh-CN.json";

import type { AdminCtx } from "../access/admin-ctx";
import { inScope, type Scope } from "../access/scope";
import { openApplicantPii } from "../cases/applicant-pii";
import { windowAndStaff } from "../catalog/catalog.service";
import { DomainError } from "../errors";
import { maskName, maskPhone } from "../privacy/mask";
import { revealRater } from "../privacy/reveal";
import { appendedFor } from "../ratings/appended.service";
import { namedScores } from "../ratings/named-scores";
import { ratingLevel } from "../ratings/vocabulary";
import { shanghaiDate } from "../time/shanghai";
import type { TReveal } from "./desk.schema";
import { type WorkOrderEvent, workOrderEvents } from "./timeline";
import { isEnded, isOverdue, STATUS_WORD } from "./workorders.rules";

/** A line of the desk's timeline: every event, in the desk's words, with who acted. */
export interface DeskTimelineEntry {
  at: number;
  kind:
    | "created"
    | "sent"
    | "result"
    | "record"
    | "close"
    | "appended"
    | "fix"
    | "appeal"
    | "appeal_decided"
    | "supervise";
  title: string;
  lines: string[];
  by: string | null;
}

/** The order's row, or not-found when it is missing or outside the scope (SPEC §7: never "forbidden"). */
export async function orderInScope(db: Reader, scope: Scope, id: string) {
  const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, id));
  if (!wo || !inScope(scope, wo.orgId)) throw new DomainError("not_found", "找不到这个工单");
  return wo;
}

/** Working days after today up to the due day, on the calendar table (DESIGN §7): 0 on the due day itself. */
async function workingDaysLeft(db: Reader, now: number, dueAt: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(calendarDays)
    .where(
      and(
        gt(calendarDays.date, shanghaiDate(now)),
        lte(calendarDays.date, shanghaiDate(dueAt - 1)),
        eq(calendarDays.workday, true),
      ),
    );
  return row?.n ?? 0;
}

const verifiedWord = (v: boolean | null) =>
  v === null ? null : `核实结果：${v ? "属实" : "不属实"}`;
/** the catalogue's level words, the ones the rater chose from (a fix is rated with three of them) */
const LEVEL_WORD = zhCN.client.levels;

const pushWord = (e: Extract<WorkOrderEvent, { kind: "sent" }>) =>
  e.status === "sent"
    ? "已推送 12345 热线"
    : e.status === "dead"
      ? "推送 12345 失败，已停止重试"
      : e.attempts > 0
        ? `推送 12345 未成功（已试 ${e.attempts} 次），稍后重试`
        : "等待推送 12345 热线";

/**
 * One timeline (SPEC §7): created, sent to 12345, each of 12345's results and each desk record,
 * and what the rater and the appeal did meanwhile — the 追加评价, the fix rated (and a reopening),
 * an appeal filed and decided, 督办 — so the desk never acts on half the story.
 */
export function deskTimeline(events: WorkOrderEvent[]): DeskTimelineEntry[] {
  return events.map((e): DeskTimelineEntry => {
    const { at } = e;
    switch (e.kind) {
      case "created":
        return { at, kind: "created", title: "差评生成工单", lines: [], by: "系统" };
      case "sent":
        return {
          at,
          kind: "sent",
          title: pushWord(e),
          lines: e.status !== "sent" && e.lastError ? [`最近一次错误：${e.lastError}`] : [],
          by: "系统",
        };
      case "result":
        return {
          at,
          kind: "result",
          title: `12345 反馈：${STATUS_WORD[e.status]}`,
          lines: [verifiedWord(e.verified), e.text].filter((x): x is string => !!x),
          by: "12345 热线",
        };
      case "desk":
        return {
          at,
          kind: e.close ? "close" : "record",
          title: e.close ? "办结工单" : "回访记录",
          lines: [
            e.visitText ? `回访情况：${e.visitText}` : null,
            verifiedWord(e.verified),
            e.measures ? `整改措施：${e.measures}` : null,
            e.interviewed ? "已约谈责任人" : null,
          ].filter((x): x is string => !!x),
          by: e.by,
        };
      case "appended":
        return {
          at,
          kind: "appended",
          title: e.level ? `评价人追加评价：${LEVEL_WORD[e.level]}` : "评价人追加评价",
          lines: [e.text],
          by: "评价人",
        };
      case "fix_rated":
        return {
          at,
          kind: "fix",
          title: `评价人评价整改结果：${LEVEL_WORD[e.level]}`,
          lines: e.reopened ? ["工单已重新打开，办结期限重新计算 10 个工作日"] : [],
          by: "评价人",
        };
      case "appeal":
        return { at, kind: "appeal", title: "对服务评价提出申诉", lines: [], by: e.by };
      case "appeal_decided":
        return {
          at,
          kind: "appeal_decided",
          title: e.outcome === "adopted" ? "申诉采纳：服务评价不予采纳" : "申诉驳回：评价保持有效",
          lines: [],
          by: "主管部门",
        };
      case "supervise":
        return { at, kind: "supervise", title: "督办", lines: [e.note], by: e.by };
    }
  });
}

/** Everything the desk shows of one order (SPEC §7 `/admin/work-orders/<id>`); the rater masked unless they agreed to be contacted. */
export async function workOrderDetail(
  { deps, scope }: Pick<AdminCtx, "deps" | "scope">,
  id: string,
) {
  const db = deps.database.db;
  const now = deps.clock.now();
  const wo = await orderInScope(db, scope, id);
  const [r] = await db.select().from(ratings).where(eq(ratings.id, wo.ratingId));
  if (!r) throw new Error(`rating of work order ${id} is missing`);
  const scores = await namedScores(db, r.scores);
  const [c] = wo.caseId
    ? await db
        .select({
          serialNo: cases.serialNo,
          itemCode: items.code,
          itemName: items.name,
          orgName: orgs.name,
          piiEnc: applicants.piiEnc,
        })
        .from(cases)
        .innerJoin(items, eq(items.id, cases.itemId))
        .innerJoin(orgs, eq(orgs.id, cases.orgId))
        .innerJoin(applicants, eq(applicants.id, cases.applicantId))
        .where(eq(cases.id, wo.caseId))
    : [];
  const [call] = r.callId
    ? await db.select().from(hotlineCalls).where(eq(hotlineCalls.callId, r.callId))
    : [];
  const { win, person } = await windowAndStaff(db, r);
  const applicant = c ? openApplicantPii(deps.pii, c.piiEnc) : null;
  const name = applicant
    ? applicant.name
    : call?.callerNameEnc
      ? deps.pii.decrypt(call.callerNameEnc)
      : null;
  const phone = applicant ? applicant.phone : call ? deps.pii.decrypt(call.callerPhoneEnc) : null;
  const status = wo.status;
  return {
    id: wo.id,
    status,
    statusWord: STATUS_WORD[status],
    basis: wo.basis,
    createdAt: wo.createdAt,
    dueAt: wo.dueAt,
    overdue: isOverdue(wo, now),
    workingDaysLeft: isEnded(status) ? null : await workingDaysLeft(db, now, wo.dueAt),
    ended: isEnded(status),
    rating: {
      id: r.id,
      stage: r.stage,
      channel: r.channel,
      createdAt: r.createdAt,
      level: ratingLevel(r.overallLevel, scores),
      scores,
    },
    case: c
      ? { serialNo: c.serialNo, itemCode: c.itemCode, itemName: c.itemName, orgName: c.orgName }
      : null,
    call: call ? { callId: call.callId, operatorNo: call.operatorNo, channel: call.channel } : null,
    window: win ?? null,
    staff: person ?? null,
    // article 16: the phone only when the rater ticked 同意回访; otherwise an audited 查看完整信息
    rater: {
      consent: wo.contactConsent,
      name: name ? maskName(name) : null,
      phone: phone ? (wo.contactConsent ? phone : maskPhone(phone)) : null,
    },
    // a 差评 appended to a stage rated well opens the order: the desk sees it beside the first rating
    appended: await appendedFor(db, r.id),
    timeline: deskTimeline((await workOrderEvents(db, [wo.id])).get(wo.id) ?? []),
  };
}
export type TWorkOrderDetail = Awaited<ReturnType<typeof workOrderDetail>>;

/** 查看完整信息 on a work order: the rater's name and phone, the reason audited (article 16). */
export async function revealOrderRater(
  c: Pick<AdminCtx, "deps" | "actor" | "scope">,
  input: TReveal,
): Promise<{ name: string | null; phone: string | null }> {
  const wo = await orderInScope(c.deps.database.db, c.scope, input.id);
  return revealRater(c, { kind: "work_order", ...wo, ratingId: wo.ratingId }, input.reason);
}

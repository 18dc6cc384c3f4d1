/**
 * Article 22 (第二十二条) of the Taishan rules, as pure rules (SPEC §9 "Appeals"):
 *
 *   第二十二条 对经核实的对窗口工作人员或12345热线接线员的不实评价或恶意评价，将证明材料反馈至
 *   市政务服务数据管理局，经人员管理单位确认，评价结果不予采纳。
 *   对事项管理、办事流程、服务效率、服务便民度，政务服务平台的便捷性、完善性的评价结果，不接受
 *   申诉修改评价结果，但可在绩效考核中根据回访核实和整改处理情况酌情考虑。
 *
 * So: only the service part of a rating (the window staff's or the 12345 operator's 服务态度 /
 * 服务能力) may be appealed, by the org admin of that staff's org, with evidence; the bureau
 * decides 采纳 / 驳回; an adopted appeal marks the part 不予采纳 (the rating stays). 总体评价 and
 * the business indicators cannot be appealed: the refusal quotes the article's second paragraph.
 */

import { isBad, type Level } from "../ratings/vocabulary";

export const ARTICLE_22 =
  "第二十二条 对经核实的对窗口工作人员或12345热线接线员的不实评价或恶意评价，将证明材料反馈至市政务服务数据管理局，经人员管理单位确认，评价结果不予采纳。";

/** The words an appeal against 总体评价 or a business indicator is refused with, on the page and on the server. */
export const ARTICLE_22_REFUSAL =
  "根据《台山市政务服务“好差评”工作实施细则》第二十二条，对事项管理、办事流程、服务效率、服务便民度，政务服务平台的便捷性、完善性的评价结果，不接受申诉修改评价结果，但可在绩效考核中根据回访核实和整改处理情况酌情考虑。只能对窗口工作人员或12345热线接线员的服务评价（服务态度、服务能力）提出申诉。";

export const NOT_ADOPTED = "不予采纳";
export const OUTCOME_WORD = { adopted: "采纳", rejected: "驳回" } as const;
export type Outcome = keyof typeof OUTCOME_WORD;
export type Group = "overall" | "business" | "service";

export interface RatedScore {
  indicatorCode: string;
  level: Level;
}

export interface AppealRequest {
  role: "staff" | "org_admin" | "bureau";
  /** the indicators the appeal names */
  indicatorCodes: string[];
  reason: string;
  fileCount: number;
}

export interface RatingFacts {
  scores: RatedScore[];
  /** the group of each indicator in the rating's catalogue version */
  groupOf: (code: string) => Group | undefined;
  /** a window staff member or a 12345 operator was rated */
  hasPerson: boolean;
}

export type Refusal = { code: "forbidden" | "invalid"; field: string; message: string };

export const REASON_MIN = 5;
export const REASON_MAX = 2000;

/**
 * Why this appeal may not be filed, or null. The order matters: who, then what (article 22),
 * then the form's fields; the first refusal is the one shown.
 */
export function appealRefusal(req: AppealRequest, rating: RatingFacts): Refusal | null {
  if (req.role !== "org_admin")
    return {
      code: "forbidden",
      field: "role",
      message: "申诉由被评价工作人员所在机构的管理员提出；市政务服务数据管理局负责决定",
    };
  if (req.indicatorCodes.length === 0)
    return {
      code: "invalid",
      field: "indicatorCodes",
      message: "申诉指标：请选择服务态度或服务能力",
    };
  if (req.indicatorCodes.some((c) => rating.groupOf(c) !== "service"))
    return { code: "invalid", field: "indicatorCodes", message: ARTICLE_22_REFUSAL };
  if (!rating.hasPerson)
    return {
      code: "invalid",
      field: "ratingId",
      message: `这条评价没有针对窗口工作人员或12345热线接线员的评价。${ARTICLE_22_REFUSAL}`,
    };
  const rated = new Set(rating.scores.map((s) => s.indicatorCode));
  const missing = req.indicatorCodes.find((c) => !rated.has(c));
  if (missing)
    return {
      code: "invalid",
      field: "indicatorCodes",
      message: `申诉指标：这条评价没有评价“${missing}”`,
    };
  const reason = req.reason.trim();
  if (reason.length < REASON_MIN)
    return {
      code: "invalid",
      field: "reason",
      message: `申诉理由：请写明理由（至少 ${REASON_MIN} 个字）`,
    };
  if (reason.length > REASON_MAX)
    return { code: "invalid", field: "reason", message: `申诉理由：不能超过 ${REASON_MAX} 个字` };
  if (req.fileCount < 1 || req.fileCount > 5)
    return {
      code: "invalid",
      field: "files",
      message: "证明材料：请上传 1 至 5 个文件（PDF、JPEG 或 PNG，每个不超过 10 MB）",
    };
  return null;
}

/** The indicators of a rating that may be appealed (its rated service indicators). */
export function appealableIndicators(rating: RatingFacts): string[] {
  if (!rating.hasPerson) return [];
  return rating.scores
    .filter((s) => rating.groupOf(s.indicatorCode) === "service")
    .map((s) => s.indicatorCode);
}

/**
 * A work order opened only by the service part (every 不满意 / 非常不满意 of the rating is a
 * service indicator) ends `not_adopted` when that part is not adopted; an order also opened by
 * 总体评价 or a business indicator goes on.
 */
export function openedOnlyByService(rating: Pick<RatingFacts, "scores" | "groupOf">): boolean {
  const bad = rating.scores.filter((s) => isBad(s.level));
  return bad.length > 0 && bad.every((s) => rating.groupOf(s.indicatorCode) === "service");
}

export function decisionRefusal(req: {
  role: string;
  outcome: string;
  reason: string;
  alreadyDecided: boolean;
}): Refusal | null {
  if (req.role !== "bureau")
    return { code: "forbidden", field: "role", message: "申诉由市政务服务数据管理局决定" };
  if (req.alreadyDecided)
    return { code: "invalid", field: "appealId", message: "这条申诉已经决定，决定不能更改" };
  if (req.outcome !== "adopted" && req.outcome !== "rejected")
    return { code: "invalid", field: "outcome", message: "决定：请选择采纳或驳回" };
  const reason = req.reason.trim();
  if (reason.length < 2)
    return { code: "invalid", field: "reason", message: "决定理由：请写明理由" };
  if (reason.length > REASON_MAX)
    return { code: "invalid", field: "reason", message: `决定理由：不能超过 ${REASON_MAX} 个字` };
  return null;
}

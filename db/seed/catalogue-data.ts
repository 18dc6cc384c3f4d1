/**
 * The indicator catalogue of the Taishan rules (the two tables at the end), one sentence per tag.
 * Codes are stable: `<indicator>.<level>[.<n>]`. Text is the rules' own wording.
 */

import { type Level, LEVELS } from "../../server/ratings/vocabulary";

export interface IndicatorSeed {
  code: string;
  grp: "overall" | "business" | "service";
  dimension: string | null;
  name: string;
  tags: Partial<Record<Level, string[]>>;
}

const biz = (
  code: string,
  dimension: string,
  name: string,
  sentences: [string, string, string, string, string],
): IndicatorSeed => ({
  code: `biz.${code}`,
  grp: "business",
  dimension,
  name,
  tags: Object.fromEntries(LEVELS.map((l, i) => [l, [sentences[i]!]])),
});

export const OTHER = "其他";

export const INDICATORS: IndicatorSeed[] = [
  {
    code: "overall",
    grp: "overall",
    dimension: null,
    name: "总体评价",
    // The rules give the overall no sentences; these are the most frequent published bad-review
    // tags (REFERENCE.md), bureau-editable, so a bad overall need not be typed.
    tags: {
      unsatisfied: [
        "无理由超过法定办理时间",
        "在办事指南之外增加新的审批条件",
        "需提供办事指南之外的申报材料",
        OTHER,
      ],
      very_unsatisfied: [
        "无理由超过法定办理时间",
        "在办事指南之外增加新的审批条件",
        "需提供办事指南之外的申报材料",
        OTHER,
      ],
    },
  },
  biz("venue", "服务规范性", "办事场所", [
    "该事项在网上政务综合大厅办理",
    "该事项在部门网上综合大厅办理",
    "该事项在综合实体大厅办理",
    // gap in the rules' table, decided in DESIGN §7
    "该事项需要到部门实体服务大厅办理",
    "该事项需要到受理部门的办公场所办理",
  ]),
  biz("window", "服务规范性", "办事窗口", [
    "该事项在综合窗口受理和出件，一次办成",
    "该事项在实体政务大厅的部门专窗受理，综合窗口出件",
    "该事项在实体政务大厅的部门专窗受理和出件",
    "该事项在实体政务大厅的部门专窗受理，实体大厅外取件",
    "该事项只能在实体政务大厅的部门专窗咨询，不能当场办结",
  ]),
  biz("one_form", "服务规范性", "一表申请", [
    "通过一张表单完成了多个事项的申报",
    "只需要填写一张表单就完成了该事项的申报",
    "该事项办理前提供一张清单告知所要提交的材料",
    "办理该事项需提供材料清单以外的其他材料",
    "没有以清单的方式一次性告知全部申报材料",
  ]),
  biz("online_depth", "服务便捷性", "网办深度", [
    "该事项在网上申报，提供预审服务，在线反馈办理结果",
    "该事项在网上申报，能够网上反馈办理结果",
    "该事项支持网上申报或网上反馈",
    "该事项仅提供网上咨询",
    "该事项仅支持网上查阅",
  ]),
  biz("mobile", "服务便捷性", "移动办理", [
    "下载政务综合移动端 APP 后，用手机成功申报该事项",
    "该事项通过部门综合 APP 申报",
    "该事项支持计算机端、移动端、自助终端多渠道办理",
    "该事项需要下载部门专项 APP 办理",
    "该事项办理过程中需通过不同的渠道或下载多个 APP",
  ]),
  biz("trips", "服务便捷性", "跑动次数", [
    "该事项办理全过程不用跑实体大厅",
    "该事项办理全过程只到现场 1 次就能办成",
    "该事项办理全过程需要到现场 2 次才能办成",
    "该事项办理过程中需要到实体大厅 2 次以上",
    "该事项办理过程中出现反复跑、来回跑、多头跑的情形",
  ]),
  biz("guidance", "服务精确性", "服务引导", [
    "该事项在网上查找到，可在网上或实体政务大厅办理",
    "在网上办事指南的引导下，顺利到实体大厅办理、使用自助机办完该事项",
    "在网上能查找到该事项办理的时间、地点、方式",
    "该事项是通过咨询实体政务大厅工作人员后才找到办理窗口",
    "只有通过咨询窗口服务人员才了解到如何办理事项",
  ]),
  biz("materials", "服务精确性", "申报材料", [
    "办理该事项不需要提交政府部门出具的各类证照批文",
    "该事项办理过程中，曾经提交过的同类材料不需要再次提交",
    "提供材料样本、编写示例和错误示例",
    "该事项的办事指南未列明应提交的材料",
    "该事项办事指南未列明材料清单，需反复补充材料",
  ]),
  biz("duration", "服务精确性", "办理时间", [
    "该事项当场办结或一个工作日内办结",
    "该事项在承诺时限内办结",
    "该事项在法定时限内办结",
    "该事项出现了延期办结的情形",
    "该事项超过法定时限办结且未给出正当理由",
  ]),
  {
    code: "svc.attitude",
    grp: "service",
    dimension: null,
    name: "服务态度",
    tags: {
      very_satisfied: ["工作人员着装规范，微笑服务，主动服务，热情周到"],
      satisfied: ["工作人员着装整洁，主动服务，礼貌用语"],
      basic: ["工作人员着装整洁，规范提供服务"],
      unsatisfied: ["工作人员服务不主动不热情，询问不能及时回答", OTHER],
      very_unsatisfied: ["工作人员态度恶劣，故意刁难", OTHER],
    },
  },
  {
    code: "svc.ability",
    grp: "service",
    dimension: null,
    name: "服务能力",
    tags: {
      very_satisfied: ["工作人员业务精通，办事效率高"],
      satisfied: ["工作人员业务熟悉，办事效率较高"],
      basic: ["工作人员业务较熟悉，能够顺利完成申办业务"],
      unsatisfied: ["工作人员业务不熟，办事效率较低", OTHER],
      very_unsatisfied: [
        "工作人员业务非常不熟悉，办事效率低",
        "对办事材料不能一次告知或告知不清晰、不具体",
        OTHER,
      ],
    },
  },
];

export interface TagSeed {
  indicatorCode: string;
  level: Level;
  code: string;
  text: string;
  needsText: boolean;
  sort: number;
}

/** Every tag with its stable code: `<indicator>.<level>.<n>`, or `.other` for 其他 (which needs text). */
export const TAGS: TagSeed[] = INDICATORS.flatMap((ind) =>
  LEVELS.flatMap((level) =>
    (ind.tags[level] ?? []).map((text, n) => ({
      indicatorCode: ind.code,
      level,
      code: text === OTHER ? `${ind.code}.${level}.other` : `${ind.code}.${level}.${n + 1}`,
      text,
      needsText: text === OTHER,
      sort: n,
    })),
  ),
);

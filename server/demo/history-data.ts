/** The demo history's places and words (server/demo/history.ts): the demo's fixed codes, realistic Taishan names. */
export interface Place {
  windowCode: string;
  staffNo: string;
  orgCode: string;
  items: readonly string[];
  /** cases a working day, from–to */
  perDay: readonly [number, number];
}

export const PLACES: readonly Place[] = [
  {
    windowCode: "W01",
    staffNo: "TS0001",
    orgCode: "440781",
    items: ["ITEM-0001", "ITEM-0004"],
    perDay: [3, 6],
  },
  {
    windowCode: "W02",
    staffNo: "TS0002",
    orgCode: "440781",
    items: ["ITEM-0001", "ITEM-0004"],
    perDay: [2, 5],
  },
  {
    windowCode: "W11",
    staffNo: "TS1101",
    orgCode: "440781101",
    items: ["ITEM-0101"],
    perDay: [1, 4],
  },
  {
    windowCode: "W21",
    staffNo: "TS1201",
    orgCode: "440781102",
    items: ["ITEM-0201"],
    perDay: [0, 3],
  },
];

/** Common surnames of Taishan (黄, 李, 陈, 伍, 刘, 关, 甄, 梅, 雷, 朱, 余, 林, 邝, 谭) and given names. */
export const APPLICANT_NAMES = {
  surnames: ["黄", "李", "陈", "伍", "刘", "关", "甄", "梅", "雷", "朱", "余", "林", "邝", "谭"],
  given: [
    "秀英",
    "美玲",
    "志强",
    "国华",
    "丽珍",
    "伟明",
    "少芬",
    "锦荣",
    "惠娟",
    "家豪",
    "嘉欣",
    "永康",
    "玉莲",
    "建新",
    "婉仪",
    "振华",
  ],
} as const;

/** A 差评's overall tag (`overall.<level>.<tag>`) and written reason, as people write them (the analysis page's keywords come from these). */
export const BAD_REASONS: readonly { tag: string; text: string; service: boolean }[] = [
  { tag: "3", text: "材料清单没有一次性告知，来回跑了三趟才补齐", service: false },
  { tag: "3", text: "要求提供办事指南上没有的证明材料，窗口说不清依据", service: false },
  { tag: "1", text: "说好五个工作日办结，超过时间也没有人通知进度", service: false },
  { tag: "other", text: "窗口人员态度冷淡，问了两次才回答，排队等了一个多小时", service: true },
  { tag: "other", text: "工作人员玩手机，叫号后迟迟不办理", service: true },
  { tag: "2", text: "临时增加审批条件，要先去村委开证明", service: false },
  { tag: "other", text: "系统故障等了很久，也没有人解释原因", service: false },
];

export const DESK_VISITS = [
  "已电话回访申请人，了解具体情况并致歉",
  "已回访申请人，核实窗口当日业务量大、告知不到位",
  "电话回访两次未接通，第三次联系上申请人，已说明情况",
  "已约申请人到大厅面谈，当面解释办理流程",
] as const;

export const DESK_MEASURES = [
  "对窗口人员进行服务规范培训，制作一次性告知材料清单",
  "调整高峰时段窗口人手，增设引导岗",
  "对责任人进行批评教育，纳入月度考核",
  "更新办事指南，删除无依据的证明材料要求",
] as const;

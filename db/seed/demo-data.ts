/**
 * The demo's fixed codes (SPEC §6) and realistic Taishan names. `en` is the English a rating page
 * shows (written here; 繁體 is converted at seed time, db/seed/names-i18n.ts).
 */
export const CITY = { code: "440781", name: "台山市", en: "Taishan City" };
export const CITY_HALL = {
  code: "440781-H01",
  name: "台山市行政服务中心",
  en: "Taishan Administrative Service Center",
};
export const DEPARTMENTS = [
  {
    code: "440781-D01",
    name: "台山市市场监督管理局",
    en: "Taishan Administration for Market Regulation",
  },
  {
    code: "440781-D02",
    name: "台山市人力资源和社会保障局",
    en: "Taishan Human Resources and Social Security Bureau",
  },
  { code: "440781-D03", name: "台山市公安局", en: "Taishan Public Security Bureau" },
];
/** 台城街道 and the 16 towns of Taishan. */
export const TOWNS = (
  [
    ["台城街道", "Taicheng Subdistrict"],
    ["大江镇", "Dajiang Town"],
    ["水步镇", "Shuibu Town"],
    ["四九镇", "Sijiu Town"],
    ["白沙镇", "Baisha Town"],
    ["三合镇", "Sanhe Town"],
    ["冲蒌镇", "Chonglou Town"],
    ["斗山镇", "Doushan Town"],
    ["都斛镇", "Duhu Town"],
    ["赤溪镇", "Chixi Town"],
    ["端芬镇", "Duanfen Town"],
    ["广海镇", "Guanghai Town"],
    ["海宴镇", "Haiyan Town"],
    ["汶村镇", "Wencun Town"],
    ["深井镇", "Shenjing Town"],
    ["北陡镇", "Beidou Town"],
    ["川岛镇", "Chuandao Town"],
  ] as const
).map(([name, en], i) => ({ code: `440781${String(101 + i)}`, name, en }));
export const VILLAGE = {
  code: "440781101001",
  name: "台城街道城东社区",
  en: "Chengdong Community, Taicheng Subdistrict",
  parentCode: "440781101",
};
export const TOWN_HALL = {
  code: "440781101-H01",
  name: "台城街道公共服务中心",
  en: "Taicheng Subdistrict Public Service Center",
  parentCode: "440781101",
};

export const WINDOWS = [
  { code: "W01", name: "综合受理窗口 1 号" },
  { code: "W02", name: "综合受理窗口 2 号" },
];
export const STAFF = [
  { staffNo: "TS0001", name: "李敏", windowCode: "W01" },
  { staffNo: "TS0002", name: "陈伟", windowCode: "W02" },
];
export const TERMINALS = [{ code: "T01", name: "行政服务中心一楼自助服务终端" }];
export const ITEMS = [
  {
    code: "ITEM-0001",
    name: "社会保障卡信息变更",
    en: "Change of social security card details",
    needsCertificate: false,
  },
  {
    code: "ITEM-0002",
    name: "食品经营许可证核发",
    en: "Food business licence",
    needsCertificate: true,
  },
  {
    code: "ITEM-0003",
    name: "个体工商户设立登记",
    en: "Registration of a sole proprietorship",
    needsCertificate: true,
  },
  {
    code: "ITEM-0004",
    name: "城乡居民基本养老保险参保登记",
    en: "Enrolment in the basic pension insurance for urban and rural residents",
    needsCertificate: false,
  },
];

/** Demo sign-in accounts (README lists them). Demo passwords: change them before any real use. */
export const ACCOUNTS = [
  {
    login: "TS0001",
    password: "demo-staff",
    role: "staff" as const,
    displayName: "李敏",
    staffNo: "TS0001",
  },
  {
    login: "TS0002",
    password: "demo-staff",
    role: "staff" as const,
    displayName: "陈伟",
    staffNo: "TS0002",
  },
  {
    login: "admin-440781",
    password: "demo-admin",
    role: "org_admin" as const,
    displayName: "台山市行政服务中心管理员",
    orgCode: "440781",
  },
  {
    login: "bureau",
    password: "demo-bureau",
    role: "bureau" as const,
    displayName: "市政务服务数据管理局",
  },
];

/**
 * The back office's additions (SPEC §6, last paragraph): a town hall window of 台城街道 and one of
 * 大江镇, an item of each, their org admins and staff logins. Added to an existing demo on its next start.
 */
export const BACK_OFFICE = {
  windows: [
    { code: "W11", name: "台城街道综合窗口 1 号", orgCode: "440781101-H01" },
    { code: "W21", name: "大江镇综合窗口 1 号", orgCode: "440781102" },
  ],
  staff: [
    { staffNo: "TS1101", name: "黄丽", windowCode: "W11", orgCode: "440781101-H01" },
    { staffNo: "TS1201", name: "伍强", windowCode: "W21", orgCode: "440781102" },
  ],
  items: [
    {
      code: "ITEM-0101",
      name: "居住证签注",
      en: "Residence permit endorsement",
      needsCertificate: false,
      orgCode: "440781101",
    },
    {
      code: "ITEM-0201",
      name: "农村建房报建",
      en: "Rural house building application",
      needsCertificate: false,
      orgCode: "440781102",
    },
  ],
  accounts: [
    {
      login: "admin-440781101",
      password: "demo-admin",
      role: "org_admin" as const,
      displayName: "台城街道管理员",
      orgCode: "440781101",
    },
    {
      login: "admin-440781102",
      password: "demo-admin",
      role: "org_admin" as const,
      displayName: "大江镇管理员",
      orgCode: "440781102",
    },
    {
      login: "TS1101",
      password: "demo-staff",
      role: "staff" as const,
      displayName: "黄丽",
      staffNo: "TS1101",
    },
    {
      login: "TS1201",
      password: "demo-staff",
      role: "staff" as const,
      displayName: "伍强",
      staffNo: "TS1201",
    },
  ],
};

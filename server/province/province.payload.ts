import type { CaseStatus, Channel as CaseChannel, Stage } from "../cases/cases.rules";
import { maskIdNumber, maskPhone } from "../privacy/mask";
import type { Level } from "../ratings/vocabulary";
import {
  type ApplicantType,
  assessNumber,
  channelCode,
  type ChannelProfile,
  evalProcess,
  gbSatisfactionCode,
  gbTime,
  provinceCaseStatus,
  provinceStar,
  type RatingChannel,
  type RatingNumber,
  userProp,
} from "./province.codes";

/**
 * What the push needs to know about one rating, in the product's own terms. It deliberately has
 * no field for the applicant's name, ID number or phone: the province identifies the case by its
 * 办件编号, and whatever is not in this type cannot leak into the record.
 */
export interface ProvinceRatingInput {
  ratingId: string;
  source: "rater" | "default" | "hotline";
  stage: Stage;
  channel: RatingChannel;
  /** The overall level; for a receipt-stage rating (service only) the 服务态度 level. */
  level: Level;
  tagCodes: string[];
  text?: string | undefined;
  ratedAt: number;
  ratingNumber: RatingNumber;
  case: {
    serialNo: string;
    itemCode: string;
    itemName: string;
    orgCode: string;
    creditCode?: string | undefined;
    regionCode: string;
    receivedAt: number;
    completedAt: number | null;
    status: CaseStatus;
    channel: CaseChannel;
  };
  applicantType: ApplicantType;
  staffNo?: string | undefined;
}

export interface ProvincePayload {
  assessId: string;
  projectNo: string;
  taskCode: string;
  taskName: string;
  deptCode: string;
  areaCode: string;
  projectStatus: number;
  acceptDate: string;
  finishDate: string | null;
  pf: number;
  star: number;
  satisfaction: number;
  evalProcess: number;
  assessNumber: number;
  contentCodes: string;
  evalContent: string;
  evalTime: string;
  userProp: number;
  handleUserNo: string | null;
  isDefault: 0 | 1;
}

// Raters do type their phone or ID number into the comment; the province has no use for either.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;
const scrubText = (text: string): string =>
  text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone);

/** The JSON record pushed upstream for one rating (SPEC §6, article 13). Pure; throws on what the profile cannot express. */
export function provincePayload(
  input: ProvinceRatingInput,
  profile: ChannelProfile = "guangdong",
): ProvincePayload {
  const c = input.case;
  if (!/^\d{6}$/.test(c.regionCode))
    throw new Error(`regionCode must be 6 digits, got "${c.regionCode}"`);
  const isDefault = input.source === "default";
  return {
    assessId: input.ratingId,
    projectNo: c.serialNo,
    taskCode: c.itemCode,
    taskName: c.itemName,
    // REFERENCE.md: the province's 部门编码 is the 18-character 统一社会信用代码 when the org has one.
    deptCode: c.creditCode ?? c.orgCode,
    areaCode: c.regionCode,
    projectStatus: provinceCaseStatus(c.status),
    acceptDate: gbTime(c.receivedAt),
    finishDate: c.completedAt === null ? null : gbTime(c.completedAt),
    // A default is 系统默认评价 whichever channel the stage was open on; nobody rated through it.
    pf: channelCode(isDefault ? "system" : input.channel, profile),
    star: provinceStar(input.level),
    satisfaction: gbSatisfactionCode(input.level),
    evalProcess: evalProcess(input.stage),
    assessNumber: assessNumber(input.ratingNumber === 1 ? "first" : "appended"),
    contentCodes: input.tagCodes.join(","),
    evalContent: scrubText(input.text ?? ""),
    evalTime: gbTime(input.ratedAt),
    userProp: userProp(input.applicantType),
    handleUserNo: input.staffNo ?? null,
    isDefault: isDefault ? 1 : 0,
  };
}

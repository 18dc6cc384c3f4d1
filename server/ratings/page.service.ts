import "server-only";

import { sql } from "drizzle-orm";

import { $, columns, query } from "@/db/prepared";
import { ratings, ratingStages, staff } from "@/db/schema";

import { type CatalogueIndicator, localizedCatalogue } from "../catalog/indicators.service";
import { DEFAULT_LOCALE, type Locale, nameIn } from "../catalog/locale";
import type { Deps } from "../deps";
import { isDomainError } from "../errors";
import { feedbackSent as feedbackSentFor } from "../feedback/feedback.service";
import { maskedPhoneOf } from "../identity/otp.service";
import type { RaterSession } from "../identity/session";
import { appendedOfCases, type AppendedView } from "./appended.service";
import { defaultRating, isRateable, ratedIndicators, type Score } from "./ratings.rules";
import { caseForToken } from "./ratings.service";
import { parseScores } from "./scores";
import type { Level } from "./vocabulary";

export interface CaseHeader {
  itemName: string;
  serialNo: string;
  orgName: string;
  date: number;
  staffNo: string | null;
  staffName: string | null;
  terminalCode: string | null;
  /** article 20: the serial numbers of a batch rated once */
  batch: string[] | null;
  /** article 20: a 一件事 theme — its name and related items, each of which may be rated on its own */
  theme: { name: string; items: { serialNo: string; itemName: string }[] } | null;
}
export interface RatingView {
  stage: "receipt" | "completion";
  source: "rater" | "default" | "hotline";
  createdAt: number;
  overallLevel: Level | null;
  /** `textHidden`: the rater wrote a reason, shown only to the applicant (article 16) */
  scores: (Score & { indicatorName: string; tagTexts: string[]; textHidden?: true })[];
  /** 追加评价 (SPEC §3), shown as appended; its words, like the rating's, only to the applicant */
  appended?: { level: Level | null; createdAt: number; text?: string; textHidden?: true };
}
export type PageState =
  | "open"
  | "rated"
  | "receipt"
  | "not_completed"
  | "window_closed"
  | "not_open"
  | "expired"
  | "revoked"
  | "invalid"
  | "wrong_person";

export type RatingPage =
  | { state: "invalid" | "expired" | "revoked"; message: string; why: keyof typeof TOKEN_MESSAGES }
  | {
      state: Exclude<PageState, "invalid" | "expired" | "revoked">;
      header: CaseHeader;
      /** the stage the form rates (open / receipt / wrong_person) */
      stage: "receipt" | "completion" | null;
      indicators: CatalogueIndicator[];
      needsProof: boolean;
      maskedPhone: string | null;
      dynamic: boolean;
      shown: RatingView[];
      /** a receipt stage still open after the completion one (offered after it) */
      alsoOpen: "receipt" | null;
      reason?: "receipt_failed" | "acceptance_failed";
      /** not_open on a phone: whether 意见反馈 (SPEC §4) was already sent for this case (absent: not offered) */
      feedbackSent?: boolean;
    };

const TOKEN_MESSAGES = {
  expired: "二维码已过期。请回到窗口重新扫码，或登录“我的办件”评价。",
  used: "这个二维码已经用过了。请在窗口重新扫码。",
  revoked: "这个二维码已作废。",
  invalid: "无法识别这个二维码，请确认是台山好差评的评价码。",
} as const;

const tokenState = (
  state: "invalid" | "expired" | "revoked",
  why: keyof typeof TOKEN_MESSAGES,
) => ({ state, why, message: TOKEN_MESSAGES[why] });

// every scan renders this page: its reads are built once (db/prepared.ts); a batch's or theme's cases come as one JSON list
const stageFields = {
  caseId: ratingStages.caseId,
  stage: ratingStages.stage,
  status: ratingStages.status,
  closesAt: ratingStages.closesAt,
  staffId: ratingStages.staffId,
  staffNo: staff.staffNo,
  staffName: staff.name,
};
const stagesOfCases = query<{
  caseId: string;
  stage: "receipt" | "completion";
  status: (typeof ratingStages.$inferSelect)["status"];
  closesAt: number | null;
  staffId: string | null;
  staffNo: string | null;
  staffName: string | null;
}>(
  () => sql`select ${columns(stageFields)} from ${ratingStages} left join ${staff} on ${staff.id} = ${ratingStages.staffId}
    where ${ratingStages.caseId} in (select value from json_each(${$("caseIds")}))`,
);
const shownFields = {
  id: ratings.id,
  stage: ratings.stage,
  source: ratings.source,
  seq: ratings.seq,
  createdAt: ratings.createdAt,
  overallLevel: ratings.overallLevel,
  scores: ratings.scores,
};
type ShownRating = { [K in keyof typeof shownFields]: (typeof ratings.$inferSelect)[K] };
const ratingsOfCase = query<ShownRating>(
  () =>
    sql`select ${columns(shownFields)} from ${ratings} where ${ratings.caseId} = ${$("caseId")}`,
);

/**
 * Everything the rating page needs for one scan: the state of SPEC §7 and what to show. On an
 * enrolled terminal the device is the proof (`byDevice`), so no real-name step is shown.
 */
export async function ratingPage(
  deps: Deps,
  token: string,
  session: RaterSession | null,
  byDevice = false,
  locale: Locale = DEFAULT_LOCALE,
): Promise<RatingPage> {
  let found: Awaited<ReturnType<typeof caseForToken>>;
  try {
    found = await caseForToken(deps, token, { allowExpired: true, allowUsed: true });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const reason = (e.details as { reason?: string } | undefined)?.reason;
    if (e.code === "gone" && reason === "revoked") return tokenState("revoked", "revoked");
    if (e.code === "gone") return tokenState("expired", "expired");
    return tokenState("invalid", "invalid");
  }
  const { claims, c, all } = found;
  // an expired static code still names its case (its window closed); a dynamic one is just stale
  if (claims.expired && claims.kind === "dynamic") return tokenState("expired", "expired");
  if (claims.used && session?.applicantId !== c.applicantId) return tokenState("expired", "used");
  const now = deps.clock.now();
  const db = deps.database.db;
  // what is shown is in the reader's language; codes and levels are the same in all three
  const [stages, catalogue, rated, appended] = await Promise.all([
    stagesOfCases.all(db, { caseIds: JSON.stringify(all.map((x) => x.id)) }),
    localizedCatalogue(db, locale),
    ratingsOfCase.all(db, { caseId: c.id }),
    appendedOfCases(db, [c.id]),
  ]);
  const stageOf = (caseId: string, kind: "receipt" | "completion") =>
    stages.find((s) => s.caseId === caseId && s.stage === kind);
  const receipt = stageOf(c.id, "receipt");
  const completion = stageOf(c.id, "completion");
  const isOpen = (s: typeof receipt) => isRateable(s, now);
  // a batch is rated once: a stage kind is offered when it is open in the batch (cases rated on their own are skipped)
  const offered = (kind: "receipt" | "completion") =>
    all.some((x) => isOpen(stageOf(x.id, kind))) &&
    all.every((x) => isOpen(stageOf(x.id, kind)) || stageOf(x.id, kind)?.status === "rated");
  const staffed = completion?.staffId ? completion : receipt?.staffId ? receipt : undefined;
  const itemName = (x: typeof c) =>
    nameIn(locale, { zh: x.itemName, hant: x.itemNameHant, en: x.itemNameEn });
  const header: CaseHeader = {
    itemName: itemName(c),
    serialNo: c.serialNo,
    orgName: nameIn(locale, { zh: c.orgName, hant: c.orgNameHant, en: c.orgNameEn }),
    date: c.completedAt ?? c.createdAt,
    staffNo: staffed?.staffNo ?? null,
    staffName: staffed?.staffName ?? null,
    terminalCode: c.terminalCode,
    batch: claims.subject.type === "batch" ? all.map((x) => x.serialNo) : null,
    theme:
      claims.subject.type === "theme"
        ? {
            name: c.themeName ?? "一件事",
            items: all.map((x) => ({ serialNo: x.serialNo, itemName: itemName(x) })),
          }
        : null,
  };
  // a printed code can be in anyone's hands and a kiosk's screen in anyone's sight: what the rater
  // wrote is shown only to the applicant's own real-name session (article 16); levels and tags to all
  const ownReader = session?.applicantId === c.applicantId;
  // article 17 at once: a stage whose window has closed reads as its default, whether or not the job has written it yet
  const closedUnrated = [receipt, completion].flatMap((st) =>
    st?.status === "open" && st.closesAt !== null && now >= st.closesAt
      ? [defaultView(st.stage, st.closesAt)]
      : [],
  );
  const shown = [
    ...ratingViews(rated, catalogue.indicators, ownReader, appended),
    ...closedUnrated.map((r) => ratingViews([r], catalogue.indicators, false, new Map())[0]!),
  ];
  const base = {
    header,
    indicators: [] as CatalogueIndicator[],
    needsProof: false,
    maskedPhone: null,
    dynamic: claims.kind === "dynamic",
    shown,
    alsoOpen: null,
    stage: null,
  };

  if (c.status === "receipt_failed" || c.status === "acceptance_failed") {
    // 意见反馈 (SPEC §4) asks for real name first, as a rating would
    const own = ownReader;
    const feedbackSent = own && (await feedbackSentFor(deps, c.id));
    // a kiosk offers none: 意见反馈 is the person's own, from their own phone
    if (byDevice) return { ...base, state: "not_open", reason: c.status };
    return {
      ...base,
      state: "not_open",
      reason: c.status,
      needsProof: !own,
      maskedPhone: own ? null : await maskedPhoneOf(deps, c.applicantId),
      feedbackSent,
    };
  }
  const target = offered("completion") ? completion : offered("receipt") ? receipt : undefined;
  if (!target) {
    if (
      completion?.status === "rated" ||
      (receipt?.status === "rated" && completion?.status === "pending")
    )
      return { ...base, state: "rated" };
    if (completion?.status === "defaulted" || completion?.status === "open")
      return { ...base, state: "window_closed" };
    return { ...base, state: "not_completed" };
  }
  const wrongPerson = !byDevice && session !== null && session.applicantId !== c.applicantId;
  const proven = byDevice || (session !== null && !wrongPerson);
  return {
    ...base,
    state: wrongPerson ? "wrong_person" : target.stage === "receipt" ? "receipt" : "open",
    stage: target.stage,
    indicators: ratedIndicators(catalogue.indicators, target.stage, target.staffId !== null),
    needsProof: !proven,
    maskedPhone: proven ? null : await maskedPhoneOf(deps, c.applicantId),
    alsoOpen: target.stage === "completion" && offered("receipt") ? "receipt" : null,
  };
}

/** What the default job will write for a stage (the same defaultRating), shown from the moment the window closes. */
function defaultView(stage: "receipt" | "completion", closesAt: number): ShownRating {
  const { overallLevel, scores } = defaultRating(stage);
  return {
    id: `default:${stage}`,
    stage,
    source: "default",
    seq: Number.MAX_SAFE_INTEGER,
    createdAt: closesAt,
    overallLevel,
    scores,
  };
}

function ratingViews(
  rows: ShownRating[],
  catalogue: CatalogueIndicator[],
  withText: boolean,
  appended: Map<string, AppendedView>,
): RatingView[] {
  return rows
    .flatMap((r) => (r.stage === "call" ? [] : [{ ...r, stage: r.stage }]))
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({
      ...appendedView(appended.get(r.id), withText),
      stage: r.stage,
      source: r.source,
      createdAt: r.createdAt,
      overallLevel: r.overallLevel,
      scores: parseScores(r.scores).map((s) => {
        const ind = catalogue.find((i) => i.code === s.indicatorCode);
        const { text, ...rest } = s;
        const words = text === undefined ? {} : withText ? { text } : { textHidden: true as const };
        return {
          ...rest,
          ...words,
          indicatorName: ind?.name ?? s.indicatorCode,
          tagTexts: s.tagCodes.map((code) => ind?.tags.find((t) => t.code === code)?.text ?? code),
        };
      }),
    }));
}

function appendedView(
  a: AppendedView | undefined,
  withText: boolean,
): Pick<RatingView, "appended"> {
  if (!a) return {};
  return {
    appended: {
      level: a.level,
      createdAt: a.createdAt,
      ...(withText ? { text: a.text } : { textHidden: true as const }),
    },
  };
}

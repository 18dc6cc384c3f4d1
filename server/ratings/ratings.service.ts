import "server-only";

import { type AnyColumn, sql } from "drizzle-orm";

import { $, columns, query, updateOf } from "@/db/prepared";
import { cases, items, orgs, ratings, ratingStages, terminals } from "@/db/schema";
import type { Tx } from "@/db/types";
import { sentWrites } from "@/db/writer";

import { activeCatalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import type { DeviceSession } from "../device/device.service";
import { DomainError } from "../errors";
import type { RaterSession } from "../identity/session";
import { newId } from "../ids";
import { type VerifyOptions, verifyToken } from "../qr/qr.service";
import { GENESIS } from "./chain";
import { writeChainedRating } from "./chain-write";
import { isRateable, ratedIndicators, scoreProblems } from "./ratings.rules";
import type { TRatingReceipt, TSubmitRating } from "./ratings.schema";
import { isBad } from "./vocabulary";

const PROBLEM_TEXT = {
  needs_reason: "选择“不满意”或“非常不满意”时，请选择原因或填写不满意原因",
  other_needs_text: "选择“其他”时，请填写不满意原因",
  required: "请先选择总体评价",
} as const;

const caseFields = {
  id: cases.id,
  serialNo: cases.serialNo,
  applicantId: cases.applicantId,
  orgId: cases.orgId,
  itemId: cases.itemId,
  terminalId: cases.terminalId,
  batchNo: cases.batchNo,
  themeNo: cases.themeNo,
  themeName: cases.themeName,
  status: cases.status,
  completedAt: cases.completedAt,
  createdAt: cases.createdAt,
  // for the rating page's header, in the reader's language
  itemName: items.name,
  itemNameHant: items.nameHant,
  itemNameEn: items.nameEn,
  orgName: orgs.name,
  orgNameHant: orgs.nameHant,
  orgNameEn: orgs.nameEn,
  terminalCode: terminals.code,
};
type Columns = typeof caseFields;
// the terminal is left-joined: its code is null for every case not finished on a terminal
type CaseRow = {
  [K in Exclude<keyof Columns, "terminalCode">]: Columns[K]["_"]["notNull"] extends true
    ? Columns[K]["_"]["data"]
    : Columns[K]["_"]["data"] | null;
} & { terminalCode: string | null };
const casesWhere = (column: AnyColumn) =>
  query<CaseRow>(
    () => sql`select ${columns(caseFields)} from ${cases} join ${items} on ${items.id} = ${cases.itemId} join ${orgs} on ${orgs.id} = ${cases.orgId}
      left join ${terminals} on ${terminals.id} = ${cases.terminalId}
      where ${column} = ${$("value")} order by ${cases.serialNo}`,
  );
const casesBy = {
  case: casesWhere(cases.id),
  batch: casesWhere(cases.batchNo),
  theme: casesWhere(cases.themeNo),
};

/**
 * The cases a code names, for a rater (article 20): one case; every case of a batch (one
 * applicant, window, item and submission — rated once for all); or every case of a 一件事
 * theme (the overall rates the theme, each item may be rated on its own). `c` leads.
 */
export async function caseForToken(deps: Deps, token: string, opts: VerifyOptions = {}) {
  const claims = await verifyToken(deps, token, opts);
  const subject = claims.subject;
  const all = await casesBy[
    subject.type === "batch" || subject.type === "theme" ? subject.type : "case"
  ].all(deps.database.db, {
    value: subject.type === "batch" || subject.type === "theme" ? subject.value : claims.caseRef,
  });
  const c = all[0];
  if (!c) throw new DomainError("not_found", "找不到这个办件");
  if (all.some((x) => x.applicantId !== c.applicantId))
    throw new DomainError("invalid", "批量办件的申请人不一致，不能一次评价");
  return { claims, c, all };
}

/**
 * Article 11 and SPEC §3 on the server: the rater must be the case's applicant, the stage open,
 * the scores valid for the stage; one rating per stage — a second submission of any kind answers
 * the first and writes nothing. The rating is chained and a bad one opens a work order, all in
 * the same write.
 */
/** `phone.deviceHash`: the keyed mark of the rater's own phone (server/identity/phone-mark.ts), for article 4's flags. */
export async function submitRating(
  deps: Deps,
  session: RaterSession,
  input: TSubmitRating,
  phone: { deviceHash?: string } = {},
): Promise<TRatingReceipt> {
  // the session proves the applicant; a window code it was proven with names the case still
  const found = await caseForToken(deps, input.token, { allowUsed: true });
  if (found.c.applicantId !== session.applicantId)
    throw new DomainError("forbidden", "这个办件不是您办理的，不能评价", {
      reason: "wrong_person",
    });
  return writeRating(deps, found, input, {
    applicantId: session.applicantId,
    proof: session.proof,
    channel: found.claims.kind === "dynamic" ? "window_qr" : "qr",
    deviceHash: phone.deviceHash ?? null,
  });
}

/**
 * A rating made on an enrolled window screen or terminal: the device is the proof (the window
 * checked the ID; the terminal flow read it), so it may rate only its own cases — the window its
 * live dynamic code, the terminal the cases finished on it.
 */
export async function submitFromDevice(
  deps: Deps,
  device: DeviceSession,
  input: TSubmitRating,
): Promise<TRatingReceipt> {
  const found = await caseForToken(deps, input.token, { allowUsed: true });
  const mine =
    device.kind === "window"
      ? found.claims.kind === "dynamic" && found.claims.windowCode === device.code
      : found.all.every((x) => x.terminalId === device.id);
  if (!mine) throw new DomainError("forbidden", "这台设备不能评价这个办件");
  return writeRating(deps, found, input, {
    applicantId: found.c.applicantId,
    proof: device.kind,
    channel: device.kind === "window" ? "window_device" : "terminal",
    // the hall's own screen rates for every applicant by design: not a phone of article 4's pattern
    deviceHash: null,
  });
}

const updateStage = updateOf(ratingStages);

type Found = Awaited<ReturnType<typeof caseForToken>>;
interface Who {
  applicantId: string;
  proof: string;
  channel: "qr" | "window_qr" | "window_device" | "terminal";
  deviceHash: string | null;
}

async function writeRating(
  deps: Deps,
  { claims, all }: Found,
  input: TSubmitRating,
  who: Who,
): Promise<TRatingReceipt> {
  const catalogue = await activeCatalogue(deps.database.db);

  if (input.items?.length && claims.subject.type !== "theme")
    throw new DomainError("invalid", "只有“一件事”主题评价可以分别评价各个事项");
  const clean = (list: TSubmitRating["scores"]) =>
    list.map((s) => ({
      indicatorCode: s.indicatorCode,
      level: s.level,
      tagCodes: s.tagCodes,
      ...(s.text ? { text: s.text } : {}),
    }));
  const unknown = input.items?.find((i) => !all.some((x) => x.serialNo === i.serialNo));
  if (unknown) throw new DomainError("invalid", `办件 ${unknown.serialNo} 不属于这个主题`);
  // the theme's overall goes with every case; an item's own ratings only with its case
  const scoresFor = (serialNo: string) =>
    clean([...input.scores, ...(input.items?.find((i) => i.serialNo === serialNo)?.scores ?? [])]);

  const targets = all.map((target, i) => ({
    target,
    submissionId: all.length > 1 ? `${input.submissionId}:${i + 1}` : input.submissionId,
  }));
  // the probes are sent ahead with the group's others (db/writer.ts readThenWrite); the keys are what they read
  return deps.database.readThenWrite({
    // the case's key is the one its events write under (cases.service.ts caseEventWrite): an event of the group changing its stages comes first
    keys: targets.flatMap((t) => [`rating:${t.submissionId}`, `case:${t.target.serialNo}`]),
    read: (tx) =>
      Promise.all(targets.map((t) => probe(tx, t.submissionId, t.target.id, input.stage))),
    write: async (tx, probes) => {
      const now = deps.clock.now();
      let first: TRatingReceipt | undefined;
      // a batch is rated once and the rating written for every case of it, in this one transaction
      for (const [i, { target, submissionId }] of targets.entries()) {
        const { replay, stage, head: probedHead } = probes[i]!;
        // read before this job wrote anything: the head only for its first rating (append.ts keeps the group's)
        const head = i === 0 ? probedHead : undefined;
        if (replay) {
          first ??= replay;
          continue;
        }
        if (!stage || !isRateable(stage, now)) {
          throw new DomainError("gone", "这个评价已经关闭", { reason: stage?.status ?? "none" });
        }
        const scores = scoresFor(target.serialNo);
        const problems = scoreProblems(
          scores,
          ratedIndicators(catalogue.indicators, input.stage, stage.staffId !== null),
          input.stage,
        );
        if (problems.length) {
          const p = problems[0]!;
          const message =
            p.problem in PROBLEM_TEXT
              ? PROBLEM_TEXT[p.problem as keyof typeof PROBLEM_TEXT]
              : `评价内容不正确（${p.indicatorCode}）`;
          throw new DomainError("invalid", message, { problems });
        }
        const fields = await writeChainedRating(
          deps,
          tx,
          {
            id: newId(now),
            submissionId,
            stageId: stage.id,
            caseId: target.id,
            stage: input.stage,
            callId: null,
            applicantId: who.applicantId,
            source: "rater",
            channel: who.channel,
            proof: who.proof,
            catalogVersion: catalogue.version,
            overallLevel: scores.find((s) => s.indicatorCode === "overall")?.level ?? null,
            bad: scores.some((s) => isBad(s.level)),
            scores: JSON.stringify(scores),
            batchNo: target.batchNo,
            themeNo: target.themeNo,
            staffId: stage.staffId,
            windowId: stage.windowId,
            deviceHash: who.deviceHash,
            createdAt: now,
          },
          {
            orgId: target.orgId,
            itemId: target.itemId,
            head,
            contactConsent: input.contactConsent === true,
          },
        );
        await sentWrites(tx, [updateStage(tx, { id: stage.id, status: "rated", updatedAt: now })]);
        first ??= { ratingId: fields.id, stage: input.stage, createdAt: now, replay: false };
      }
      if (!first) throw new DomainError("not_found", "找不到这个办件");
      return first;
    },
  });
}

type StageFacts = {
  id: string;
  status: string;
  closesAt: number | null;
  staffId: string | null;
  windowId: string | null;
};

const firstRating = (where: ReturnType<typeof sql>) =>
  sql`(select json_object('ratingId', ${ratings.id}, 'stage', ${ratings.stage}, 'createdAt', ${ratings.createdAt}) from ${ratings} where ${where} limit 1)`;

/**
 * Everything the write must know, in one statement (the submit is a hot path): a first rating
 * under this submission or for this stage (then this is a replay), the stage, the chain head.
 */
const probeStatement = query<{
  bySubmission: string | null;
  byStage: string | null;
  stage: string | null;
  head: string | null;
}>(
  () => sql`select
    ${firstRating(sql`${ratings.submissionId} = ${$("submissionId")}`)} as bySubmission,
    ${firstRating(sql`${ratings.caseId} = ${$("caseId")} and ${ratings.stage} = ${$("stage")}`)} as byStage,
    (select json_object('id', ${ratingStages.id}, 'status', ${ratingStages.status}, 'closesAt', ${ratingStages.closesAt}, 'staffId', ${ratingStages.staffId}, 'windowId', ${ratingStages.windowId})
       from ${ratingStages} where ${ratingStages.caseId} = ${$("caseId")} and ${ratingStages.stage} = ${$("stage")}) as stage,
    (select json_object('seq', ${ratings.seq}, 'hash', ${ratings.hash}) from ${ratings} order by ${ratings.seq} desc limit 1) as head`,
);

async function probe(
  tx: Tx,
  submissionId: string,
  caseId: string,
  stage: "receipt" | "completion",
) {
  const row = (await probeStatement.get(tx, { submissionId, caseId, stage }))!;
  const found = row.bySubmission ?? row.byStage;
  const replay = found
    ? { ...(JSON.parse(found) as Omit<TRatingReceipt, "replay">), replay: true }
    : undefined;
  return {
    replay,
    stage: row.stage ? (JSON.parse(row.stage) as StageFacts) : undefined,
    head: row.head
      ? (JSON.parse(row.head) as { seq: number; hash: string })
      : { seq: 0, hash: GENESIS },
  };
}

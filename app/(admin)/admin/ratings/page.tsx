import Link from "next/link";

import {
  CHANNEL_WORD,
  CHANNELS,
  type TRatingRow,
  ZRatingQuery,
} from "@/server/ratingdesk/ratingdesk.schema";
import { isBad, LEVELS } from "@/server/ratings/vocabulary";

import { adminPage } from "../_components/admin-page";
import { BasisBadge } from "../_components/basis-badge";
import { PlacePickers } from "../_components/code-picker";
import { LEVEL_WORD, when } from "../_components/format";
import {
  DateRange,
  FilterActions,
  FilterFold,
  Pager,
  RecordList,
} from "../_components/record-list";
import { firstValues, keptQuery, type Search } from "../_components/search";

export const metadata = { title: "评价记录" };

const subject = (r: TRatingRow) => r.serialNo ?? (r.callId ? `12345 来电 ${r.callId}` : r.id);
const who = (r: TRatingRow) => [r.windowCode, r.staffName].filter(Boolean).join(" · ") || "—";

function Level({ level }: { level: TRatingRow["level"] }) {
  if (!level) return <>—</>;
  return (
    <span className={isBad(level) ? "font-bold text-red-800" : undefined}>{LEVEL_WORD[level]}</span>
  );
}

function Marks({ r }: { r: TRatingRow }) {
  const tag = "rounded-md bg-stone-200 px-2 py-0.5 text-sm";
  return (
    <span className="inline-flex flex-wrap gap-1">
      {r.source === "default" && <span className={tag}>默认评价</span>}
      {r.appended && <span className={tag}>追加评价</span>}
      {r.notAdopted && (
        <span className="rounded-md bg-stone-800 px-2 py-0.5 text-sm text-white">不予采纳</span>
      )}
      {r.workOrderBasis === "service" ? (
        <BasisBadge />
      ) : r.workOrderId ? (
        <span className={tag}>差评工单</span>
      ) : null}
    </span>
  );
}

const LEVEL_FILTERS = [
  ["level", "总体评价"],
  ["service", "服务评价"],
] as const;
const YES_NO = [
  ["defaulted", "默认评价"],
  ["appended", "追加评价"],
  ["notAdopted", "不予采纳"],
] as const;

/** SPEC §7 `/admin/ratings` 评价记录: every rating of my scope, newest first; filters and pages live in the URL. */
export default async function Ratings({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = firstValues(await searchParams);
  const parsed = ZRatingQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : ZRatingQuery.parse({});
  return adminPage(async ({ caller }) => {
    const [page, picks] = await Promise.all([
      caller.ratingDesk.list(parsed.success ? raw : {}),
      caller.catalog.picks(),
    ]);
    const nextHref = page.next ? `?${keptQuery(raw, { after: page.next })}` : null;
    const field =
      "mt-1 block min-h-11 w-full min-w-0 rounded-lg border-2 border-stone-400 bg-white px-2 text-base";
    // the filters set (not the page key or its size): on a phone they fold away unless one is
    const active = Object.entries(q).filter(
      ([k, v]) => k !== "after" && k !== "limit" && v !== undefined,
    ).length;
    return (
      <main data-state="ratings" className="max-w-6xl">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">评价记录</h1>
          <a
            href={`/admin/ratings/export?${keptQuery(parsed.success ? raw : {}, { after: undefined })}`}
            className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-700 bg-white px-4 text-base font-semibold"
          >
            导出 Excel
          </a>
        </div>
        {!parsed.success && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-red-800">
            筛选条件有误，已显示全部评价：{parsed.error.issues[0]?.message}
          </p>
        )}
        <FilterFold active={active} open={!parsed.success}>
          <form
            method="get"
            className="grid grid-cols-2 gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 md:grid-cols-4"
            aria-label="筛选评价"
          >
            <label className="col-span-2 text-sm font-medium md:col-span-1">
              办件流水号
              <input name="serial" defaultValue={q.serial ?? ""} className={`${field} font-mono`} />
            </label>
            <DateRange from={q.from} to={q.to} field={field} />
            <label className="text-sm font-medium">
              渠道
              <select name="channel" defaultValue={q.channel ?? ""} className={field}>
                <option value="">全部</option>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_WORD[c]}
                  </option>
                ))}
              </select>
            </label>
            <PlacePickers picks={picks} q={q} field={field} staff />
            {LEVEL_FILTERS.map(([name, label]) => (
              <label key={name} className="text-sm font-medium">
                {label}
                <select name={name} defaultValue={q[name] ?? ""} className={field}>
                  <option value="">全部</option>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {LEVEL_WORD[l]}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            {YES_NO.map(([name, label]) => (
              <label key={name} className="text-sm font-medium">
                {label}
                <select name={name} defaultValue={q[name] ?? ""} className={field}>
                  <option value="">全部</option>
                  <option value="yes">是</option>
                  <option value="no">否</option>
                </select>
              </label>
            ))}
            <FilterActions clear="/admin/ratings" />
          </form>
        </FilterFold>
        <RecordList
          rows={page.rows}
          heads={[
            "办件流水号",
            "评价时间",
            "事项 · 单位",
            "窗口 · 人员",
            "总体评价",
            "服务评价",
            "标记",
            "评价人",
          ]}
          empty="没有符合条件的评价。"
          card={(r) => (
            <Link
              href={`/admin/ratings/${r.id}`}
              className="block rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
              <span className="block font-mono text-base font-semibold break-all">
                {subject(r)}
              </span>
              <span className="mt-1 block text-base">{r.itemName ?? "12345 热线"}</span>
              <span className="mt-1 block text-sm text-stone-700">
                总体 <Level level={r.level} /> · 服务 <Level level={r.serviceLevel} />
              </span>
              <span className="mt-1 block text-sm text-stone-600">
                {r.orgName ?? "—"} · {who(r)} · {when(r.createdAt)}
              </span>
              <span className="mt-1 block">
                <Marks r={r} />
              </span>
            </Link>
          )}
          cells={(r) => [
            <Link
              key="s"
              href={`/admin/ratings/${r.id}`}
              className="font-mono font-semibold break-all text-brand underline"
            >
              {subject(r)}
            </Link>,
            <span key="t" className="tabular-nums">
              {when(r.createdAt)}
            </span>,
            <span key="i">
              {r.itemName ?? "12345 热线"}
              <span className="block text-sm text-stone-600">{r.orgName ?? "—"}</span>
            </span>,
            who(r),
            <Level key="l" level={r.level} />,
            <Level key="v" level={r.serviceLevel} />,
            <Marks key="m" r={r} />,
            r.rater ?? "—",
          ]}
        />
        <Pager
          first={q.after ? `/admin/ratings?${keptQuery(raw, { after: undefined })}` : null}
          next={nextHref}
        />
      </main>
    );
  });
}

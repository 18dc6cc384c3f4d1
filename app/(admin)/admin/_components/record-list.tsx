import Link from "next/link";
import type { ReactNode } from "react";

const cell = "border-b border-stone-100 px-3 py-2";

/**
 * A back-office list (work orders, ratings): cards on a phone, a table from md up; each row's
 * first cell links to its record. An empty list says so instead of drawing an empty table.
 */
export function RecordList<R extends { id: string }>(p: {
  rows: R[];
  heads: string[];
  empty: string;
  card: (r: R) => ReactNode;
  cells: (r: R) => ReactNode[];
  rowClass?: (r: R) => string | undefined;
}) {
  if (p.rows.length === 0)
    return (
      <p className="mt-6 rounded-xl bg-white p-6 text-base text-stone-700 ring-1 ring-stone-200">
        {p.empty}
      </p>
    );
  return (
    <>
      <ul className="mt-4 space-y-3 md:hidden">
        {p.rows.map((r) => (
          <li key={r.id}>{p.card(r)}</li>
        ))}
      </ul>
      <table className="mt-4 hidden w-full border-separate border-spacing-0 overflow-hidden rounded-xl bg-white text-left text-base shadow-sm ring-1 ring-stone-200 md:table">
        <thead className="bg-stone-50 text-sm text-stone-600">
          <tr>
            {p.heads.map((h) => (
              <th key={h} scope="col" className="border-b border-stone-200 px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.id} className={p.rowClass?.(r)}>
              {p.cells(r).map((c, i) => (
                <td key={i} className={cell}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * A list's filters, folded on a phone so that its first record shows without scrolling: a native
 * <details> whose summary 筛选条件 says how many are set, open when any is (or when they did not
 * parse, so the person sees what to fix). From md up the summary is hidden and the filters always
 * shown where the browser can style a closed <details>' content (globals.css, `.filter-fold`);
 * elsewhere the fold stays there too, and still opens.
 */
export function FilterFold({
  active,
  open,
  children,
}: {
  active: number;
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details className="filter-fold group mt-4" open={open === true || active > 0}>
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 rounded-xl bg-white px-4 text-base font-semibold shadow-sm ring-1 ring-stone-200">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        筛选条件
        {active > 0 && <span className="font-normal text-stone-600">（已选 {active} 项）</span>}
      </summary>
      <div className="mt-2 md:mt-0">{children}</div>
    </details>
  );
}

/** The form's 筛选 and 清除 (back to the unfiltered list). */
export function FilterActions({ clear }: { clear: string }) {
  return (
    <div className="col-span-2 flex items-end gap-2 md:col-span-1">
      <button
        type="submit"
        className="min-h-11 flex-1 rounded-lg bg-stone-900 px-3 text-base font-bold text-white"
      >
        筛选
      </button>
      <Link
        href={clear}
        className="inline-flex min-h-11 items-center rounded-lg px-2 text-base underline"
      >
        清除
      </Link>
    </div>
  );
}

/** 起始日期 and 截止日期 (Asia/Shanghai days), kept in the URL as from and to. */
export function DateRange({
  from,
  to,
  field,
}: {
  from?: string | undefined;
  to?: string | undefined;
  field: string;
}) {
  return (
    <>
      <label className="text-sm font-medium">
        起始日期
        <input type="date" name="from" defaultValue={from ?? ""} className={field} />
      </label>
      <label className="text-sm font-medium">
        截止日期
        <input type="date" name="to" defaultValue={to ?? ""} className={field} />
      </label>
    </>
  );
}

/** Keyset pages: back to the first page (when not on it) and the next page (when there is one). */
export function Pager({ first, next }: { first: string | null; next: string | null }) {
  return (
    <nav aria-label="翻页" className="mt-4 flex gap-3">
      {first && (
        <Link
          href={first}
          className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-700 px-4 text-base"
        >
          回到第一页
        </Link>
      )}
      {next && (
        <Link
          href={next}
          className="inline-flex min-h-11 items-center rounded-lg bg-stone-900 px-4 text-base font-bold text-white"
        >
          下一页
        </Link>
      )}
    </nav>
  );
}

import type { ReactNode } from "react";

export interface Column {
  head: string;
  /** numbers are right-aligned and tabular */
  numeric?: boolean;
}

/**
 * A plain back-office table with real headers; on paper its header repeats on every page and a
 * row is never split across two. An empty table is not drawn: `empty` says what to do instead.
 */
export function DataTable({
  label,
  columns,
  rows,
  empty,
}: {
  label: string;
  columns: Column[];
  rows: ReactNode[][];
  empty: ReactNode;
}) {
  if (rows.length === 0)
    return (
      <p className="mt-2 rounded-lg bg-stone-50 p-3 text-base text-stone-700 print:bg-white print:p-0 print:text-[10.5pt]">
        {empty}
      </p>
    );
  return (
    <div className="mt-2 overflow-x-auto print:overflow-visible">
      <table
        aria-label={label}
        className="w-full border-collapse text-left text-base print:text-[10.5pt]"
      >
        <thead className="bg-stone-50 print:table-header-group print:bg-white">
          <tr className="border-b-2 border-stone-300 print:border-black">
            {columns.map((c) => (
              <th
                key={c.head}
                scope="col"
                className={`px-2 py-2 text-sm font-semibold whitespace-nowrap text-stone-700 print:px-1 print:py-1 print:text-black ${c.numeric ? "text-right" : ""}`}
              >
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={i}
              className="border-b border-stone-200 break-inside-avoid print:border-stone-500"
            >
              {r.map((v, j) => (
                <td
                  key={j}
                  className={`px-2 py-2 print:px-1 print:py-1 ${columns[j]?.numeric ? "text-right tabular-nums" : ""}`}
                >
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { CaseHeader } from "@/server/ratings/page.service";

const date = (ms: number) => new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" }).format(ms);

/** Article 14: item name, serial number, the staff 工号 and name (or the terminal number). */
export function CaseHeaderCard({ header }: { header: CaseHeader }) {
  const rows: [string, string][] = header.theme
    ? [
        ["一件事", header.theme.name],
        ["包含事项", header.theme.items.map((i) => i.itemName).join("、")],
      ]
    : [["办理事项", header.itemName]];
  rows.push(

    header.batch ? ["批量办件", `共 ${header.batch.length} 件：${header.batch.join("、")}`] : ["办件流水号", header.theme ? header.theme.items.map((i) => i.serialNo).join("、") : header.serialNo],
    ["办理单位", header.orgName],
    ["办理日期", date(header.date)],
  );
  if (header.staffNo) rows.push(["窗口工作人员", `${header.staffName ?? ""}（工号 ${header.staffNo}）`]);
  if (header.terminalCode) rows.push(["终端编号", header.terminalCode]);
  return (
    <section aria-label="办件信息" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-base">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-stone-600">{k}</dt>
            <dd className="font-medium break-words">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import { getFormatter, getTranslations } from "next-intl/server";

import type { CaseHeader } from "@/server/ratings/page.service";

/** Article 14: item name, serial number, the staff 工号 and name (or the terminal number). */
export async function CaseHeaderCard({ header }: { header: CaseHeader }) {
  const [t, format] = await Promise.all([getTranslations("header"), getFormatter()]);
  const list = (values: string[]) => values.join(t("separator"));
  const rows: [string, string][] = header.theme
    ? [
        [t("theme"), header.theme.name],
        [t("themeItems"), list(header.theme.items.map((i) => i.itemName))],
      ]
    : [[t("item"), header.itemName]];
  rows.push(
    header.batch
      ? [t("batch"), t("batchValue", { count: header.batch.length, serials: list(header.batch) })]
      : [
          t("serial"),
          header.theme ? list(header.theme.items.map((i) => i.serialNo)) : header.serialNo,
        ],
    [t("org"), header.orgName],
    [t("date"), format.dateTime(header.date, { year: "numeric", month: "long", day: "numeric" })],
  );
  if (header.staffNo)
    rows.push([t("staff"), t("staffValue", { name: header.staffName ?? "", no: header.staffNo })]);
  if (header.terminalCode) rows.push([t("terminal"), header.terminalCode]);
  return (
    <section
      aria-label={t("region")}
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
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

import { shanghaiDate } from "@/server/time/shanghai";

import { adminPage } from "../_components/admin-page";
import { when } from "../_components/format";
import { PublishForm } from "./publish-form";

export const metadata = { title: "结果发布" };

/** The months that have begun, newest first: this month and the twelve before it. */
function recentMonths(today: string): string[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: 13 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** SPEC §7 `/admin/publish` (bureau, article 23): publish a month to /public; every version with its hash. */
export default async function Page() {
  return adminPage(
    async ({ caller, deps }) => {
      const published = await caller.stats.publications();
      return (
        <main data-state="publish" className="max-w-4xl">
          <h1 className="text-2xl font-bold">结果发布</h1>
          <p className="mt-2 text-base text-stone-700">
            发布后，该月各单位的统计结果冻结为快照（附 SHA-256 校验码），公开在
            /public；之后的评价或申诉不改变已发布的快照。再次发布同一月份会生成新版本。
          </p>
          <PublishForm periods={recentMonths(shanghaiDate(deps.clock.now()))} />
          <h2 className="mt-6 text-xl font-semibold">已发布</h2>
          {published.length === 0 ? (
            <p className="mt-2 text-base">尚未发布任何月份。</p>
          ) : (
            <table className="mt-2 w-full border-collapse text-left text-base">
              <thead>
                <tr className="border-b-2 border-stone-300">
                  <th className="py-2 pr-3">统计期</th>
                  <th className="py-2 pr-3">版本</th>
                  <th className="py-2 pr-3">发布时间</th>
                  <th className="py-2">校验码（SHA-256）</th>
                </tr>
              </thead>
              <tbody>
                {published.flatMap((p) =>
                  p.versions.map((v) => (
                    <tr key={`${p.period}-${v.version}`} className="border-b border-stone-200">
                      <td className="py-2 pr-3">
                        <a className="underline" href={`/public?period=${p.period}`}>
                          {p.period}
                        </a>
                      </td>
                      <td className="py-2 pr-3">第 {v.version} 版</td>
                      <td className="py-2 pr-3">{when(Date.parse(v.publishedAt))}</td>
                      <td className="py-2 font-mono text-sm break-all">{v.hash}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </main>
      );
    },
    { bureauOnly: true },
  );
}

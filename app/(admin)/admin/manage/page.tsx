import Link from "next/link";

import { adminPage } from "../_components/admin-page";
import { ManageFrame, SECTIONS } from "./_components/manage-nav";

export const metadata = { title: "系统管理" };

/** SPEC §7 `/admin/manage/...` (article 5): the bureau's management desk. */
export default async function Manage() {
  return adminPage(
    async ({ caller }) => {
      const [flags, dead] = await Promise.all([
        caller.flags.list({ reviewed: false }),
        caller.manage.outbox.list({ status: "dead" }),
      ]);
      return (
        <ManageFrame title="系统管理" current="/admin/manage">
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {SECTIONS.map(([href, word]) => (
              <li key={href}>
                <Link
                  href={href}
                  className="block rounded-xl bg-white p-4 text-lg font-semibold text-brand shadow-sm ring-1 ring-stone-200 hover:ring-brand"
                >
                  {word}
                  {href.endsWith("/flags") && flags.length > 0 && (
                    <span className="ml-2 rounded bg-amber-100 px-2 text-base text-amber-900">
                      待核查 {flags.length}
                    </span>
                  )}
                  {href.endsWith("/outbox") && dead.length > 0 && (
                    <span className="ml-2 rounded bg-red-100 px-2 text-base text-red-800">
                      失败 {dead.length}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}

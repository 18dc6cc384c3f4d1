import Link from "next/link";

import { adminPage } from "../../_components/admin-page";
import { LEVEL_WORD, when } from "../../_components/format";
import { ActionForm } from "../_components/action-form";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "指标目录" };
const STATE = { active: "启用中", draft: "草稿", retired: "已停用" } as const;

/** Catalogue versions: a draft from the active one, tag texts in 简体 / 繁體 / English, add / retire, publish. */
export default async function Catalog({
  searchParams,
}: {
  searchParams: Promise<{ version?: string }>;
}) {
  const sp = await searchParams;
  return adminPage(
    async ({ caller }) => {
      const versions = await caller.manage.catalog.versions();
      const chosen =
        Number(sp.version) ||
        versions.find((v) => v.state === "draft")?.version ||
        versions.find((v) => v.state === "active")?.version;
      const detail = chosen ? await caller.manage.catalog.version({ version: chosen }) : null;
      const draft = versions.find((v) => v.version === chosen)?.state === "draft";
      return (
        <ManageFrame title="指标目录" current="/admin/manage/catalog">
          <Table
            head={["版本", "状态", "说明", "创建", "发布"]}
            rows={versions.map((v) => [
              <Link
                key="v"
                className="text-brand underline"
                href={`/admin/manage/catalog?version=${v.version}`}
              >
                第 {v.version} 版
              </Link>,
              STATE[v.state as keyof typeof STATE],
              v.note,
              when(v.createdAt),
              v.publishedAt ? when(v.publishedAt) : "—",
            ])}
          />
          {!versions.some((v) => v.state === "draft") && (
            <ActionForm
              path="manage.catalog.newDraft"
              title="从启用版本新建草稿"
              submit="新建草稿"
              fields={[{ name: "note", label: "版本说明" }]}
            />
          )}
          {detail && (
            <section className="space-y-4">
              <h2 className="text-xl font-semibold">
                第 {detail.version.version} 版 · {draft ? "草稿（可编辑）" : "已发布（不能修改）"}
              </h2>
              {draft && (
                <div className="grid gap-5 lg:grid-cols-2">
                  <ActionForm
                    path="manage.catalog.publish"
                    fixed={{ version: chosen }}
                    title="发布"
                    submit="发布此版本"
                  />
                  <ActionForm
                    path="manage.catalog.addTag"
                    fixed={{ version: chosen }}
                    title="新增标签"
                    submit="新增"
                    fields={[
                      {
                        name: "indicatorCode",
                        label: "指标",
                        type: "select",
                        options: detail.indicators.map((i) => [i.code, i.name]),
                      },
                      {
                        name: "level",
                        label: "等级",
                        type: "select",
                        options: Object.entries(LEVEL_WORD),
                      },
                      { name: "text", label: "标签（简体）" },
                      { name: "textHant", label: "标签（繁體）" },
                      { name: "textEn", label: "标签（English）" },
                      { name: "needsText", label: "选中时须填写原因", type: "checkbox" },
                    ]}
                  />
                </div>
              )}
              {detail.indicators.map((i) => (
                <details
                  key={i.code}
                  className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
                >
                  <summary className="min-h-11 cursor-pointer text-lg font-semibold">
                    {i.dimension ? `${i.dimension} · ` : ""}
                    {i.name} <code className="text-sm text-stone-500">{i.code}</code>（
                    {i.tags.length} 个标签）
                  </summary>
                  <ul className="mt-2 space-y-3">
                    {i.tags.map((t) => (
                      <li key={t.code} className="border-l-4 border-stone-300 pl-3">
                        <p className="text-sm text-stone-600">
                          {LEVEL_WORD[t.level]} · <code>{t.code}</code>
                        </p>
                        {draft ? (
                          <div className="mt-1 space-y-2">
                            <ActionForm
                              compact
                              path="manage.catalog.editTag"
                              fixed={{ version: chosen, code: t.code }}
                              submit="保存文字"
                              fields={[
                                { name: "text", label: "简体", defaultValue: t.text },
                                { name: "textHant", label: "繁體", defaultValue: t.textHant ?? "" },
                                { name: "textEn", label: "English", defaultValue: t.textEn ?? "" },
                              ]}
                            />
                            <ActionForm
                              compact
                              path="manage.catalog.retireTag"
                              fixed={{ version: chosen, code: t.code }}
                              submit="停用此标签"
                            />
                          </div>
                        ) : (
                          <p className="text-base">
                            {t.text}
                            {t.textHant ? ` / ${t.textHant}` : ""}
                            {t.textEn ? ` / ${t.textEn}` : ""}
                          </p>
                        )}
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
            </section>
          )}
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}

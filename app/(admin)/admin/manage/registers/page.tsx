import Link from "next/link";

import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";
import { ActionForm, type Field, ImportForm } from "../_components/action-form";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "机构与人员" };

const KINDS = [
  ["orgs", "机构与大厅"],
  ["windows", "窗口"],
  ["terminals", "终端"],
  ["staff", "工作人员"],
  ["items", "事项"],
] as const;
type Kind = (typeof KINDS)[number][0];

const FIELDS: Record<Kind, Field[]> = {
  orgs: [
    { name: "code", label: "机构代码" },
    { name: "name", label: "名称" },
    {
      name: "level",
      label: "层级",
      type: "select",
      options: [
        ["city", "市"],
        ["town", "镇（街）"],
        ["village", "村（社区）"],
      ],
    },
    {
      name: "kind",
      label: "类型",
      type: "select",
      options: [
        ["government", "政府"],
        ["department", "部门"],
        ["hall", "大厅"],
      ],
    },
    { name: "parentCode", label: "上级机构代码" },
    { name: "nameHant", label: "名称（繁體）" },
    { name: "nameEn", label: "名称（English）" },
  ],
  windows: [
    { name: "code", label: "窗口编码" },
    { name: "name", label: "名称" },
    { name: "orgCode", label: "所属机构代码" },
  ],
  terminals: [
    { name: "code", label: "终端编号" },
    { name: "name", label: "名称" },
    { name: "orgCode", label: "所属机构代码" },
  ],
  staff: [
    { name: "staffNo", label: "工号" },
    { name: "name", label: "姓名" },
    { name: "orgCode", label: "所属机构代码" },
    { name: "windowCode", label: "窗口编码" },
  ],
  items: [
    { name: "code", label: "事项编码" },
    { name: "name", label: "事项名称" },
    { name: "orgCode", label: "实施机构代码" },
    { name: "needsCertificate", label: "需要证照", type: "checkbox" },
    { name: "nameHant", label: "事项名称（繁體）" },
    { name: "nameEn", label: "事项名称（English）" },
  ],
};

type Search = Promise<{ kind?: string; q?: string; retired?: string; edit?: string }>;

/** Orgs, halls, windows, terminals, staff, items: list (`?kind=&q=&retired=1`), create, retire (never delete), import. */
export default async function Registers({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const kind: Kind = KINDS.some(([k]) => k === sp.kind) ? (sp.kind as Kind) : "staff";
  return adminPage(
    async ({ caller }) => {
      const rows = await caller.manage.entities.list({
        kind,
        q: sp.q || undefined,
        retired: sp.retired === "1",
      });
      const editing = sp.edit ? rows.find((r) => r.id === sp.edit) : undefined;
      // the row's current values in the form's fields (the code is shown and kept: it is never edited)
      const valueOf = (r: (typeof rows)[number], name: string): string => {
        const v =
          name === "orgCode"
            ? r.orgCode
            : name === "parentCode"
              ? r.parentCode
              : name === "windowCode"
                ? r.windowCode
                : (r as Record<string, unknown>)[name];
        return typeof v === "boolean" ? (v ? "on" : "") : typeof v === "string" ? v : "";
      };
      return (
        <ManageFrame title="机构、窗口、终端、人员和事项" current="/admin/manage/registers">
          <nav aria-label="类别" className="flex flex-wrap gap-2">
            {KINDS.map(([k, word]) => (
              <Link
                key={k}
                href={`/admin/manage/registers?kind=${k}`}
                aria-current={k === kind ? "page" : undefined}
                className="inline-flex min-h-11 items-center rounded-lg bg-white px-4 ring-1 ring-stone-300 aria-[current=page]:bg-brand aria-[current=page]:text-white"
              >
                {word}
              </Link>
            ))}
          </nav>
          <form method="get" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="kind" value={kind} />
            <label className="text-base">
              编码或名称
              <input
                name="q"
                defaultValue={sp.q}
                className="mt-1 block rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base"
              />
            </label>
            <label className="flex min-h-12 items-center gap-2 text-base">
              <input
                type="checkbox"
                name="retired"
                value="1"
                defaultChecked={sp.retired === "1"}
                className="size-5"
              />
              含已停用
            </label>
            <button className="min-h-12 rounded-lg bg-brand px-5 text-base font-semibold text-white">
              查询
            </button>
          </form>
          <Table
            head={["编码", "名称", "所属", "状态", "操作"]}
            rows={rows.map((r) => [
              <code key="c">{r.code ?? r.staffNo}</code>,
              r.name,
              [r.orgName ?? r.parentCode, r.windowCode ? `窗口 ${r.windowCode}` : null]
                .filter(Boolean)
                .join(" · ") || "—",
              [
                r.retiredAt ? `已停用 ${when(r.retiredAt)}` : "在用",
                typeof r.devicesRevokedAt === "number"
                  ? `设备登记已撤销 ${when(r.devicesRevokedAt)}`
                  : null,
              ]
                .filter(Boolean)
                .join("；"),
              <div key="r" className="flex flex-wrap gap-2">
                <Link
                  className="inline-flex min-h-12 items-center rounded-lg px-3 text-base text-brand underline"
                  href={`/admin/manage/registers?kind=${kind}&edit=${r.id}`}
                >
                  编辑
                </Link>
                <ActionForm
                  compact
                  path="manage.entities.retire"
                  fixed={{ kind, id: r.id, retired: !r.retiredAt }}
                  submit={r.retiredAt ? "恢复" : "停用"}
                />
                {(kind === "windows" || kind === "terminals") && !r.retiredAt && (
                  <ActionForm
                    compact
                    path="manage.entities.revokeDevices"
                    fixed={{ kind, id: r.id }}
                    submit="撤销设备登记"
                    confirm={`撤销 ${r.code ?? ""} 已登记的全部设备？这些设备会立即停止工作，需由工作人员重新登记。`}
                  />
                )}
              </div>,
            ])}
          />
          {editing && (
            <ActionForm
              path="manage.entities.update"
              fixed={{ kind, id: editing.id }}
              wrap="values"
              title={`编辑 ${valueOf(editing, kind === "staff" ? "staffNo" : "code")}（编码不能修改）`}
              fields={FIELDS[kind].map((f) => ({
                ...f,
                defaultValue: valueOf(editing, f.name) || f.defaultValue,
              }))}
            />
          )}
          <div className="grid gap-5 lg:grid-cols-2">
            <ActionForm
              path="manage.entities.create"
              fixed={{ kind }}
              wrap="values"
              title="新建"
              submit="新建"
              fields={FIELDS[kind]}
            />
            {(kind === "staff" || kind === "items") && <ImportForm kind={kind} />}
          </div>
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * One small island for every management form: fields in, one tRPC mutation out (its path), the
 * server's sentence (it names the field and the reason) shown on refusal, and an answer worth
 * showing (a new API key, shown once) shown on success. Everything is checked on the server.
 */
export interface Field {
  name: string;
  label: string;
  type?: "text" | "textarea" | "password" | "number" | "date" | "checkbox" | "select";
  options?: [string, string][];
  required?: boolean;
  defaultValue?: string;
}

const box = "mt-1 block w-full rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base";

async function mutate(
  path: string,
  input: unknown,
): Promise<{ ok: boolean; data?: unknown; message?: string }> {
  try {
    const res = await fetch(`/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
      credentials: "same-origin",
    });
    const body = (await res.json().catch(() => null)) as {
      result?: { data: unknown };
      error?: { message: string };
    } | null;
    return res.ok
      ? { ok: true, data: body?.result?.data }
      : { ok: false, message: body?.error?.message ?? "提交失败" };
  } catch {
    return { ok: false, message: "网络不稳定，请稍后再试" };
  }
}

export function ActionForm({
  path,
  title,
  fields = [],
  fixed = {},
  wrap,
  submit = "保存",
  show,
  compact = false,
  confirm,
}: {
  path: string;
  title?: string;
  fields?: Field[];
  /** values sent as they are (ids, kinds) */
  fixed?: Record<string, unknown>;
  /** nest the fields under this key (e.g. entities.create's `values`) */
  wrap?: string;
  submit?: string;
  /** a field of the answer to show once (e.g. "key") */
  show?: string;
  compact?: boolean;
  /** asked before an act that cannot be taken back by the same button */
  confirm?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  return (
    <form
      aria-label={title ?? submit}
      className={
        compact
          ? "inline-flex flex-wrap items-end gap-2"
          : "rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      }
      onSubmit={(e) => {
        e.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(e.currentTarget);
        const values: Record<string, unknown> = {};
        for (const f of fields) {
          const v = data.get(f.name);
          if (f.type === "checkbox") values[f.name] = v === "on";
          else if (f.type === "number")
            values[f.name] = v === "" || v === null ? undefined : Number(v);
          else if (typeof v === "string" && v !== "") values[f.name] = v;
        }
        setBusy(true);
        setMessage(null);
        void mutate(path, wrap ? { ...fixed, [wrap]: values } : { ...fixed, ...values }).then(
          (r) => {
            setBusy(false);
            if (!r.ok) return setMessage(r.message ?? "提交失败");
            if (show && r.data && typeof r.data === "object" && show in r.data)
              setShown(String((r.data as Record<string, unknown>)[show]));
            router.refresh();
          },
        );
      }}
    >
      {title && !compact && <h2 className="text-lg font-semibold">{title}</h2>}
      <div className={compact ? "contents" : "mt-2 grid gap-3 sm:grid-cols-2"}>
        {fields.map((f) => (
          <label
            key={f.name}
            className={
              f.type === "checkbox"
                ? "flex min-h-12 items-center gap-2 text-base"
                : "block text-base font-medium"
            }
          >
            {f.type === "checkbox" ? (
              <>
                <input
                  type="checkbox"
                  name={f.name}
                  defaultChecked={f.defaultValue === "on"}
                  className="size-5"
                />
                {f.label}
              </>
            ) : (
              <>
                {f.label}
                {f.type === "textarea" ? (
                  <textarea
                    name={f.name}
                    className={`${box} min-h-20`}
                    defaultValue={f.defaultValue}
                  />
                ) : f.type === "select" ? (
                  <select name={f.name} className={box} defaultValue={f.defaultValue}>
                    {f.options?.map(([v, word]) => (
                      <option key={v} value={v}>
                        {word}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    name={f.name}
                    type={f.type ?? "text"}
                    className={box}
                    defaultValue={f.defaultValue}
                    autoComplete={f.type === "password" ? "new-password" : "off"}
                  />
                )}
              </>
            )}
          </label>
        ))}
      </div>
      {message && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      {shown && (
        <p role="status" className="mt-3 rounded-lg bg-emerald-50 p-3 text-base text-emerald-900">
          只显示这一次，请立即保存：<code className="font-mono break-all select-all">{shown}</code>
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className={`${compact ? "" : "mt-4 "}min-h-12 rounded-lg bg-brand px-5 text-base font-semibold text-white disabled:opacity-60`}
      >
        {busy ? "正在提交…" : submit}
      </button>
    </form>
  );
}

/** Imports staff or items: a dry run first, then the real one; every bad row with its line and reason. */
export function ImportForm({ kind }: { kind: "staff" | "items" }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  type Report = {
    written: boolean;
    creates: number;
    updates: number;
    problems: { line: number; message: string }[];
  };
  const [report, setReport] = useState<Report | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const send = (form: HTMLFormElement, dryRun: boolean) => {
    const data = new FormData(form);
    data.set("kind", kind);
    data.set("dryRun", dryRun ? "1" : "0");
    setBusy(true);
    setMessage(null);
    void fetch("/api/admin/manage/import", {
      method: "POST",
      body: data,
      credentials: "same-origin",
    })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as
          (Partial<Report> & { error?: { message: string } }) | null;
        if (body?.problems) {
          setReport(body as Report);
          if (body.written) router.refresh();
        } else setMessage(body?.error?.message ?? "上传失败");
      })
      .catch(() => setMessage("网络不稳定，请稍后再试"))
      .finally(() => setBusy(false));
  };
  return (
    <form
      aria-label="导入"
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      onSubmit={(e) => e.preventDefault()}
    >
      <h2 className="text-lg font-semibold">从 xlsx 或 CSV 导入</h2>
      <p className="text-sm text-stone-600">
        {kind === "staff"
          ? "表头：工号、姓名、机构代码、窗口编码"
          : "表头：事项编码、事项名称、机构代码、需要证照（是/否）、繁体名称、英文名称"}
        。先试导入检查，全部正确才会写入。
      </p>
      <label className="mt-2 block text-base font-medium">
        文件（xlsx 或 CSV）
        <input type="file" name="file" accept=".xlsx,.csv,text/csv" className={box} />
      </label>
      <div className="mt-3 flex gap-3">
        <button
          type="button"
          disabled={busy}
          onClick={(e) => send(e.currentTarget.form!, true)}
          className="min-h-12 rounded-lg bg-white px-5 text-base font-semibold text-brand ring-2 ring-brand"
        >
          试导入（不写入）
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={(e) => send(e.currentTarget.form!, false)}
          className="min-h-12 rounded-lg bg-brand px-5 text-base font-semibold text-white"
        >
          导入
        </button>
      </div>
      {message && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      {report && (
        <div role="status" className="mt-3 text-base">
          <p>
            {report.written ? "已写入" : "未写入"}：新建 {report.creates}，更新 {report.updates}
            ，有问题的行 {report.problems.length}
          </p>
          {report.problems.length > 0 && (
            <ul className="mt-2 list-disc pl-6 text-red-800">
              {report.problems.map((p, i) => (
                <li key={i}>
                  第 {p.line} 行：{p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

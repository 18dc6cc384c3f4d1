"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { call } from "@/app/_trpc/call";

/** SPEC §7 `/admin/publish`: a select labelled 统计期 and the button 发布. */
export function PublishForm({ periods }: { periods: string[] }) {
  const router = useRouter();
  const [period, setPeriod] = useState(periods[0] ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="mt-4 flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const r = await call("stats.publish", { period });
        setBusy(false);
        setMessage(
          r.ok
            ? {
                ok: true,
                text: `已发布 ${r.data.period} 第 ${r.data.version} 版，校验码 ${r.data.hash}`,
              }
            : { ok: false, text: r.refusal?.message ?? "网络不稳定，请稍后再试" },
        );
        router.refresh();
      }}
    >
      <label className="text-base font-medium">
        统计期
        <select
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          className="mt-1 block min-h-11 rounded-lg border-2 border-stone-400 bg-white px-3 text-base"
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        disabled={busy}
        className="min-h-11 rounded-lg bg-brand px-5 text-base font-bold text-white disabled:opacity-60"
      >
        发布
      </button>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`w-full break-all rounded-lg p-3 text-base ${message.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { call } from "@/app/_trpc/call";

const box =
  "mt-1 block min-h-11 w-28 rounded-lg border-2 border-stone-400 bg-white px-2 text-base tabular-nums";

/** The bureau's two thresholds of 意见较集中 (article 21 ¶2); each change is audited on the server. */
export function ThresholdsForm({
  alertCount,
  alertDays,
}: {
  alertCount: number;
  alertDays: number;
}) {
  const router = useRouter();
  const [count, setCount] = useState(String(alertCount));
  const [days, setDays] = useState(String(alertDays));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      aria-label="预警阈值"
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setMessage(null);
        void call("analysis.setThresholds", {
          alertCount: Number(count),
          alertDays: Number(days),
        }).then((r) => {
          setBusy(false);
          if (!r.ok)
            return setMessage({ ok: false, text: r.refusal?.message ?? "网络不稳定，请稍后再试" });
          setMessage({ ok: true, text: "已保存" });
          router.refresh();
        });
      }}
    >
      <label className="text-sm font-medium">
        统计天数
        <input
          type="number"
          min={1}
          max={366}
          required
          className={box}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </label>
      <label className="text-sm font-medium">
        差评条数
        <input
          type="number"
          min={2}
          max={1000}
          required
          className={box}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="min-h-11 rounded-lg bg-stone-900 px-4 text-base font-bold text-white disabled:opacity-60"
      >
        保存阈值
      </button>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`min-h-11 content-center text-base ${message.ok ? "text-green-800" : "text-red-800"}`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

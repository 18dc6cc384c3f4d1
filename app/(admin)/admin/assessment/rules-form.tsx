"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { call } from "@/app/_trpc/call";

const box =
  "mt-1 block min-h-11 w-32 rounded-lg border-2 border-stone-400 bg-white px-2 text-base tabular-nums";
type Rules = { weights: { average: number; onTime: number; revisit: number }; deduction: number };
const FIELDS = [
  ["average", "平均分权重"],
  ["onTime", "按时办结率权重"],
  ["revisit", "回访率权重"],
  ["deduction", "每条属实差评扣分"],
] as const;

/** An empty box is sent as "not a number" so the server's sentence names it, rather than as 0. */
const numberOf = (s: string) => (s.trim() === "" ? NaN : Number(s));

/**
 * The bureau edits a year's assessment rules (article 24). The server is the one judge: the form
 * does not check the numbers itself, and shows the server's refusal, which names the field.
 */
export function RulesForm({ year, rules }: { year: number; rules: Rules }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<(typeof FIELDS)[number][0], string>>({
    average: String(rules.weights.average),
    onTime: String(rules.weights.onTime),
    revisit: String(rules.weights.revisit),
    deduction: String(rules.deduction),
  });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      aria-label={`${year}年考核规则`}
      noValidate
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setMessage(null);
        const weights = {
          average: numberOf(values.average),
          onTime: numberOf(values.onTime),
          revisit: numberOf(values.revisit),
        };
        void call("assessment.setRules", {
          year,
          rules: { weights, deduction: numberOf(values.deduction) },
        }).then((r) => {
          setBusy(false);
          if (!r.ok)
            return setMessage({ ok: false, text: r.refusal?.message ?? "网络不稳定，请稍后再试" });
          setMessage({ ok: true, text: `已保存 ${year} 年考核规则，下面的结果已按新规则计算` });
          router.refresh();
        });
      }}
    >
      {FIELDS.map(([key, label]) => (
        <label key={key} className="text-sm font-medium">
          {label}
          <input
            type="number"
            step={key === "deduction" ? "0.5" : "0.05"}
            inputMode="decimal"
            className={box}
            value={values[key]}
            onChange={(e) => setValues({ ...values, [key]: e.target.value })}
          />
        </label>
      ))}
      <button
        type="submit"
        disabled={busy}
        className="min-h-11 rounded-lg bg-stone-900 px-4 text-base font-bold text-white disabled:opacity-60"
      >
        保存规则
      </button>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`w-full rounded-lg p-3 text-base ${message.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

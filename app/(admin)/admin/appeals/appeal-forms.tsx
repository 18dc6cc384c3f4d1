"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { call } from "@/app/_trpc/call";

const box = "mt-1 block w-full rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base";
const button =
  "mt-4 min-h-12 rounded-lg bg-brand px-5 text-base font-semibold text-white disabled:opacity-60";

function Alert({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
      {message}
    </p>
  ) : null;
}

/**
 * Article 22's form: the service indicators of the rating as checkboxes, 申诉理由, 1–5 证明材料
 * (PDF / JPEG / PNG, ≤ 10 MB). The server checks everything again (content by its first bytes).
 */
export function AppealForm({
  ratingId,
  indicators,
}: {
  ratingId: string;
  indicators: { code: string; name: string }[];
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      aria-label="提出申诉"
      className="mt-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setBusy(true);
        setMessage(null);
        void fetch("/api/admin/appeals", { method: "POST", body: form, credentials: "same-origin" })
          .then(async (res) => {
            const body = (await res.json().catch(() => null)) as {
              appealId?: string;
              error?: { message: string };
            } | null;
            if (res.ok && body?.appealId) router.push(`/admin/appeals/${body.appealId}`);
            else setMessage(body?.error?.message ?? "网络不稳定，请稍后再试");
          })
          .catch(() => setMessage("网络不稳定，请稍后再试"))
          .finally(() => setBusy(false));
      }}
    >
      <h2 className="text-lg font-semibold">提出申诉</h2>
      <input type="hidden" name="ratingId" value={ratingId} />
      <fieldset className="mt-3">
        <legend className="text-base font-medium">申诉指标</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {indicators.map((i) => (
            <label key={i.code} className="flex min-h-12 items-center gap-2 text-base">
              <input
                type="checkbox"
                name="indicatorCodes"
                value={i.code}
                defaultChecked
                className="size-5"
              />
              {i.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="mt-3 block text-base font-medium">
        申诉理由
        <textarea name="reason" className={`${box} min-h-28`} maxLength={2000} required />
      </label>
      <label className="mt-3 block text-base font-medium">
        证明材料（PDF、JPEG 或 PNG，1 至 5 个，每个不超过 10 MB）
        <input
          type="file"
          name="files"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          className={box}
        />
      </label>
      <Alert message={message} />
      <button type="submit" className={button} disabled={busy}>
        {busy ? "正在提交…" : "提交申诉"}
      </button>
    </form>
  );
}

/** The bureau's decision: 采纳 / 驳回 with a reason; final once made. */
export function DecideForm({ appealId }: { appealId: string }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<"adopted" | "rejected" | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      aria-label="申诉决定"
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      onSubmit={(e) => {
        e.preventDefault();
        if (!outcome) return setMessage("决定：请选择采纳或驳回");
        setBusy(true);
        setMessage(null);
        void call("appeals.decide", { appealId, outcome, reason }).then((r) => {
          setBusy(false);
          if (!r.ok) return setMessage(r.refusal?.message ?? "网络不稳定，请稍后再试");
          router.refresh();
        });
      }}
    >
      <h2 className="text-lg font-semibold">申诉决定</h2>
      <fieldset className="mt-3">
        <legend className="text-base font-medium">决定</legend>
        <div className="mt-1 flex gap-6">
          {(
            [
              ["adopted", "采纳"],
              ["rejected", "驳回"],
            ] as const
          ).map(([v, word]) => (
            <label key={v} className="flex min-h-12 items-center gap-2 text-base">
              <input
                type="radio"
                name="outcome"
                value={v}
                checked={outcome === v}
                onChange={() => setOutcome(v)}
                className="size-5"
              />
              {word}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="text-sm text-stone-600">
        采纳后该评价的服务评价标记为“不予采纳”，评价本身保留；决定不能更改。
      </p>
      <label className="mt-3 block text-base font-medium">
        决定理由
        <textarea
          className={`${box} min-h-24`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
        />
      </label>
      <Alert message={message} />
      <button type="submit" className={button} disabled={busy}>
        {busy ? "正在提交…" : "提交决定"}
      </button>
    </form>
  );
}

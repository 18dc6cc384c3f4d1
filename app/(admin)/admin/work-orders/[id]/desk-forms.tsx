"use client";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";

import { call, type Called } from "@/app/_trpc/call";

const box = "mt-1 block w-full rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base";

/** One action's state: busy, and the server's sentence when it refuses (it names what is missing). */
function useAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  async function run<T>(action: () => Promise<Called<T>>, done?: (data: T) => void) {
    setBusy(true);
    setMessage(null);
    const r = await action();
    setBusy(false);
    if (!r.ok) return setMessage(r.refusal?.message ?? "网络不稳定，请稍后再试");
    done?.(r.data);
    router.refresh();
  }
  return { busy, message, run };
}

const Alert = ({ children }: { children: ReactNode }) => (
  <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
    {children}
  </p>
);

/** SPEC §7: the form 回访记录 — 回访情况, 核实结果 (属实 / 不属实), 整改措施, 已约谈责任人; 保存 and 办结工单. */
export function RecordForm({ id }: { id: string }) {
  const [visitText, setVisitText] = useState("");
  const [verified, setVerified] = useState<boolean | null>(null);
  const [measures, setMeasures] = useState("");
  const [interviewed, setInterviewed] = useState(false);
  const { busy, message, run } = useAction();
  const reset = () => {
    setVisitText("");
    setVerified(null);
    setMeasures("");
    setInterviewed(false);
  };
  return (
    <form
      aria-label="回访记录"
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => call("workOrders.record", { id, visitText, verified, measures, interviewed }),
          reset,
        );
      }}
    >
      <h2 className="text-lg font-semibold">回访记录</h2>
      <label className="mt-3 block text-base font-medium">
        回访情况
        <textarea
          className={`${box} min-h-20`}
          value={visitText}
          onChange={(e) => setVisitText(e.target.value)}
          maxLength={2000}
        />
      </label>
      <fieldset className="mt-3">
        <legend className="text-base font-medium">核实结果</legend>
        <div className="mt-1 flex gap-4">
          {[
            [true, "属实"],
            [false, "不属实"],
          ].map(([v, label]) => (
            <label key={String(label)} className="flex min-h-11 items-center gap-2 text-base">
              <input
                type="radio"
                name="verified"
                className="size-5"
                checked={verified === v}
                onChange={() => setVerified(v as boolean)}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="mt-3 block text-base font-medium">
        整改措施
        <textarea
          className={`${box} min-h-20`}
          value={measures}
          onChange={(e) => setMeasures(e.target.value)}
          maxLength={2000}
        />
      </label>
      <label className="mt-3 flex min-h-11 items-center gap-2 text-base">
        <input
          type="checkbox"
          className="size-5"
          checked={interviewed}
          onChange={(e) => setInterviewed(e.target.checked)}
        />
        已约谈责任人
      </label>
      {message && <Alert>{message}</Alert>}
      <div className="mt-4 flex flex-wrap items-start gap-3">
        <button
          type="submit"
          disabled={busy}
          className="min-h-12 rounded-xl bg-stone-900 px-6 text-base font-bold text-white disabled:opacity-60"
        >
          保存
        </button>
        {/* one action state for both buttons: a refusal of one is cleared by the next act; 办结工单 saves what the form holds first */}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(
              () => call("workOrders.close", { id, visitText, verified, measures, interviewed }),
              reset,
            )
          }
          className="min-h-12 rounded-xl bg-brand px-6 text-base font-bold text-white disabled:opacity-60"
        >
          办结工单
        </button>
      </div>
    </form>
  );
}

/** 查看完整信息: the reason is required and audited (article 16). */
export function RevealForm({
  id,
  of = "workOrders",
}: {
  id: string;
  of?: "workOrders" | "ratingDesk";
}) {
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<{ name: string | null; phone: string | null } | null>(null);
  const { busy, message, run } = useAction();
  if (shown)
    return (
      <p className="mt-2 rounded-lg bg-amber-50 p-3 text-base ring-1 ring-amber-200">
        完整信息：{shown.name ?? "—"}，{shown.phone ?? "—"}（本次查看已记录）
      </p>
    );
  return (
    <details className="mt-2">
      <summary className="min-h-11 cursor-pointer py-2 text-base font-medium text-brand underline">
        查看完整信息
      </summary>
      <form
        className="mt-2"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () =>
              of === "ratingDesk"
                ? call("ratingDesk.reveal", { id, reason })
                : call("workOrders.reveal", { id, reason }),
            setShown,
          );
        }}
      >
        <label className="block text-base font-medium">
          查看原因（将记入审计日志）
          <input
            className={box}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </label>
        {message && <Alert>{message}</Alert>}
        <button
          type="submit"
          disabled={busy}
          className="mt-2 min-h-11 rounded-lg border-2 border-stone-700 px-4 text-base font-semibold disabled:opacity-60"
        >
          查看
        </button>
      </form>
    </details>
  );
}

/** Article 25: 涉嫌违纪违法, with a note; only the bureau sees the list. */
export function MarkForm({
  targetKind,
  targetId,
}: {
  targetKind: "rating" | "work_order";
  targetId: string;
}) {
  const [note, setNote] = useState("");
  const [done, setDone] = useState(false);
  const { busy, message, run } = useAction();
  if (done)
    return (
      <p className="mt-2 text-base text-stone-700">
        已标记为涉嫌违纪违法，市政务服务数据管理局可见。
      </p>
    );
  return (
    <details className="mt-3">
      <summary className="min-h-11 cursor-pointer py-2 text-base font-medium">
        标记涉嫌违纪违法
      </summary>
      <form
        className="mt-2"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () => call("workOrders.mark", { targetKind, targetId, note }),
            () => setDone(true),
          );
        }}
      >
        <label className="block text-base font-medium">
          线索说明
          <textarea
            className={`${box} min-h-20`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
          />
        </label>
        {message && <Alert>{message}</Alert>}
        <button
          type="submit"
          disabled={busy}
          className="mt-2 min-h-11 rounded-lg border-2 border-red-800 px-4 text-base font-semibold text-red-800 disabled:opacity-60"
        >
          提交标记
        </button>
      </form>
    </details>
  );
}

/** 督办 (SPEC §9, article 5): the bureau presses the order's org with a note; it enters the timeline and the org's 待办. */
export function SuperviseForm({ id }: { id: string }) {
  const [note, setNote] = useState("");
  const [done, setDone] = useState(false);
  const { busy, message, run } = useAction();
  if (done) return <p className="text-base text-stone-700">已督办，已通知该单位。</p>;
  return (
    <form
      aria-label="督办"
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-amber-300"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => call("tasks.supervise", { workOrderId: id, note }),
          () => setDone(true),
        );
      }}
    >
      <h2 className="text-lg font-semibold">督办</h2>
      <label className="mt-3 block text-base font-medium">
        督办要求
        <textarea
          className={`${box} min-h-20`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
        />
      </label>
      {message && <Alert>{message}</Alert>}
      <button
        type="submit"
        disabled={busy}
        className="mt-3 min-h-11 rounded-lg bg-amber-700 px-5 text-base font-bold text-white disabled:opacity-60"
      >
        发送督办
      </button>
    </form>
  );
}

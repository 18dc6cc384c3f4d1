"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { call } from "@/app/_trpc/call";

const box =
  "mt-1 block w-full max-w-xs rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base";

/** 手机号 (shown masked once saved; typing a new one replaces it, empty removes it) and 接收待办短信. */
export function TaskPhoneForm({ phone, taskSms }: { phone: string | null; taskSms: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [optIn, setOptIn] = useState(taskSms);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const save = (next: string, wants: boolean, keep: boolean) => {
    setBusy(true);
    setNote(null);
    void call("tasks.setPhone", { phone: next, taskSms: wants, keep }).then((r) => {
      setBusy(false);
      if (!r.ok)
        return setNote({ ok: false, text: r.refusal?.message ?? "网络不稳定，请稍后再试" });
      setValue("");
      setOptIn(r.data.taskSms);
      setNote({ ok: true, text: "已保存" });
      router.refresh();
    });
  };
  return (
    <form
      className="mt-3"
      onSubmit={(e) => {
        e.preventDefault();
        // an untouched box keeps the saved number: only the opt-in changes
        save(value.trim(), optIn, value.trim() === "" && phone !== null);
      }}
    >
      <p className="text-base">
        当前手机号：<span className="font-mono">{phone ?? "未登记"}</span>
      </p>
      <label className="mt-3 block text-base font-medium">
        手机号
        <input
          className={box}
          inputMode="numeric"
          autoComplete="tel"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          maxLength={11}
          placeholder={phone ? "不修改请留空" : "11 位手机号"}
        />
      </label>
      <label className="mt-3 flex min-h-11 items-center gap-2 text-base">
        <input
          type="checkbox"
          className="size-5"
          checked={optIn}
          onChange={(e) => setOptIn(e.target.checked)}
        />
        接收待办短信
      </label>
      {note && (
        <p
          role={note.ok ? "status" : "alert"}
          className={`mt-3 rounded-lg p-3 text-base ${note.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}
        >
          {note.text}
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-3">
        <button
          type="submit"
          disabled={busy}
          className="min-h-11 rounded-lg bg-stone-900 px-5 text-base font-bold text-white disabled:opacity-60"
        >
          保存
        </button>
        {phone && (
          <button
            type="button"
            disabled={busy}
            onClick={() => save("", false, false)}
            className="min-h-11 rounded-lg border-2 border-stone-700 px-4 text-base disabled:opacity-60"
          >
            删除手机号
          </button>
        )}
      </div>
    </form>
  );
}

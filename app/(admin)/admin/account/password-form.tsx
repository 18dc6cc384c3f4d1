"use client";
import { useState } from "react";

import { call } from "@/app/_trpc/call";
import { useCall } from "@/app/_trpc/use-call";

const box =
  "mt-1 block w-full max-w-xs rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base";

/** 修改密码: the current one, then the new one; each refusal is the server's sentence naming its rule. */
export function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const { busy, refusal, run } = useCall();
  const [done, setDone] = useState(false);
  const note = refusal
    ? { ok: false, text: refusal }
    : done
      ? { ok: true, text: "密码已修改，本账号在其他地方的登录已结束" }
      : null;
  return (
    <form
      className="mt-3"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        void run(call("account.changePassword", { current, password })).then((r) => {
          if (!r) return;
          setCurrent("");
          setPassword("");
          setDone(true);
        });
      }}
    >
      <label className="block text-base font-medium">
        当前密码
        <input
          className={box}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="mt-3 block text-base font-medium">
        新密码
        <input
          className={box}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {note && (
        <p
          role={note.ok ? "status" : "alert"}
          className={`mt-3 rounded-lg p-3 text-base ${note.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}
        >
          {note.text}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="mt-3 min-h-12 rounded-xl bg-stone-900 px-5 text-base font-bold text-white disabled:opacity-60"
      >
        修改密码
      </button>
    </form>
  );
}

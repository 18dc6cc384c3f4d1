"use client";
import { useState } from "react";
import { call } from "@/app/_trpc/call";

/**
 * 工号 (账号 at /admin) and 密码: signs a staff member in at /staff or an admin at /admin (one
 * session for both: the same accounts, the role decides what each shows), or — with `enrol` — enrols the window screen
 * or terminal it is shown on (the device gets its own cookie; nobody stays signed in on it).
 */
export function SignInForm({ enrol, loginLabel = "工号" }: { enrol?: { kind: "window" | "terminal"; code: string }; loginLabel?: string }) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="mt-6 space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setMessage(null);
        void (enrol ? call("device.enrol", { ...enrol, login, password }) : call("auth.signIn", { login, password })).then((done) => {
          if (done.ok) return window.location.reload();
          // the staff pages are in 简体 only: the server's sentence as it is
          setMessage(done.refusal?.message ?? "网络不稳定，请稍后再试");
          setBusy(false);
        });
      }}
    >
      <label className="block text-base font-medium">
        {loginLabel}
        <input
          className="mt-1 block min-h-12 w-full rounded-lg border-2 border-stone-400 px-3 text-lg"
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
        />
      </label>
      <label className="block text-base font-medium">
        密码
        <input
          className="mt-1 block min-h-12 w-full rounded-lg border-2 border-stone-400 px-3 text-lg"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {message && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      <button type="submit" disabled={busy} className="min-h-12 w-full rounded-xl bg-stone-900 text-lg font-bold text-white disabled:opacity-60">
        {enrol ? "登记本设备" : "登录"}
      </button>
    </form>
  );
}

export function SignOutButton() {
  return (
    <button
      type="button"
      className="min-h-12 rounded-xl border-2 border-stone-700 px-4 text-base font-semibold"
      onClick={() => void call("auth.signOut", undefined).then((done) => done.ok && window.location.reload())}
    >
      退出登录
    </button>
  );
}

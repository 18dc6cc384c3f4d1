"use client";
import { useState } from "react";

import { call, type Called } from "@/app/_trpc/call";

const box = "mt-1 block min-h-12 w-full rounded-lg border-2 border-stone-400 px-3 text-lg";
type Step = "password" | "code" | "new_password";
type Answer = Called<{ step: "done" | "code" | "new_password" }>;

/**
 * 工号 (账号 at /admin) and 密码: signs a staff member in at /staff or an admin at /admin (one
 * session for both: the same accounts, the role decides what each shows), or — with `enrol` — enrols the window screen
 * or terminal it is shown on (the device gets its own cookie; nobody stays signed in on it).
 * An account with a second factor is then asked its 动态口令 (or a 恢复码), and one whose password is
 * too old a new one (SPEC §8): the same form, one step after the other.
 */
export function SignInForm({
  enrol,
  loginLabel = "工号",
}: {
  enrol?: { kind: "window" | "terminal"; code: string };
  loginLabel?: string;
}) {
  const [step, setStep] = useState<Step>("password");
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const answered = (done: Answer | Called<unknown>) => {
    setBusy(false);
    if (done.ok) {
      const next = (done.data as { step?: string } | undefined)?.step;
      if (next === "code" || next === "new_password") return setStep(next);
      return window.location.reload();
    }
    // the pending step ran out (five minutes): back to 账号 and 密码
    if (done.refusal?.data?.details?.reason === "timed_out") setStep("password");
    // the staff pages are in 简体 only: the server's sentence as it is
    setMessage(done.refusal?.message ?? "网络不稳定，请稍后再试");
  };
  const submit = () => {
    setBusy(true);
    setMessage(null);
    if (enrol) return void call("device.enrol", { ...enrol, login, password }).then(answered);
    if (step === "code") return void call("auth.verifyCode", { code }).then(answered);
    if (step === "new_password")
      return void call("auth.renewPassword", { password: newPassword }).then(answered);
    void call("auth.signIn", { login, password }).then(answered);
  };
  return (
    <form
      data-step={step}
      className="mt-6 space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {step === "password" && (
        <>
          <label className="block text-base font-medium">
            {loginLabel}
            <input
              className={box}
              autoComplete="username"
              value={login}
              onChange={(e) => setLogin(e.target.value)}
            />
          </label>
          <label className="block text-base font-medium">
            密码
            <input
              className={box}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
        </>
      )}
      {step === "code" && (
        <>
          <p className="text-base text-stone-700">
            请打开手机上的验证器应用，输入“台山好差评”显示的 6
            位动态口令。手机不在身边时，可以输入一个恢复码。
          </p>
          <label className="block text-base font-medium">
            动态口令
            <input
              className={`${box} font-mono tracking-widest`}
              autoComplete="one-time-code"
              autoFocus
              maxLength={20}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
        </>
      )}
      {step === "new_password" && (
        <>
          <p className="text-base text-stone-700">
            密码已超过规定的使用期限，请设置新密码：至少 12
            个字符，含小写字母、大写字母、数字、符号中的至少三类，且不能与最近 5 次的密码相同。
          </p>
          <label className="block text-base font-medium">
            新密码
            <input
              className={box}
              type="password"
              autoComplete="new-password"
              autoFocus
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          </label>
        </>
      )}
      {message && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="min-h-12 w-full rounded-xl bg-stone-900 text-lg font-bold text-white disabled:opacity-60"
      >
        {enrol
          ? "登记本设备"
          : step === "code"
            ? "验证"
            : step === "new_password"
              ? "修改密码并登录"
              : "登录"}
      </button>
    </form>
  );
}

export function SignOutButton() {
  return (
    <button
      type="button"
      className="min-h-12 rounded-xl border-2 border-stone-700 px-4 text-base font-semibold"
      onClick={() =>
        void call("auth.signOut", undefined).then((done) => done.ok && window.location.reload())
      }
    >
      退出登录
    </button>
  );
}

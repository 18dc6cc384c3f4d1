"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { call } from "@/app/_trpc/call";
import { useCall } from "@/app/_trpc/use-call";

const box =
  "mt-1 block w-full max-w-xs rounded-lg border-2 border-stone-400 bg-white px-3 py-2 font-mono text-lg tracking-widest";
const button =
  "min-h-12 rounded-xl bg-stone-900 px-5 text-base font-bold text-white disabled:opacity-60";

/**
 * 两步验证's enrolment: 开启 draws the `otpauth://` URI as a QR code with the secret as text (for
 * typing into an app by hand); the first right 6-digit 动态口令 turns it on and answers the ten
 * 恢复码, shown this once.
 */
export function TwoFactorEnrol() {
  const router = useRouter();
  const [secret, setSecret] = useState<{ qr: string; secret: string } | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const { busy, refusal: message, run } = useCall();
  if (codes)
    return (
      <div className="mt-3">
        <p role="status" className="rounded-lg bg-green-50 p-3 text-base text-green-900">
          两步验证已开启。下面 10
          个恢复码只显示这一次，请抄下或打印后妥善保管；手机不在身边时，每个恢复码可代替动态口令登录一次。
        </p>
        <ol
          aria-label="恢复码"
          className="mt-3 grid grid-cols-2 gap-2 font-mono text-lg sm:grid-cols-5"
        >
          {codes.map((c) => (
            <li key={c} className="rounded-lg bg-stone-100 px-2 py-1 text-center">
              {c}
            </li>
          ))}
        </ol>
        <button type="button" className={`${button} mt-4`} onClick={() => router.refresh()}>
          我已保存恢复码
        </button>
      </div>
    );
  if (!secret)
    return (
      <div className="mt-3">
        {message && (
          <p role="alert" className="mb-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
            {message}
          </p>
        )}
        <button
          type="button"
          disabled={busy}
          className={button}
          onClick={() =>
            void run(call("account.startEnrolment", undefined)).then((r) => r && setSecret(r.data))
          }
        >
          开启两步验证
        </button>
      </div>
    );
  return (
    <form
      className="mt-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run(call("account.confirmEnrolment", { code })).then(
          (r) => r && setCodes(r.data.recoveryCodes),
        );
      }}
    >
      <p className="text-base text-stone-700">
        用手机上的验证器应用（如 Microsoft Authenticator、Google
        身份验证器）扫描二维码，或手动输入密钥。
      </p>
      <div className="mt-3 flex flex-wrap items-start gap-4">
        {/* a data: URL drawn on the server by qrcode: no request leaves the page */}
        <img
          src={secret.qr}
          alt="两步验证二维码"
          width={240}
          height={240}
          className="rounded-lg ring-1 ring-stone-300"
        />
        <div className="min-w-0">
          <p className="text-sm text-stone-700">密钥</p>
          <p data-testid="totp-secret" className="font-mono text-base break-all">
            {secret.secret}
          </p>
        </div>
      </div>
      <label className="mt-4 block text-base font-medium">
        动态口令
        <input
          className={box}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      {message && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      <button type="submit" disabled={busy} className={`${button} mt-3`}>
        确认开启
      </button>
    </form>
  );
}

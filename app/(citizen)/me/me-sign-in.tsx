"use client";
import { useEffect, useState } from "react";

import { call, type Called } from "@/app/_trpc/call";
import type zhCN from "@/messages/zh-CN.json";

import { useCodeDelivery } from "../_components/use-code-delivery";
import type { Words } from "../_components/words";
import { errorText } from "../r/[token]/errors";

export type MeWords = (typeof zhCN)["me"];

/**
 * /me sign-in (SPEC §7): a box labelled 手机号, then 获取验证码, 验证码, 验证 — the rating page's
 * words and limits. Inside the provincial app the page is opened with `#id_token=…` (a fragment
 * never reaches a server log), which signs in at once.
 */
export function MeSignIn({ words, client }: { words: MeWords; client: Words }) {
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [ticket, setTicket] = useState<string | null>(null);
  const sent = ticket !== null;
  const trouble = useCodeDelivery(ticket, (t) => call("me.codeState", { phone, ticket: t }, "GET"));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [viaApp, setViaApp] = useState(false);

  async function run<T>(action: () => Promise<Called<T>>, after: (data: T) => void) {
    setBusy(true);
    setMessage(null);
    const done = await action();
    setBusy(false);
    if (done.ok) after(done.data);
    else
      setMessage(
        done.refusal?.data?.details?.reason === "phone"
          ? words.phoneInvalid
          : errorText(done.refusal, client),
      );
  }

  useEffect(() => {
    const idToken = new URLSearchParams(window.location.hash.slice(1)).get("id_token");
    if (!idToken) return;
    history.replaceState(null, "", window.location.pathname);
    setViaApp(true);
    void run(
      () => call("me.idToken", { idToken }),
      () => window.location.reload(),
    );
    // once, on arrival
  }, []);

  const validPhone = /^1[3-9]\d{9}$/.test(phone);
  return (
    <section
      aria-labelledby="sign-in-title"
      className="mt-5 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id="sign-in-title" className="text-xl font-bold">
        {client.proofTitle}
      </h2>
      {viaApp && <p className="mt-2 text-base">{words.appLogin}</p>}
      <label className="mt-4 block text-base font-medium">
        {words.phone}
        <input
          className="mt-1 block min-h-14 w-full rounded-xl border-2 border-stone-400 bg-white px-4 text-2xl tracking-wider"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={11}
          value={phone}
          onChange={(e) => setPhone(e.target.value.replace(/\D/g, ""))}
        />
      </label>
      <button
        type="button"
        disabled={busy || !validPhone}
        className="mt-4 min-h-14 w-full rounded-xl border-2 border-stone-800 bg-white px-4 text-lg font-semibold disabled:opacity-60"
        onClick={() =>
          void run(
            () => call("me.sendCode", { phone }),
            (data) => setTicket(data.ticket),
          )
        }
      >
        {words.sendCode}
      </button>
      {sent && trouble === "none" && (
        <p className="mt-2 text-base text-emerald-800">{words.codeSent}</p>
      )}
      {trouble !== "none" && (
        <p role="alert" className="mt-2 rounded-lg bg-amber-50 p-3 text-base text-amber-900">
          {trouble === "late" ? client.codeLate : client.codeFailed}
        </p>
      )}
      <label className="mt-4 block text-base font-medium">
        {words.code}
        <input
          className="mt-1 block min-h-14 w-full rounded-xl border-2 border-stone-400 bg-white px-4 text-2xl tracking-widest"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
        />
      </label>
      <button
        type="button"
        disabled={busy || code.length !== 6 || !validPhone}
        className="mt-3 min-h-14 w-full rounded-xl bg-brand px-4 text-lg font-semibold text-white disabled:opacity-60"
        onClick={() =>
          void run(
            () => call("me.verifyCode", { phone, code }),
            () => window.location.reload(),
          )
        }
      >
        {words.verify}
      </button>
      {message && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
    </section>
  );
}

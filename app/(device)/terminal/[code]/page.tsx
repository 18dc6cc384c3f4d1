import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";

import { CitizenHeader } from "@/app/(citizen)/_components/citizen-header";
import { RatingBody } from "@/app/(citizen)/r/[token]/rating-body";
import type { Locale } from "@/server/catalog/locale";
import { getDeps } from "@/server/deps";
import { DEVICE_COOKIE, deviceFor, deviceOf } from "@/server/device/device.service";
import {
  currentCase,
  deviceName,
  ratedJustNow,
  terminalToken,
} from "@/server/device/screen.service";
import { ratingPage } from "@/server/ratings/page.service";

import { EnrolPanel } from "../../_components/enrol";
import { ForgetPreferences } from "../../_components/forget-preferences";
import { Refresher } from "../../_components/refresher";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "自助终端评价", robots: { index: false } };

/** how long a terminal thanks the last applicant before it waits for the next */
const THANKS_MS = 20_000;

/**
 * The self-service terminal (articles 14, 18): at the end of a terminal flow its current case
 * opens for rating with item, serial number and terminal number. The kiosk is the proof of
 * real name (its flow read the ID), so there is no SMS step and no session left behind.
 */
export default async function TerminalPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const deps = await getDeps();
  const device = deviceFor(
    await deviceOf(deps, (await cookies()).get(DEVICE_COOKIE)?.value),
    "terminal",
    code,
  );
  if (!device) return <EnrolPanel kind="terminal" code={code} />;
  const [current, name, locale, t, header, kiosk] = await Promise.all([
    currentCase(deps, device),
    deviceName(deps, device),
    getLocale(),
    getTranslations("common"),
    getTranslations("header"),
    getTranslations("terminal"),
  ]);
  const token = current ? await terminalToken(deps, current) : null;
  const page = token ? await ratingPage(deps, token, null, true, locale as Locale) : null;
  const thanks = !page && (await ratedJustNow(deps, device, THANKS_MS));
  const state = page?.state ?? (thanks ? "rated" : "idle");

  return (
    <main data-state={state} className="mx-auto max-w-xl px-4 pt-6 pb-16">
      {state === "rated" && <ForgetPreferences />}
      <CitizenHeader title={t("title")} over={`${name} · ${header("terminal")} ${device.code}`} />
      {page && token ? (
        <RatingBody page={page} token={token} />
      ) : (
        <section role="status" className="mt-16 text-center">
          <p className="text-3xl font-bold">{thanks ? kiosk("thanks") : kiosk("welcome")}</p>
          <p className="mt-4 text-xl text-stone-700">
            {thanks ? kiosk("thanksHint") : kiosk("welcomeHint")}
          </p>
          <Refresher everyMs={5_000} />
        </section>
      )}
    </main>
  );
}

import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";

import { islandWords } from "@/app/(citizen)/_components/island-words";
import { localizedCatalogue } from "@/server/catalog/indicators.service";
import type { Locale } from "@/server/catalog/locale";
import { getDeps } from "@/server/deps";
import { DEVICE_COOKIE, deviceFor, deviceOf } from "@/server/device/device.service";
import { currentCase, deviceName, windowCodeFor } from "@/server/device/screen.service";

import { EnrolPanel } from "../../_components/enrol";
import { type ScreenView, WindowScreen } from "./window-screen";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "窗口评价", robots: { index: false } };

export default async function WindowPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const deps = await getDeps();
  const device = deviceFor(
    await deviceOf(deps, (await cookies()).get(DEVICE_COOKIE)?.value),
    "window",
    code,
  );
  if (!device) return <EnrolPanel kind="window" code={code} />;
  const [current, catalogue, name, words, screen, t] = await Promise.all([
    currentCase(deps, device),
    localizedCatalogue(deps.database.db, (await getLocale()) as Locale),
    deviceName(deps, device),
    islandWords("client"),
    islandWords("screen"),
    getTranslations("common"),
  ]);
  const initial: ScreenView = current
    ? { phase: "case", current, code: await windowCodeFor(deps, device, current) }
    : { phase: "idle" };
  const indicator = (c: string) => catalogue.indicators.find((i) => i.code === c)!;
  return (
    <WindowScreen
      words={words}
      screen={screen}
      title={t("title")}
      windowName={name}
      initial={initial}
      // the screen rates what the stage asks first: the receipt's service attitude, the completion's overall
      indicators={{ receipt: indicator("svc.attitude"), completion: indicator("overall") }}
    />
  );
}

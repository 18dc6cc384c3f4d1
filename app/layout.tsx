import "./globals.css";

import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";

import { HTML_LANG } from "@/i18n/locale";

import { TEXT_SIZE_COOKIE } from "./(citizen)/_components/text-size";

export const metadata: Metadata = {
  title: { default: "台山好差评", template: "%s · 台山好差评" },
  description: "台山市政务服务“好差评”——扫码评价政务服务",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#b91c1c" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const large = (await cookies()).get(TEXT_SIZE_COOKIE)?.value === "large";
  const locale = (await getLocale()) as keyof typeof HTML_LANG;
  return (
    <html lang={HTML_LANG[locale] ?? "zh-CN"} className={large ? "text-large" : undefined}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}

import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "台山好差评", template: "%s · 台山好差评" },
  description: "台山市政务服务“好差评”——扫码评价政务服务",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#b91c1c" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}

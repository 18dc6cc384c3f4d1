import { withSerwist } from "@serwist/turbopack";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // native modules (libSQL, jieba's segmenter) must be loaded by Node, not bundled; chinese-days: the
  // calendar import (server/manage) reads its data with require at run time; exceljs: node streams;
  // prom-client: one module with scripts/serve.mjs, whose registry the app's metrics join
  serverExternalPackages: [
    "@libsql/client",
    "libsql",
    "pino",
    "@node-rs/jieba",
    "chinese-days",
    "exceljs",
    "prom-client",
  ],
  // `npm test` runs tsc --noEmit and ESLint; repeating them in every build only slows `npm start`
  typescript: { ignoreBuildErrors: true },
  // forbidden(): a window staff account at /admin gets a real 403 (无权访问), not a 200 page
  experimental: { authInterrupts: true },
};

// the service worker is bundled by esbuild in the /serwist route handler, so Next must not bundle esbuild
export default withSerwist(createNextIntlPlugin("./i18n/request.ts")(config));

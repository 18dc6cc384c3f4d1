import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

import { createSerwistRoute } from "@serwist/turbopack";

import { citizenShellOnly } from "../citizen-shell";

const contentRevision = (file: string) =>
  createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);

/**
 * The service worker (`/serwist/sw.js`), bundled from app/sw.ts by esbuild when the app is built,
 * with its precache list: the rating page's build files, the offline page (public/offline.html)
 * and the favicon (app/icon.svg), so that a page shown without network loads nothing that fails.
 */
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute(
  {
    swSrc: "app/sw.ts",
    // the native esbuild is installed (esbuild-wasm is not)
    useNativeEsbuild: true,
    globPatterns: [".next/static/**/*.{js,css}", "public/offline.html"],
    manifestTransforms: [citizenShellOnly()],
    additionalPrecacheEntries: [{ url: "/icon.svg", revision: contentRevision("app/icon.svg") }],
  },
);

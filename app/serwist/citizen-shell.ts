import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";

import type { InjectManifestOptions } from "@serwist/turbopack";

type Transform = NonNullable<InjectManifestOptions["manifestTransforms"]>[number];

/** The pages whose build files every phone keeps: the rating page (its shell works offline). */
const CITIZEN_PAGES = ["/(citizen)/r/[token]/page"];

/**
 * The build files (`static/chunks/…`) the citizen pages load, read from the manifests Next writes
 * for each page: the root main files, the page's entry scripts and styles, its client modules'
 * chunks. Legacy polyfills (loaded only by browsers without modules) are left out.
 */
export function citizenShellFiles(distDir: string): Set<string> {
  const files = new Set<string>();
  for (const page of CITIZEN_PAGES) {
    const dir = join(distDir, "server/app", page);
    const buildManifest = `${dir}/build-manifest.json`;
    const clientManifest = `${dir}_client-reference-manifest.js`;
    if (!existsSync(buildManifest) || !existsSync(clientManifest)) continue;
    for (const f of (
      JSON.parse(readFileSync(buildManifest, "utf8")) as { rootMainFiles?: string[] }
    ).rootMainFiles ?? [])
      files.add(f);
    const sandbox: { __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
    runInNewContext(readFileSync(clientManifest, "utf8"), sandbox);
    const m = sandbox.__RSC_MANIFEST?.[page];
    for (const list of Object.values(m?.entryJSFiles ?? {})) for (const f of list) files.add(f);
    for (const list of Object.values(m?.entryCSSFiles ?? {}))
      for (const f of list) files.add(f.path);
    for (const mod of Object.values(m?.clientModules ?? {}))
      for (const c of mod.chunks) files.add(c.replace(/^\/_next\//, ""));
  }
  return files;
}

interface ClientManifest {
  entryJSFiles?: Record<string, string[]>;
  entryCSSFiles?: Record<string, { path: string }[]>;
  clientModules?: Record<string, { chunks: string[] }>;
}

/**
 * Keeps in the precache only what a citizen's phone needs: the citizen pages' build files and the
 * offline page. Staff and admin chunks (charts, later) are never downloaded to every phone. If
 * Next's manifests cannot be read (a Next upgrade moved them), every build file is kept instead:
 * heavier, never broken.
 */
export function citizenShellOnly(distDir = ".next"): Transform {
  return (entries) => {
    const shell = citizenShellFiles(distDir);
    const prefix = `${distDir}/`;
    const keep = entries.filter(
      (e) => !e.url.startsWith(prefix) || shell.size === 0 || shell.has(e.url.slice(prefix.length)),
    );
    return {
      manifest: keep,
      warnings:
        shell.size === 0
          ? [`no citizen page manifests under ${distDir}: precaching every build file`]
          : [],
    };
  };
}

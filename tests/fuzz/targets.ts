import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

import { z } from "zod";

export interface Target {
  kind: "v1" | "trpc";
  /** e.g. "POST /api/v1/cases/[serialNo]" or "mutation auth.signIn" */
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** the route's path with its [segments], or the procedure's path */
  path: string;
  /** a tRPC query or mutation */
  type?: "query" | "mutation";
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every v1 route handler under app/api/v1 and the methods it exports, read from the files: a new endpoint is fuzzed without a list to update. */
export function v1Targets(root = "app/api/v1"): Target[] {
  const out: Target[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (entry === "route.ts") {
        const src = readFileSync(file, "utf8");
        const path = `/api/v1/${relative(root, dir)}`.replace(/\/$/, "");
        for (const m of METHODS) {
          if (
            new RegExp(
              `export (const|async function|function) ${m}\\b|export \\{[^}]*\\b${m}\\b[^}]*\\}`,
            ).test(src)
          )
            out.push({ kind: "v1", name: `${m} ${path}`, method: m, path });
        }
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

interface ProcedureLike {
  _def: { type: "query" | "mutation" | "subscription"; inputs?: unknown[] };
}

/** Every procedure of the router, from its own definition (`_def.procedures`): procedures added later are fuzzed too. */
export function trpcTargets(router: { _def: { procedures: Record<string, unknown> } }): Target[] {
  return Object.entries(router._def.procedures)
    .map(([path, p]) => ({ path, type: (p as ProcedureLike)._def.type }))
    .filter((p): p is { path: string; type: "query" | "mutation" } => p.type !== "subscription")
    .map(({ path, type }) => ({
      kind: "trpc" as const,
      name: `${type} ${path}`,
      method: type === "query" ? ("GET" as const) : ("POST" as const),
      path,
      type,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Words the inputs are made of, taken from the schemas themselves: property names and enum
 * values of every procedure's zod input and of the v1 OpenAPI document. Random objects built
 * from them get past the first checks and reach deeper into the services.
 */
export function vocabulary(
  router: { _def: { procedures: Record<string, unknown> } },
  openapi: unknown,
): { keys: string[]; words: string[] } {
  const keys = new Set<string>();
  const words = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === "object")
      for (const k of Object.keys(o.properties)) keys.add(k);
    if (Array.isArray(o.enum)) for (const v of o.enum) if (typeof v === "string") words.add(v);
    if (typeof o.const === "string") words.add(o.const);
    if (Array.isArray(o.examples))
      for (const v of o.examples) if (typeof v === "string") words.add(v);
    if (typeof o.example === "string") words.add(o.example);
    Object.values(o).forEach(visit);
  };
  for (const p of Object.values(router._def.procedures)) {
    for (const input of (p as ProcedureLike)._def.inputs ?? []) {
      try {
        visit(z.toJSONSchema(input as z.ZodType, { unrepresentable: "any", io: "input" }));
      } catch {
        // a schema JSON Schema cannot express: its words are left out
      }
    }
  }
  visit(openapi);
  return { keys: [...keys].sort(), words: [...words].sort() };
}

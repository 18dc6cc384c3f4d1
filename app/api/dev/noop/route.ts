import { demoOnly } from "@/server/http/dev";

/** The framework floor for the benchmarks: parse a JSON body, answer, do nothing else. */
export const POST = demoOnly(async (req) => {
  const body = (await req.json()) as unknown;
  return Response.json({ ok: body !== undefined });
});

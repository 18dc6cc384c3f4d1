import { v1Handler } from "@/server/http/v1";
import { scrape } from "@/server/metrics/metrics.service";

/** Prometheus text for IT's monitoring, behind an integration key of scope `metrics` (SPEC §10). */
export const GET = v1Handler({ scope: "metrics" }, async ({ deps }) => {
  const { contentType, body } = await scrape(deps);
  return new Response(body, {
    headers: { "content-type": contentType, "cache-control": "no-store" },
  });
});

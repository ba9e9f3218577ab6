// GET /api/metrics – Prometheus text; bearer METRICS_TOKEN when set
import { apiRoute } from "@/lib/api";
import { getMetricsOperation } from "@/lib/metrics/operations";
import { registerJobGauges } from "@/lib/jobs/metrics";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getMetricsOperation, async ({ req }) => {
  const { contentType, body } = await scrapeMetrics(req, [registerJobGauges]);
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});

// GET /api/health – database, storage and engine checks; 503 when down
import { checkHealth } from "@/lib/health";
import { getHealthOperation } from "@/lib/health/operations";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { pipelineHealthChecks } from "@/lib/pipelines/registry";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getHealthOperation, async () => {
  const report = await checkHealth(pipelineHealthChecks());
  return json(report, report.status === "down" ? 503 : 200, { "cache-control": "no-store" });
});

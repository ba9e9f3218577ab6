// GET /api/health – database, storage and engine checks; 503 when down
import { contractsHealthCheck } from "@/lib/contracts/health";
import { checkHealth } from "@/lib/health";
import { getHealthOperation } from "@/lib/health/operations";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getHealthOperation, async () => {
  const report = await checkHealth([contractsHealthCheck]);
  return json(report, report.status === "down" ? 503 : 200, { "cache-control": "no-store" });
});

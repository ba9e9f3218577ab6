// POST /api/v1/runs/{id}/rerun – start a new run with the same trigger event
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { rerunRunAs } from "@/lib/runs";
import { rerunRunOperation } from "@/lib/runs/operations";

export const POST = apiRoute(rerunRunOperation, async ({ auth, params }) => {
  const run = await rerunRunAs(auth, params.id);
  return json(run, 201, { location: `/api/v1/runs/${encodeURIComponent(run.id)}` });
});

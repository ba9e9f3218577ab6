// POST /api/v1/engine/gql – the engine's GraphQL read API (Inngest's dev-server /v0/gql subset), operators only
import { apiRoute } from "@/lib/api";
import { queryEngineGraph } from "@/lib/engine";
import { json } from "@/lib/http";
import { queryEngineGraphOperation } from "@/lib/runs/operations";

export const POST = apiRoute(queryEngineGraphOperation, async ({ body }) => {
  const out = await queryEngineGraph(body);
  return json(out.body, out.status);
});

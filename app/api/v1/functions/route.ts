// GET /api/v1/functions – registered durable functions (the runs list's `function` filter)
import { inngest } from "@/inngest/client";
import { apiRoute } from "@/lib/api";
import { listFunctionsFor } from "@/lib/runs";
import { listRunFunctionsOperation } from "@/lib/runs/operations";

export const GET = apiRoute(listRunFunctionsOperation, async ({ auth }) => ({ data: await listFunctionsFor(auth, inngest.id) }));

// GET /api/v1/runs – engine runs the caller may see (filter by function, status, time; cursor pagination)
import { apiRoute } from "@/lib/api";
import { listRunsFor } from "@/lib/runs";
import { listRunsOperation } from "@/lib/runs/operations";

export const GET = apiRoute(listRunsOperation, async ({ auth, query }) => listRunsFor(auth, query));

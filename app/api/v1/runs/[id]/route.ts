// GET /api/v1/runs/{id} – one run with its trigger event, attempts and steps
import { apiRoute } from "@/lib/api";
import { getRunFor } from "@/lib/runs";
import { getRunOperation } from "@/lib/runs/operations";

export const GET = apiRoute(getRunOperation, async ({ auth, params, query }) =>
  getRunFor(auth, params.id, { maxValueBytes: query.max_value_bytes }),
);

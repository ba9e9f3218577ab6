// GET /api/v1/jobs/{id}/tables – the tables an extraction job found
import { listJobTables, presentTableSummary } from "@/lib/documents";
import { listJobTablesOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(listJobTablesOperation, async ({ auth, params }) => ({
  items: (await listJobTables(auth.workspace.id, params.id)).map(presentTableSummary),
}));

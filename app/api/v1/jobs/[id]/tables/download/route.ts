// GET /api/v1/jobs/{id}/tables/download – all of a job's tables as a ZIP of CSVs or one XLSX
import { exportJobTables, openExport } from "@/lib/documents";
import { downloadJobTablesOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";
import { downloadParts } from "@/lib/storage";

export const GET = apiRoute(downloadJobTablesOperation, async ({ auth, params, query }) => {
  const created = await exportJobTables(auth.workspace.id, params.id, query.format);
  const { file, stream } = await openExport(auth.workspace.id, created.id);
  const { body, headers } = downloadParts(file, stream);
  return new Response(body, { status: 200, headers });
});

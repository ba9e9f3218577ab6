// GET /api/v1/exports/{id}/download – stream an export (CSV, XLSX or ZIP)
import { openExport } from "@/lib/documents";
import { downloadExportOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";
import { downloadParts } from "@/lib/storage";

export const GET = apiRoute(downloadExportOperation, async ({ auth, params }) => {
  const { file, stream } = await openExport(auth.workspace.id, params.id);
  const { body, headers } = downloadParts(file, stream);
  return new Response(body, { status: 200, headers });
});

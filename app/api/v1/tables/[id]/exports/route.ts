// POST /api/v1/tables/{id}/exports – export one table as CSV or XLSX
import { exportTable, presentExport } from "@/lib/documents";
import { createTableExportOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const POST = apiRoute(createTableExportOperation, async ({ auth, params, body }) => json(presentExport(await exportTable(auth.workspace.id, params.id, body.format)), 201));

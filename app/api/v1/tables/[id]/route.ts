// GET /api/v1/tables/{id} – one table with its rows
import { getTable, presentTable } from "@/lib/documents";
import { getTableOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(getTableOperation, async ({ auth, params }) => {
  const { table, headerRows } = await getTable(auth.workspace.id, params.id);
  return presentTable(table, headerRows);
});

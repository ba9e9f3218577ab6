// GET /api/v1/documents/{id}/tables – every table extracted from the document
import { getDocument, listDocumentTables, presentTableSummary } from "@/lib/documents";
import { listDocumentTablesOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(listDocumentTablesOperation, async ({ auth, params }) => {
  await getDocument(auth.workspace.id, params.id);
  return { items: (await listDocumentTables(auth.workspace.id, params.id)).map(presentTableSummary) };
});

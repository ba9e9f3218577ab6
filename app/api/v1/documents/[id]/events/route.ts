// GET /api/v1/documents/{id}/events – the document's timeline
import { getDocument, listEvents } from "@/lib/documents";
import { listDocumentEventsOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(listDocumentEventsOperation, async ({ auth, params, query }) => {
  await getDocument(auth.workspace.id, params.id);
  return listEvents(auth.workspace.id, "document", params.id, query);
});

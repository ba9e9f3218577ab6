// GET /api/v1/documents/{id} – one document; DELETE – it, its tables and their exports
import { deleteDocument, getDocument, presentDocument } from "@/lib/documents";
import { deleteDocumentOperation, getDocumentOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";
import { noContent } from "@/lib/http";

export const GET = apiRoute(getDocumentOperation, async ({ auth, params }) => presentDocument(await getDocument(auth.workspace.id, params.id)));

export const DELETE = apiRoute(deleteDocumentOperation, async ({ auth, params }) => {
  await deleteDocument(auth.workspace.id, params.id);
  return noContent();
});

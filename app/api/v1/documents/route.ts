// POST /api/v1/documents – upload a PDF, CSV or XLSX document; GET – the workspace's documents
import { acceptDocument, listDocuments, presentDocument } from "@/lib/documents";
import { listDocumentsOperation, uploadDocumentOperation } from "@/lib/documents/operations";
import { getEnv } from "@/lib/env";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const POST = apiRoute(uploadDocumentOperation, async ({ req, auth }) => {
  const doc = await acceptDocument(req, { workspaceId: auth.workspace.id, userId: auth.user.id });
  return json(presentDocument(doc), 201, { location: `${getEnv().appUrl}/api/v1/documents/${encodeURIComponent(doc.id)}` });
});

export const GET = apiRoute(listDocumentsOperation, async ({ auth, query }) => listDocuments(auth.workspace.id, query));

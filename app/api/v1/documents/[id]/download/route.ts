// GET /api/v1/documents/{id}/download – the uploaded file as it came
import { openDocumentFile } from "@/lib/documents";
import { downloadDocumentOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";
import { downloadParts } from "@/lib/storage";

export const GET = apiRoute(downloadDocumentOperation, async ({ auth, params }) => {
  const { file, stream } = await openDocumentFile(auth.workspace.id, params.id);
  const { body, headers } = downloadParts(file, stream);
  return new Response(body, { status: 200, headers });
});

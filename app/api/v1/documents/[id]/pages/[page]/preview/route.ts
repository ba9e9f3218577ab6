// GET /api/v1/documents/{id}/pages/{page}/preview – a JPEG of one PDF page
import { renderDocumentPreview } from "@/lib/documents";
import { getDocumentPagePreviewOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(getDocumentPagePreviewOperation, async ({ auth, params }) => {
  const preview = await renderDocumentPreview(auth.workspace.id, params.id, params.page);
  return new Response(Buffer.from(preview.image), {
    status: 200,
    headers: { "content-type": "image/jpeg", "cache-control": "private, max-age=300", "x-content-type-options": "nosniff" },
  });
});

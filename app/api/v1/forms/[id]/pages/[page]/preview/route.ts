// GET /api/v1/forms/{id}/pages/{page}/preview – a page's JPEG preview
import { Readable } from "node:stream";
import { openFormsPreview } from "@/lib/forms/jobs";
import { getFormPagePreviewOperation } from "@/lib/forms/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(getFormPagePreviewOperation, async ({ auth, params }) => {
  const { handle, size } = await openFormsPreview(auth.workspace.id, params.id, params.page);
  const body = Readable.toWeb(handle.createReadStream({ autoClose: true })) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": "image/jpeg",
      "content-length": String(size),
      "x-content-type-options": "nosniff",
      // A page's preview never changes once written; it is the workspace's, so no shared cache.
      "cache-control": "private, max-age=3600",
    },
  });
});

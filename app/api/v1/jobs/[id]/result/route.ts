// GET /api/v1/jobs/{id}/result – stream the result artifact as a download; HEAD – its headers only
import { apiRoute } from "@/lib/api";
import { openJobResult } from "@/lib/jobs";
import { getJobResultOperation } from "@/lib/jobs/operations";
import { downloadParts } from "@/lib/storage";

export const GET = apiRoute(getJobResultOperation, async ({ auth, params }) => {
  const { file, stream } = await openJobResult(auth.workspace.id, params.id);
  const { body, headers } = downloadParts(file, stream);
  return new Response(body, { status: 200, headers });
});

/**
 * Next answers HEAD with the GET handler and never reads the body, which would leave the file
 * open until garbage collection: one descriptor per request. Same answer, stream closed at once.
 */
export async function HEAD(req: Request, ctx?: Parameters<typeof GET>[1]): Promise<Response> {
  const res = await GET(req, ctx);
  await res.body?.cancel();
  return new Response(null, { status: res.status, headers: res.headers });
}

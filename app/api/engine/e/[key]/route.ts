// POST /api/engine/e/{key} – Inngest's event API, served by the embedded engine
// Not an apiRoute: Inngest SDKs send here and parse Inngest's reply format ({ids, status}).
import { handleEmbeddedEventRequest } from "@/lib/engine/api/embedded-event-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request, ctx: { params: Promise<{ key: string }> }): Promise<Response> {
  return handleEmbeddedEventRequest(request, (await ctx.params).key);
}

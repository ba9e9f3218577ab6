// GET/POST/PUT /api/inngest – the Inngest SDK endpoint the engine (or Inngest) calls
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { unauthorized } from "@/lib/errors";
import { errorResponse, requestIdFor } from "@/lib/http";
import { appServeUrl } from "@/lib/engine/registration/serve-url";
import { syncRequestAllowed } from "@/lib/engine/registration/sync-guard";

type Handler = (request: Request, context?: unknown) => Promise<Response>;
type Handlers = { GET: Handler; POST: Handler; PUT: Handler };

let handlers: Handlers | undefined;

/**
 * Built on first use, not at import (`next build` imports this module): the served URL comes from
 * settings, so the SDK never derives it from a request's Host header.
 */
function sdk(): Handlers {
  if (handlers) return handlers;
  const url = appServeUrl();
  handlers = serve({ client: inngest, functions, serveOrigin: url.origin, servePath: url.pathname }) as unknown as Handlers;
  return handlers;
}

export const GET: Handler = (request, context) => sdk().GET(request, context);
export const POST: Handler = (request, context) => sdk().POST(request, context);

export const PUT: Handler = async (request, context) => {
  const body = await request.clone().text();
  if (!syncRequestAllowed(request.headers.get("x-inngest-signature"), body)) {
    return errorResponse(unauthorized("A sync must be signed with the signing key"), requestIdFor(request));
  }
  return sdk().PUT(request, context);
};

// ANY /api/* that no route matches – the API's JSON 404 instead of Next's HTML page
import { appError } from "@/lib/errors";
import { errorResponse, requestIdFor } from "@/lib/http";

export const dynamic = "force-dynamic";

function noSuchRoute(req: Request): Response {
  return errorResponse(appError("NotFoundError", "No API endpoint at this path; the API is described at /api/v1/openapi.json"), requestIdFor(req));
}

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;

/** A JSON response with a status (201, 202) and optional headers. */
export function json(data: unknown, status = 200, headers?: Record<string, string>): Response {
  return Response.json(data, { status, headers });
}

/** 204 No Content. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

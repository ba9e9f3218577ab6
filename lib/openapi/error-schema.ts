import { z } from "zod";

/** The one JSON shape of every API error (see lib/http/error-response.ts). */
export const errorSchema = z
  .object({
    error: z.object({
      type: z.string().meta({ description: "Stable, machine-readable error name", example: "ValidationError" }),
      message: z.string().meta({ description: "For people; never contains secrets", example: "Invalid query" }),
      details: z
        .union([
          z.array(
            z.object({
              path: z.string().optional().meta({ description: "Where: `body.email`, `query.limit`, `params.id`", example: "query.limit" }),
              message: z.string(),
              code: z.string().optional(),
            }),
          ),
          z.record(z.string(), z.unknown()),
        ])
        .optional()
        .meta({ description: "Validation errors list one entry per invalid field; other errors may add an object" }),
    }),
    request_id: z.string().meta({ description: "Also in the `X-Request-Id` header; quote it when reporting a problem" }),
  })
  .meta({ id: "Error" });

/** What each standard status means, for every operation it applies to. */
export const STANDARD_ERRORS: Record<number, string> = {
  400: "Bad request: the body is not valid JSON",
  401: "Unauthorized: no valid session cookie or API key",
  403: "Forbidden: your role in this workspace does not allow this",
  404: "Not found (also answered for other workspaces' resources)",
  409: "Conflict with the resource's current state",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Validation failed; `details` lists every invalid field",
  429: "Too many requests; retry after `Retry-After` seconds",
  500: "Unexpected server error; nothing about it is revealed",
};

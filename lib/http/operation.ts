import type { ZodType } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type OperationResponse = {
  description: string;
  /** JSON body schema; omit for empty (204) or binary responses. */
  schema?: ZodType;
  /** For non-JSON responses (files, Prometheus text). */
  contentType?: string;
};

/**
 * One API operation: the contract the route wrapper enforces and the OpenAPI document describes,
 * from the same zod schemas.
 */
export type Operation<P = unknown, Q = unknown, B = unknown> = {
  method: HttpMethod;
  /** OpenAPI path template, e.g. "/api/v1/jobs/{id}"; also the metrics route label. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** "required" (default): session or API key; "optional": resolved if present; "none": public. */
  auth?: "required" | "optional" | "none";
  /** A permission of lib/auth/permissions (http sits below auth, so the name is checked by the catalog test). */
  permission?: string;
  /** Instance operators only (OPERATOR_EMAILS): instance-level data that belongs to no workspace. Checked before input. */
  operators?: true;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  /** A JSON body schema; "multipart" bodies are read by the handler itself (streaming uploads). */
  body?: ZodType<B>;
  multipart?: { description: string; fields: Record<string, { type: "file" | "string"; description: string; required?: boolean }> };
  /** Named rate limit bucket(s) (see lib/rate-limit); every one is counted, the first full one answers 429. */
  rateLimit?: string | string[];
  /** Maximum JSON body size in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  responses: Record<number, OperationResponse>;
};

export function defineOperation<P = undefined, Q = undefined, B = undefined>(op: Operation<P, Q, B>): Operation<P, Q, B> {
  return op;
}

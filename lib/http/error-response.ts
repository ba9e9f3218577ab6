import { ZodError } from "zod";
import { type AppError, appError as typedError, isAppError, validationFailed, type ErrorDetail } from "@/lib/errors";
import { logger } from "@/lib/logging";

/** The one JSON shape of every API error. */
export type ErrorBody = {
  error: { type: string; message: string; details?: ErrorDetail[] | Record<string, unknown> };
  request_id: string;
};

export function zodDetails(error: ZodError, prefix?: string): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(root)",
    message: issue.message,
    code: issue.code,
  }));
}

/** Maps anything thrown to an AppError; unknown errors become a 500 that reveals nothing. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) return validationFailed("The request is not valid", zodDetails(error));
  return typedError("InternalError", "Something went wrong on our side; the error has been logged");
}

export function errorResponse(error: unknown, requestId: string): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) logger().error({ err: error }, "request failed");
  const body: ErrorBody = {
    error: {
      type: appError.type,
      message: appError.message,
      ...(appError.details ? { details: appError.details } : {}),
    },
    request_id: requestId,
  };
  return Response.json(body, {
    status: appError.status,
    headers: { "x-request-id": requestId, "cache-control": "no-store", ...appError.headers },
  });
}

import type { ErrorDetail } from "./app-error";
import { appError } from "./codes";

/** Shorthands for the platform types used most. */
export const badRequest = (message: string, details?: ErrorDetail[] | Record<string, unknown>) =>
  appError("BadRequestError", message, details);

export const unauthorized = (message = "Authentication required") => appError("UnauthorizedError", message);

export const forbidden = (message = "You do not have permission to do this") =>
  appError("ForbiddenError", message);

/** Also used for other workspaces' resources, so their existence is never revealed. */
export const notFound = (what = "Resource") => appError("NotFoundError", `${what} not found`);

export const conflict = (message: string, details?: ErrorDetail[] | Record<string, unknown>) =>
  appError("ConflictError", message, details);

export const payloadTooLarge = (limitBytes: number) =>
  appError("PayloadTooLargeError", `Request body is larger than the limit of ${limitBytes} bytes`, {
    limit_bytes: limitBytes,
  });

export const unsupportedMediaType = (message: string) => appError("UnsupportedMediaTypeError", message);

export const validationFailed = (message: string, details?: ErrorDetail[]) =>
  appError("ValidationError", message, details);

export const rateLimited = (retryAfterSeconds: number) =>
  appError("RateLimitError", "Too many requests; try again later", { retry_after_seconds: retryAfterSeconds }, {
    "Retry-After": String(retryAfterSeconds),
  });

export const unavailable = (message: string) => appError("ServiceUnavailableError", message);


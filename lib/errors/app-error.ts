/**
 * The one error type `lib/` throws for anything a caller should see. `type` is the stable,
 * machine-readable name clients switch on; `message` is for people and never holds secrets.
 */
export type ErrorDetail = { path?: string; message: string; code?: string };

export class AppError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = type;
  }
}

export const badRequest = (message: string, details?: AppError["details"]) =>
  new AppError("BadRequestError", message, 400, details);

export const unauthorized = (message = "Authentication required") => new AppError("UnauthorizedError", message, 401);

export const forbidden = (message = "You do not have permission to do this") =>
  new AppError("ForbiddenError", message, 403);

/** Also used for other workspaces' resources, so their existence is never revealed. */
export const notFound = (what = "Resource") => new AppError("NotFoundError", `${what} not found`, 404);

export const conflict = (message: string, details?: AppError["details"]) =>
  new AppError("ConflictError", message, 409, details);

export const payloadTooLarge = (limitBytes: number) =>
  new AppError("PayloadTooLargeError", `Request body is larger than the limit of ${limitBytes} bytes`, 413, {
    limit_bytes: limitBytes,
  });

export const unsupportedMediaType = (message: string) => new AppError("UnsupportedMediaTypeError", message, 415);

export const validationFailed = (message: string, details?: ErrorDetail[]) =>
  new AppError("ValidationError", message, 422, details);

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError("RateLimitError", "Too many requests; try again later", 429, { retry_after_seconds: retryAfterSeconds }, {
    "Retry-After": String(retryAfterSeconds),
  });

export const unavailable = (message: string) => new AppError("ServiceUnavailableError", message, 503);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

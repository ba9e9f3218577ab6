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

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

import { AppError } from "@/lib/errors";

/** `jobs.kind` of every relay job. */
export const RELAY_JOB_KIND = "relay";

/**
 * The relay's error types with plain explanations (for the registry's error table once it lands).
 * Job failures carry `type` in `error.type`; API refusals use the one error shape.
 */
export const RELAY_ERRORS = {
  RelayNotConfiguredError: "The relay is off: set RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET and restart.",
  EmptyFileError: "The uploaded file is empty.",
  UnsupportedImageError: "The file is not an image Conveyor recognises (JPEG, PNG, WebP, GIF, HEIC/HEIF, AVIF).",
  DispatchRejectedError: "The n8n workflow refused the job (a 4xx answer); check the workflow and the signing secret.",
  DispatchFailedError: "The n8n workflow could not be reached after several tries.",
  CallbackTimeoutError: "The n8n workflow did not call back in time (RELAY_CALLBACK_TIMEOUT).",
  WorkflowFailedError: "The n8n workflow reported a failure; its message is the job's result message.",
  CallbackConflictError: "The job already has a different result; a callback cannot change it.",
} as const;

export type RelayErrorType = keyof typeof RELAY_ERRORS;

export const relayNotConfigured = () =>
  new AppError("RelayNotConfiguredError", "The Notion relay is not configured: set RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET", 503);

export const emptyFile = () => new AppError("EmptyFileError", "The uploaded file is empty", 422, [{ path: "body.file", message: "empty", code: "too_small" }]);

export const unsupportedImage = (seen: string) =>
  new AppError("UnsupportedMediaTypeError", `Send an image (JPEG, PNG, WebP, GIF, HEIC/HEIF or AVIF); the bytes look like ${seen}`, 415);

export const callbackConflict = () =>
  new AppError("CallbackConflictError", "This job already has a different result; the callback was refused", 409);

/** A failure that retrying cannot fix: the run stops and the job fails with this type. */
export class RelayJobError extends Error {
  constructor(
    readonly type: RelayErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

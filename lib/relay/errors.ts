import { defineErrorTypes } from "@/lib/errors/codes";

/** `jobs.kind` of every relay job. */
export const RELAY_JOB_KIND = "relay";

/**
 * The relay's error types with their status and plain explanation (listed in its registry entry).
 * Job failures carry `type` in `error.type`; API refusals use the one error shape.
 */
export const relayErrors = defineErrorTypes({
  RelayNotConfiguredError: { status: 503, explanation: "The relay is off: set RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET and restart." },
  EmptyFileError: { status: 422, explanation: "The uploaded file is empty." },
  UnsupportedMediaTypeError: { status: 415, explanation: "The file is not an image Conveyor recognises (JPEG, PNG, WebP, GIF, HEIC/HEIF, AVIF)." },
  DispatchRejectedError: { status: 502, explanation: "The n8n workflow refused the job (a 4xx answer); check the workflow and the signing secret." },
  DispatchFailedError: { status: 502, explanation: "The n8n workflow could not be reached after several tries." },
  CallbackTimeoutError: { status: 504, explanation: "The n8n workflow did not call back in time (RELAY_CALLBACK_TIMEOUT)." },
  WorkflowFailedError: { status: 502, explanation: "The n8n workflow reported a failure; its message is the job's result message." },
  CallbackConflictError: { status: 409, explanation: "The job already has a different result; a callback cannot change it." },
});

/** Each type's explanation, by type. */
export const RELAY_ERRORS = Object.fromEntries(Object.entries(relayErrors.table).map(([type, spec]) => [type, spec.explanation])) as Record<
  keyof typeof relayErrors.table,
  string
>;

export type RelayErrorType = keyof typeof RELAY_ERRORS;

export const relayNotConfigured = () =>
  relayErrors.error("RelayNotConfiguredError", "The Notion relay is not configured: set RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET");

export const emptyFile = () => relayErrors.error("EmptyFileError", "The uploaded file is empty", [{ path: "body.file", message: "empty", code: "too_small" }]);

export const unsupportedImage = (seen: string) =>
  relayErrors.error("UnsupportedMediaTypeError", `Send an image (JPEG, PNG, WebP, GIF, HEIC/HEIF or AVIF); the bytes look like ${seen}`);

export const callbackConflict = () =>
  relayErrors.error("CallbackConflictError", "This job already has a different result; the callback was refused");

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

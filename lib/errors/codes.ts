import { AppError, type ErrorDetail } from "./app-error";

/**
 * One error type: its HTTP status (when it answers a request) and a plain explanation for people,
 * what happened and what to do next. `{name}` placeholders are filled by `explainError(type, vars)`
 * (limits differ per installation).
 */
export type ErrorTypeSpec = { status: number; explanation: string };
export type ErrorTable = Record<string, ErrorTypeSpec>;

/**
 * A typed error table and its factory: call sites name a type, the table gives the status, so a
 * type never answers with two statuses. Pipelines define theirs the same way and list it in their
 * registry entry; the platform's is below.
 */
export function defineErrorTypes<const T extends ErrorTable>(table: T) {
  return {
    table,
    error: (type: keyof T & string, message: string, details?: ErrorDetail[] | Record<string, unknown>, headers?: Record<string, string>) =>
      new AppError(type, message, table[type].status, details, headers),
  };
}

/** The platform's error types (every area but the pipelines). */
export const platformErrors = defineErrorTypes({
  BadRequestError: { status: 400, explanation: "The request was not understood. Check what was sent and try again." },
  UnauthorizedError: { status: 401, explanation: "You are not signed in, or the API key is not valid. Sign in again or use a valid key." },
  ForbiddenError: { status: 403, explanation: "Your role in this workspace does not allow this. Ask a workspace owner." },
  NotFoundError: { status: 404, explanation: "It does not exist, or it belongs to another workspace." },
  ConflictError: { status: 409, explanation: "This conflicts with the current state. Reload and try again." },
  JobStoppedError: { status: 409, explanation: "The job was canceled or deleted while it ran, so processing stopped." },
  InvitationExpiredError: { status: 410, explanation: "The invitation link has expired. Ask for a new one." },
  ResultExpiredError: { status: 410, explanation: "The result was deleted after its retention period ended. Run the job again to get a new result." },
  PayloadTooLargeError: { status: 413, explanation: "The file is larger than the size limit ({max_size}). Reduce its size or split it, then try again." },
  UnsupportedMediaTypeError: { status: 415, explanation: "This type of file is not supported. Check the accepted formats and upload a supported file." },
  ValidationError: { status: 422, explanation: "Some of the input was not valid. Correct the input described below and try again." },
  InputMissingError: { status: 422, explanation: "The uploaded file was removed before it could be processed. Upload it again." },
  RateLimitError: { status: 429, explanation: "Too many requests in a short time. Wait a moment and try again." },
  InternalError: { status: 500, explanation: "Something went wrong on our side and the error has been logged. Try again; if it keeps happening, contact support with the job ID." },
  ServiceUnavailableError: { status: 503, explanation: "The service is busy or starting. Try again in a moment." },
  QueueUnavailableError: { status: 503, explanation: "The input arrived but could not be queued for processing. Send it again in a moment." },
  TimeoutError: { status: 504, explanation: "The job took longer than allowed and was stopped. Large inputs take longer; try a smaller one or retry later." },
  StepTimeoutError: { status: 504, explanation: "One step of the job took longer than allowed and was stopped. Retry later or with a smaller input." },
  StorageError: { status: 500, explanation: "The job's files could not be read or written. This is usually temporary; try again." },
  JobCanceledError: { status: 409, explanation: "The job was canceled before it finished, so no result was produced." },
  // Shared by every pipeline that reads PDFs (the upload checks); a pipeline may explain them in its own words.
  EmptyFileError: { status: 422, explanation: "The file is empty (0 bytes). Check that you picked the right file and that it finished downloading." },
  EncryptedPdfError: { status: 422, explanation: "The PDF is protected with a password, so it cannot be read. Remove the password (for example by printing it to a new PDF) and upload it again." },
  PdfParseError: { status: 422, explanation: "The PDF could not be read. It may be damaged; export it again from the original application and retry." },
  PdfTooComplexError: { status: 422, explanation: "A page needed too much time or memory (very large images or drawings). Reduce the images' resolution or split the document, then try again." },
  TooManyPagesError: { status: 422, explanation: "The document has more pages than the limit allows ({max_pages}). Split it into smaller documents and try again." },
});

export type PlatformErrorType = keyof typeof platformErrors.table;

/** An AppError of a platform type: `appError("NotFoundError", "Job not found")`. */
export const appError = platformErrors.error;

export const DEFAULT_EXPLANATION =
  "The job stopped because of an error. The details below say what went wrong; fix the input if needed and start a new job.";

/** Fills `{name}` placeholders; a missing value leaves the sentence readable ("the limit"). */
export function fillExplanation(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\s*\(\{(\w+)\}\)|\{(\w+)\}/g, (whole, inParens: string | undefined, bare: string | undefined) => {
    const key = inParens ?? bare!;
    if (vars[key] === undefined) return inParens ? "" : "the limit";
    return inParens ? ` (${vars[key]})` : String(vars[key]);
  });
}

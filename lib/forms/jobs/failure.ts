import { isAppError } from "@/lib/errors";
import { failJob } from "@/lib/jobs";
import { logger } from "@/lib/logging";
import { type JobFailure, toJobFailure } from "../errors";
import { cleanUpStoppedFormsJob } from "./cleanup";
import type { FormsJobRef } from "./paths";

/**
 * Error types whose messages are written for users. A failed run's error reaches `onFailure`
 * serialized (name, message, cause), no longer an AppError; only these names keep their message,
 * anything else becomes toJobFailure's generic InternalError (messages may hold paths).
 */
const USER_FACING = new Set([
  "PdfParseError",
  "PdfWriteError",
  "PdfTooComplexError",
  "EncryptedPdfError",
  "TooManyPagesError",
  "EmptyFileError",
  "UnsupportedMediaTypeError",
  "InputMissingError",
]);

type ErrorLike = { name?: unknown; message?: unknown; cause?: unknown };

/** `{type, detail}` for a failed forms job, looking through wrappers (NonRetriableError, step errors) to the cause. */
export function formsJobFailure(error: unknown): JobFailure {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (isAppError(current)) return toJobFailure(current);
    const e = current as ErrorLike;
    if (typeof e.name === "string" && USER_FACING.has(e.name) && typeof e.message === "string") return { type: e.name, detail: e.message };
    current = e.cause;
  }
  return toJobFailure(error);
}

/** Input the pipeline cannot process however often it tries: fail at once instead of retrying. */
export function isPermanentFailure(error: unknown): boolean {
  return isAppError(error) && error.status >= 400 && error.status < 500;
}

/**
 * The run failed for good: the job ends `failed` with a typed error, and its folder (work files,
 * partial result) and stored files go. A job deleted meanwhile only has its folder removed.
 */
export async function failFormsJob(ref: FormsJobRef, error: unknown): Promise<JobFailure> {
  const failure = formsJobFailure(error);
  try {
    await failJob(ref.jobId, failure);
  } catch (cause) {
    if (!(isAppError(cause) && cause.status === 404)) throw cause;
  }
  const cleaned = await cleanUpStoppedFormsJob(ref);
  logger().info({ job_id: ref.jobId, error_type: failure.type, files_removed: cleaned.files }, "forms: job failed");
  return failure;
}

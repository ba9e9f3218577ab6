import { AppError, isAppError } from "@/lib/errors";
import { short } from "@/lib/pdf/errors";

/**
 * The forms pipeline's typed errors. Upload checks throw them before the 202 (the route answers
 * with their status); after the 202 a stage throws them and the job ends `failed` with
 * `toJobFailure(error)`.
 */
export { emptyFile, encryptedPdf, noPages, notAPdf, pageError, pdfParseError, pdfTooComplex, tooManyPages } from "@/lib/pdf/errors";

export const writeError = (cause: unknown) =>
  new AppError("PdfWriteError", "The fillable PDF could not be written; the PDF's structure may be damaged", 422, { reason: short(cause) });


export type JobFailure = { type: string; detail: string };

/**
 * What a failed job records. AppErrors carry a type and message meant for users; anything else is
 * an internal failure whose message may hold paths or library internals, so it is not shown.
 */
export function toJobFailure(error: unknown): JobFailure {
  if (isAppError(error)) return { type: error.type, detail: error.message };
  return { type: "InternalError", detail: "Processing failed unexpectedly; try again or contact support" };
}

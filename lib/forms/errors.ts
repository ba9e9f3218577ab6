import { short } from "@/lib/pdf/errors";
import { formsError } from "./error-types";

/**
 * The forms pipeline's typed errors. Upload checks throw them before the 202 (the route answers
 * with their status); after the 202 a stage throws them and the job ends `failed` with
 * `toJobFailure(error)`.
 */
export { emptyFile, encryptedPdf, noPages, notAPdf, pageError, pdfParseError, pdfTooComplex, tooManyPages } from "@/lib/pdf/errors";

export const writeError = (cause: unknown) =>
  formsError("PdfWriteError", "The fillable PDF could not be written; the PDF's structure may be damaged", { reason: short(cause) });


export { toJobFailure, type JobFailure } from "@/lib/jobs/failure";

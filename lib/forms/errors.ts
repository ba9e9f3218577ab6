import { AppError, isAppError } from "@/lib/errors";

/**
 * The forms pipeline's typed errors. Upload checks throw them before the 202 (the route answers
 * with their status); after the 202 a stage throws them and the job ends `failed` with
 * `toJobFailure(error)`.
 */
export const notAPdf = () =>
  new AppError("UnsupportedMediaTypeError", "The file is not a PDF (it does not start with %PDF-)", 415);

export const emptyFile = () => new AppError("EmptyFileError", "The file is empty", 422);

export const encryptedPdf = (needsPassword: boolean) =>
  new AppError(
    "EncryptedPdfError",
    needsPassword
      ? "The PDF is password-protected; remove the password and upload it again"
      : "The PDF is encrypted (it restricts editing); save an unencrypted copy and upload it again",
    422,
    { needs_password: needsPassword },
  );

export const pdfParseError = (reason?: string) =>
  new AppError("PdfParseError", "The PDF could not be read; it may be damaged or truncated", 422, reason ? { reason } : undefined);

export const tooManyPages = (pages: number, limit: number) =>
  new AppError("TooManyPagesError", `The PDF has ${pages} pages; the limit is ${limit}`, 422, {
    pages,
    limit_pages: limit,
  });

export const noPages = () => new AppError("PdfParseError", "The PDF has no pages", 422, { reason: "no pages" });

/** A page pdf.js could not load or draw: the document's fault far more often than ours. */
export const pageError = (index: number, cause: unknown) =>
  new AppError("PdfParseError", `Page ${index + 1} could not be read; the PDF may be damaged`, 422, { page: index + 1, reason: short(cause) });

export const writeError = (cause: unknown) =>
  new AppError("PdfWriteError", "The fillable PDF could not be written; the PDF's structure may be damaged", 422, { reason: short(cause) });

const short = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, " ").slice(0, 200);

export type JobFailure = { type: string; detail: string };

/**
 * What a failed job records. AppErrors carry a type and message meant for users; anything else is
 * an internal failure whose message may hold paths or library internals, so it is not shown.
 */
export function toJobFailure(error: unknown): JobFailure {
  if (isAppError(error)) return { type: error.type, detail: error.message };
  return { type: "InternalError", detail: "Processing failed unexpectedly; try again or contact support" };
}

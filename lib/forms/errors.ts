import { formsError } from "./error-types";

/**
 * The forms pipeline's typed errors. Upload checks throw them before the 202 (the route answers
 * with their status); after the 202 a stage throws them and the job ends `failed` with
 * `toJobFailure(error)`.
 */
export const notAPdf = () =>
  formsError("UnsupportedMediaTypeError", "The file is not a PDF (it does not start with %PDF-)");

export const emptyFile = () => formsError("EmptyFileError", "The file is empty");

export const encryptedPdf = (needsPassword: boolean) =>
  formsError(
    "EncryptedPdfError",
    needsPassword
      ? "The PDF is password-protected; remove the password and upload it again"
      : "The PDF is encrypted (it restricts editing); save an unencrypted copy and upload it again",
    { needs_password: needsPassword },
  );

export const pdfParseError = (reason?: string) =>
  formsError("PdfParseError", "The PDF could not be read; it may be damaged or truncated", reason ? { reason } : undefined);

export const tooManyPages = (pages: number, limit: number) =>
  formsError("TooManyPagesError", `The PDF has ${pages} pages; the limit is ${limit}`, {
    pages,
    limit_pages: limit,
  });

export const noPages = () => formsError("PdfParseError", "The PDF has no pages", { reason: "no pages" });

/** A page pdf.js could not load or draw: the document's fault far more often than ours. */
export const pageError = (index: number, cause: unknown) =>
  formsError("PdfParseError", `Page ${index + 1} could not be read; the PDF may be damaged`, { page: index + 1, reason: short(cause) });

export const writeError = (cause: unknown) =>
  formsError("PdfWriteError", "The fillable PDF could not be written; the PDF's structure may be damaged", { reason: short(cause) });

const short = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, " ").slice(0, 200);

export { toJobFailure, type JobFailure } from "@/lib/jobs/failure";

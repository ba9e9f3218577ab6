import { AppError } from "@/lib/errors";

/**
 * Typed errors for PDFs that cannot be taken in: thrown by the upload checks before the 202 (the
 * route answers with their status) and by page work after it (the job fails with the type).
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

/**
 * A PDF whose work would exceed the bounds (PDF_MAX_* settings): too many drawing operators, a
 * stream inflating past the limit, a page over its time or a worker over its memory cap.
 */
export const pdfTooComplex = (message: string, details?: Record<string, string | number>) =>
  new AppError("PdfTooComplexError", message, 422, details);

export const short = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, " ").slice(0, 200);

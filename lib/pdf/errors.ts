import { appError } from "@/lib/errors/codes";

/**
 * Typed errors for PDFs that cannot be taken in: thrown by the upload checks before the 202 (the
 * route answers with their status) and by page work after it (the job fails with the type).
 */
export const notAPdf = () =>
  appError("UnsupportedMediaTypeError", "The file is not a PDF (it does not start with %PDF-)");

export const emptyFile = () => appError("EmptyFileError", "The file is empty");

export const encryptedPdf = (needsPassword: boolean) =>
  appError(
    "EncryptedPdfError",
    needsPassword
      ? "The PDF is password-protected; remove the password and upload it again"
      : "The PDF is encrypted (it restricts editing); save an unencrypted copy and upload it again",
    { needs_password: needsPassword },
  );

export const pdfParseError = (reason?: string) =>
  appError("PdfParseError", "The PDF could not be read; it may be damaged or truncated", reason ? { reason } : undefined);

export const tooManyPages = (pages: number, limit: number) =>
  appError("TooManyPagesError", `The PDF has ${pages} pages; the limit is ${limit}`, {
    pages,
    limit_pages: limit,
  });

export const noPages = () => appError("PdfParseError", "The PDF has no pages", { reason: "no pages" });

/** A page pdf.js could not load or draw: the document's fault far more often than ours. */
export const pageError = (index: number, cause: unknown) =>
  appError("PdfParseError", `Page ${index + 1} could not be read; the PDF may be damaged`, { page: index + 1, reason: short(cause) });

/**
 * A PDF whose work would exceed the bounds (PDF_MAX_* settings): too many drawing operators, a
 * stream inflating past the limit, a page over its time or a worker over its memory cap.
 */
export const pdfTooComplex = (message: string, details?: Record<string, string | number>) =>
  appError("PdfTooComplexError", message, details);

export const short = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, " ").slice(0, 200);

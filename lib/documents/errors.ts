import { AppError } from "@/lib/errors";

/** `jobs.kind` of every extraction job. */
export const DOCUMENTS_JOB_KIND = "documents";

/**
 * The documents pipeline's error types with plain explanations: API refusals use the one error
 * shape; failed extraction jobs carry the type in `error.type`.
 */
export const DOCUMENTS_ERRORS = {
  UnsupportedMediaTypeError: "The file is not a PDF, CSV or XLSX file (recognised by its bytes, not its name).",
  EmptyFileError: "The uploaded file is empty.",
  EncryptedPdfError: "The PDF is encrypted or password-protected; save an unencrypted copy and upload it again.",
  PdfParseError: "The PDF could not be read; it may be damaged or truncated.",
  TooManyPagesError: "The document has more pages (or sheets) than DOCUMENTS_MAX_PAGES.",
  PdfTooComplexError: "A page would take more time or memory than the PDF bounds allow.",
  SpreadsheetParseError: "The XLSX or CSV file could not be read; it may be damaged, or larger than DOCUMENTS_MAX_CELLS.",
  DocumentRemovedError: "The document was deleted while it was being extracted.",
} as const;

export type DocumentsErrorType = keyof typeof DOCUMENTS_ERRORS;

/** Warnings an extraction can end with (the job still succeeds). */
export const DOCUMENTS_WARNINGS = {
  ScannedPageWarning: "The page has no text layer (a scan); OCR is not part of this pipeline, so it yields no tables.",
  NoTablesWarning: "No table was found in the selected pages.",
} as const;

export const unsupportedDocument = (seen: string) =>
  new AppError("UnsupportedMediaTypeError", `Send a PDF, CSV or XLSX file; the bytes look like ${seen}`, 415);

export const emptyDocument = () => new AppError("EmptyFileError", "The uploaded file is empty", 422, [{ path: "body.file", message: "empty", code: "too_small" }]);

export const spreadsheetParseError = (reason: string) =>
  new AppError("SpreadsheetParseError", "The spreadsheet could not be read; it may be damaged or too large", 422, { reason: reason.slice(0, 200) });

export const tooManySheets = (sheets: number, limit: number) =>
  new AppError("TooManyPagesError", `The workbook has ${sheets} sheets; the limit is ${limit}`, 422, { pages: sheets, limit_pages: limit });

export const documentRemoved = () => new AppError("DocumentRemovedError", "The document was deleted while it was being extracted", 404);

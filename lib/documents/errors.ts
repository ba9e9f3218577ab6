import { defineErrorTypes } from "@/lib/errors/codes";

/** `jobs.kind` of every extraction job. */
export const DOCUMENTS_JOB_KIND = "documents";

/**
 * The documents pipeline's error types with status and plain explanation (its registry entry lists
 * them): API refusals use the one error shape; failed extraction jobs carry the type in `error.type`.
 */
export const documentsErrors = defineErrorTypes({
  UnsupportedMediaTypeError: { status: 415, explanation: "The file is not a PDF, CSV or XLSX file (recognised by its bytes, not its name)." },
  EmptyFileError: { status: 422, explanation: "The uploaded file is empty." },
  EncryptedPdfError: { status: 422, explanation: "The PDF is encrypted or password-protected; save an unencrypted copy and upload it again." },
  PdfParseError: { status: 422, explanation: "The PDF could not be read; it may be damaged or truncated." },
  TooManyPagesError: { status: 422, explanation: "The document has more pages (or sheets) than the limit ({max_pages})." },
  PdfTooComplexError: { status: 422, explanation: "A page would take more time or memory than the PDF bounds allow." },
  SpreadsheetParseError: { status: 422, explanation: "The XLSX or CSV file could not be read; it may be damaged, or have more cells than the limit." },
  DocumentRemovedError: { status: 404, explanation: "The document was deleted while it was being extracted." },
});

export const DOCUMENTS_ERRORS = Object.fromEntries(Object.entries(documentsErrors.table).map(([type, spec]) => [type, spec.explanation])) as Record<keyof typeof documentsErrors.table, string>;

export type DocumentsErrorType = keyof typeof documentsErrors.table;

/** Warnings an extraction can end with (the job still succeeds). */
export const DOCUMENTS_WARNINGS = {
  ScannedPageWarning: "The page has no text layer (a scan); OCR is not part of this pipeline, so it yields no tables.",
  NoTablesWarning: "No table was found in the selected pages.",
} as const;

export const unsupportedDocument = (seen: string) => documentsErrors.error("UnsupportedMediaTypeError", `Send a PDF, CSV or XLSX file; the bytes look like ${seen}`);

export const emptyDocument = () => documentsErrors.error("EmptyFileError", "The uploaded file is empty", [{ path: "body.file", message: "empty", code: "too_small" }]);

export const spreadsheetParseError = (reason: string) =>
  documentsErrors.error("SpreadsheetParseError", "The spreadsheet could not be read; it may be damaged or too large", { reason: reason.slice(0, 200) });

export const tooManySheets = (sheets: number, limit: number) =>
  documentsErrors.error("TooManyPagesError", `The workbook has ${sheets} sheets; the limit is ${limit}`, { pages: sheets, limit_pages: limit });

export const documentRemoved = () => documentsErrors.error("DocumentRemovedError", "The document was deleted while it was being extracted");

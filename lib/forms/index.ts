/**
 * The forms pipeline's entry points (see README.md). Server-only: importing this pulls in no PDF
 * library; pdf.js, pdf-lib and the detector load inside the worker threads.
 */
export * from "./pipeline";
export { validatePdfUpload, pdfHeaderGuard, type ValidatePdfUploadOptions, type ValidatedUpload } from "./validate/validate-upload";
export type { PdfSummary } from "./validate/inspect-pdf";
export { toJobFailure, type JobFailure } from "./errors";
export { WorkerPool, formsPool } from "./worker/pool";
export type { Box, DetectedField, FieldType, PageSize, TruthField } from "./types";

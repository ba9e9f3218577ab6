/**
 * The forms pipeline's entry points (see README.md). Server-only: importing this pulls in no PDF
 * library; pdf.js, pdf-lib and the detector load inside the worker threads.
 */
export * from "./pipeline";
export { validatePdfUpload, pdfHeaderGuard, type ValidatePdfUploadOptions, type ValidatedUpload } from "@/lib/pdf/validate-upload";
export type { PdfSummary } from "@/lib/pdf/inspect-pdf";
export { toJobFailure, type JobFailure } from "./errors";
export type { WorkerPool } from "@/lib/pdf/worker/pool";
export { FormsWorkerPool, formsPool } from "./worker/pool";
export type { Box, DetectedField, FieldType, PageSize, TruthField } from "./types";

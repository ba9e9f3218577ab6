import { ParseSpeeds, PDFDocument, PDFName } from "pdf-lib";
import { isAppError } from "@/lib/errors";
import { emptyFile, encryptedPdf, noPages, notAPdf, pdfParseError, tooManyPages } from "../errors";
import { openPdf } from "../pdfjs";
import { hasPdfHeader } from "./pdf-header";

export type PdfSummary = {
  pageCount: number;
  /** The PDF already has an interactive form; its fields are kept. */
  hasAcroForm: boolean;
  /** Fields already in the form. */
  existingFieldCount: number;
  /** The form also carries XFA, which the writer removes so viewers show the AcroForm. */
  hasXfa: boolean;
};

/**
 * Checks a whole PDF: header, encryption, that both pdf.js (which renders it) and pdf-lib (which
 * writes the form) can parse it, and its page count. Throws the pipeline's typed AppErrors.
 * CPU-bound for large files: run it on a worker thread (`inspectPdf` in lib/forms/pipeline).
 */
export async function inspectPdfBytes(bytes: Uint8Array, limits: { maxPages: number }): Promise<PdfSummary> {
  if (bytes.byteLength === 0) throw emptyFile();
  if (!hasPdfHeader(bytes)) throw notAPdf();
  const pageCount = await checkWithPdfJs(bytes);
  if (pageCount === 0) throw noPages();
  if (pageCount > limits.maxPages) throw tooManyPages(pageCount, limits.maxPages);
  return checkWithPdfLib(bytes, pageCount);
}

async function checkWithPdfJs(bytes: Uint8Array): Promise<number> {
  let doc;
  try {
    // A copy, as a plain Uint8Array: pdf.js refuses Buffers and may take over the memory it is given.
    doc = await openPdf(new Uint8Array(bytes));
  } catch (error) {
    if ((error as Error)?.name === "PasswordException") throw encryptedPdf(true);
    throw pdfParseError(describe(error));
  }
  try {
    // Permission flags exist only in an encryption dictionary: an owner-password-only file opens
    // without a password, but it is encrypted all the same.
    if (await doc.getPermissions()) throw encryptedPdf(false);
    const pageCount = doc.numPages;
    // Opening reads the cross-reference table only; load the first and last page so a truncated
    // page tree is caught here rather than half-way through the job.
    if (pageCount > 0) {
      await doc.getPage(1);
      if (pageCount > 1) await doc.getPage(pageCount);
    }
    return pageCount;
  } catch (error) {
    throw isAppError(error) ? error : pdfParseError(describe(error));
  } finally {
    await doc.destroy();
  }
}

async function checkWithPdfLib(bytes: Uint8Array, pageCount: number): Promise<PdfSummary> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    throw pdfParseError(describe(error));
  }
  // Files with only an owner password open without one, but their strings and streams are still
  // encrypted: fields written into them would be unreadable, so they are refused too.
  if (doc.isEncrypted) throw encryptedPdf(false);
  try {
    if (doc.getPageCount() !== pageCount) throw pdfParseError("the page tree is inconsistent");
    const hasAcroForm = doc.catalog.has(PDFName.of("AcroForm"));
    const form = doc.getForm();
    return { pageCount, hasAcroForm, existingFieldCount: hasAcroForm ? form.getFields().length : 0, hasXfa: form.hasXFA() };
  } catch (error) {
    throw isAppError(error) ? error : pdfParseError(describe(error));
  }
}

/** A short reason for logs and job details, without stack traces or paths. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").slice(0, 200);
}

import { ParseSpeeds, PDFDocument, PDFName } from "pdf-lib";
import { isAppError } from "@/lib/errors";
import { checkPdfBounds, type PdfBounds } from "./bounds";
import { emptyFile, encryptedPdf, noPages, notAPdf, pdfParseError, tooManyPages } from "./errors";
import { openPdf } from "./pdfjs";
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

export type InspectLimits = { maxPages: number } & Partial<PdfBounds>;

/**
 * Checks a whole PDF: header, encryption, that both pdf.js (which renders it) and pdf-lib (which
 * writes the form) can parse it, its page count and, given the bounds, that no page or stream
 * would cost absurd work (`checkPdfBounds`). Throws the pipeline's typed AppErrors.
 * CPU-bound for large files: run it on a worker thread (the pool's `inspect` task).
 */
export async function inspectPdfBytes(bytes: Uint8Array, limits: InspectLimits): Promise<PdfSummary> {
  if (bytes.byteLength === 0) throw emptyFile();
  if (!hasPdfHeader(bytes)) throw notAPdf();
  const pageCount = await checkWithPdfJs(bytes);
  if (pageCount === 0) throw noPages();
  if (pageCount > limits.maxPages) throw tooManyPages(pageCount, limits.maxPages);
  return checkWithPdfLib(bytes, pageCount, limits);
}

/**
 * The cheap check of a file already inspected at upload: the header, then pdf.js opens it (its
 * cross-reference table, not its pages or objects) and it must still have `expectedPages` pages.
 * Nothing is inflated or loaded page by page: what the first parse learned is kept on the job.
 */
export async function reopenPdfBytes(bytes: Uint8Array, expectedPages: number): Promise<number> {
  if (bytes.byteLength === 0) throw emptyFile();
  if (!hasPdfHeader(bytes)) throw notAPdf();
  const pageCount = await checkWithPdfJs(bytes, false);
  if (pageCount !== expectedPages) throw pdfParseError("the stored file changed since it was uploaded");
  return pageCount;
}

async function checkWithPdfJs(bytes: Uint8Array, loadPages = true): Promise<number> {
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
    if (loadPages && pageCount > 0) {
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

async function checkWithPdfLib(bytes: Uint8Array, pageCount: number, limits: InspectLimits): Promise<PdfSummary> {
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
    if (limits.maxPageOperators !== undefined && limits.maxStreamBytes !== undefined) {
      checkPdfBounds(doc, { maxPageOperators: limits.maxPageOperators, maxStreamBytes: limits.maxStreamBytes });
    }
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

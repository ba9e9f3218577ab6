import type { FormsLimits } from "./types";

/** Plain explanations of the forms pipeline's error types, for JobErrorBox and upload refusals. */
export function formsExplanations(limits: Pick<FormsLimits, "maxBytes" | "maxPages">): Record<string, string> {
  return {
    PdfParseError:
      "The PDF could not be read: it may be damaged, truncated or built in a way the reader does not understand. Open it in a PDF viewer, save or print it to a new PDF, and upload that copy.",
    PdfWriteError:
      "Fields were found, but they could not be added because the PDF's internal structure is damaged. Save or print it to a new PDF and upload that copy.",
    PdfTooComplexError:
      "A page needed too much time or memory (very large images or drawings). Reduce the images' resolution or split the document, then try again.",
    EncryptedPdfError:
      "The PDF is password-protected or restricts editing, so no fields can be added to it. Remove the protection (for example by printing it to a new PDF) and upload it again.",
    TooManyPagesError: `The document has more than ${limits.maxPages} pages, the most one upload may have. Split it into smaller documents and upload each.`,
    EmptyFileError: "The file is empty (0 bytes). Check that you picked the right file and that it finished downloading.",
    UnsupportedMediaTypeError:
      "Only PDF files can be made fillable, and this file is not a PDF (whatever its name says). Export or save the document as PDF first.",
    PayloadTooLargeError: `The file is larger than ${formatBytes(limits.maxBytes)}, the most one upload may be. Compress its images or split it, then try again.`,
    InputMissingError: "The uploaded file was removed before it could be processed. Upload it again.",
    QueueUnavailableError: "The file arrived but could not be queued for processing. Upload it again in a moment.",
    ValidationError: "The upload was not sent as expected. Check the options below and try again.",
  };
}

/** Decimal units, as FORMS_MAX_BYTES counts them ("25MB" is 25,000,000 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${Math.round((bytes / 1e6) * 10) / 10} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}

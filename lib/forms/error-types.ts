import { defineErrorTypes } from "@/lib/errors/codes";

/**
 * The forms pipeline's error types: HTTP status (upload checks answer with it before the 202) and
 * the plain explanation shown on the job and upload pages. Listed in the forms registry entry.
 */
export const formsErrors = defineErrorTypes({
  PdfParseError: {
    status: 422,
    explanation:
      "The PDF could not be read: it may be damaged, truncated or built in a way the reader does not understand. Open it in a PDF viewer, save or print it to a new PDF, and upload that copy.",
  },
  PdfWriteError: {
    status: 422,
    explanation:
      "Fields were found, but they could not be added because the PDF's internal structure is damaged. Save or print it to a new PDF and upload that copy.",
  },
  PdfTooComplexError: {
    status: 422,
    explanation:
      "A page needed too much time or memory (very large images or drawings). Reduce the images' resolution or split the document, then try again.",
  },
  EncryptedPdfError: {
    status: 422,
    explanation:
      "The PDF is password-protected or restricts editing, so no fields can be added to it. Remove the protection (for example by printing it to a new PDF) and upload it again.",
  },
  TooManyPagesError: {
    status: 422,
    explanation: "The document has more than {max_pages} pages, the most one upload may have. Split it into smaller documents and upload each.",
  },
  EmptyFileError: { status: 422, explanation: "The file is empty (0 bytes). Check that you picked the right file and that it finished downloading." },
  UnsupportedMediaTypeError: {
    status: 415,
    explanation: "Only PDF files can be made fillable, and this file is not a PDF (whatever its name says). Export or save the document as PDF first.",
  },
  PayloadTooLargeError: {
    status: 413,
    explanation: "The file is larger than {max_size}, the most one upload may be. Compress its images or split it, then try again.",
  },
  InputMissingError: { status: 422, explanation: "The uploaded file was removed before it could be processed. Upload it again." },
  QueueUnavailableError: { status: 503, explanation: "The file arrived but could not be queued for processing. Upload it again in a moment." },
  ValidationError: { status: 422, explanation: "The upload was not sent as expected. Check the options below and try again." },
});

export const formsError = formsErrors.error;

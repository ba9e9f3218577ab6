/**
 * Plain-language explanations of job error types: what happened and what to do next. Pipelines
 * pass their own through `JobErrorBox`'s `explanations` prop; these cover the shared types.
 */
export const ERROR_EXPLANATIONS: Record<string, string> = {
  EncryptedPdfError: "The PDF is protected with a password, so it cannot be read. Remove the password (for example by printing it to a new PDF) and upload it again.",
  InvalidPdfError: "The file could not be read as a PDF. It may be damaged or not a PDF at all; export it again and retry.",
  CorruptPdfError: "The PDF is damaged and could not be read. Export it again from the original application and retry.",
  UnsupportedMediaTypeError: "This type of file is not supported. Check the accepted formats and upload a supported file.",
  PayloadTooLargeError: "The file is larger than the size limit. Reduce its size or split it, then try again.",
  TooManyPagesError: "The document has more pages than the limit allows. Split it into smaller documents and try again.",
  ValidationError: "Some of the job's input was not valid. Correct the input described below and start a new job.",
  TimeoutError: "The job took longer than allowed and was stopped. Large inputs take longer; try a smaller one or retry later.",
  StepTimeoutError: "One step of the job took longer than allowed and was stopped. Retry later or with a smaller input.",
  CanceledError: "The job was canceled before it finished, so no result was produced.",
  JobCanceledError: "The job was canceled before it finished, so no result was produced.",
  ResultExpiredError: "The result was deleted after its retention period ended. Run the job again to get a new result.",
  StorageError: "The job's files could not be read or written. This is usually temporary; try again.",
  InternalError: "Something went wrong on our side and the error has been logged. Try again; if it keeps happening, contact support with the job ID.",
};

export const DEFAULT_EXPLANATION = "The job stopped because of an error. The details below say what went wrong; fix the input if needed and start a new job.";

/** The explanation for `type`, preferring the caller's own table. */
export function explainError(type: string, extra?: Record<string, string>): string {
  return extra?.[type] ?? ERROR_EXPLANATIONS[type] ?? DEFAULT_EXPLANATION;
}

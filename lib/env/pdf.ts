import { rateRule } from "./auth";
import { byteSize, duration, int } from "./parsers";

/**
 * Bounds on the work one PDF may cause (lib/pdf), and how much of the CPU and the upload route one
 * workspace may take. Legitimate forms sit far below every limit (docs/benchmarks.md, fairness).
 */
export const pdfSettings = {
  /** Drawing operators one page may hold (its content streams and Form XObjects); refused at upload (422). */
  PDF_MAX_PAGE_OPERATORS: int(1_000_000, 1_000),
  /** Decoded size one stream may reach (a Flate stream inflated, an image's pixels); refused at upload (422). */
  PDF_MAX_STREAM_BYTES: byteSize("128MB"),
  /** Wall time one page (or one upload check) may take on a worker thread before it is stopped (422). */
  PDF_PAGE_TIMEOUT: duration("60s"),
  /** V8 heap cap of each PDF worker thread, in MiB; a document needing more fails alone (422). */
  PDF_WORKER_MAX_HEAP_MB: int(1024, 128, 16_384),
  /**
   * PDF worker threads one workspace may hold at once, upload checks included; 0: half the pool,
   * rounded up, but never all of a pool of two or more (so 1 of 2).
   */
  PDF_WORKSPACE_THREADS: int(0, 0, 256),
  /** Forms jobs' CPU-heavy steps one workspace may have in flight at once (the global cap is FORMS_CONCURRENCY). */
  FORMS_WORKSPACE_CONCURRENCY: int(1, 1, 256),
  /** Uploads and job starts per workspace (forms and documents uploads, extractions, relay uploads, logbook syncs), e.g. 60/10m; "off" disables. */
  RATE_LIMIT_UPLOADS_WORKSPACE: rateRule("60/10m"),
  /** Uploads and job starts per API key (or per signed-in person), e.g. 30/10m; "off" disables. */
  RATE_LIMIT_UPLOADS_KEY: rateRule("30/10m"),
};

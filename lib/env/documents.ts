import { byteSize, duration, int } from "./parsers";

/** The documents pipeline (lib/documents): upload limits and how many pages extract at once. */
export const documentsSettings = {
  /** Largest accepted upload (PDF, CSV or XLSX); refused with 413 while it streams. */
  DOCUMENTS_MAX_BYTES: byteSize("50MB"),
  /** Most PDF pages (or XLSX sheets) a document may have. */
  DOCUMENTS_MAX_PAGES: int(2000, 1, 100_000),
  /** Extraction worker threads (0: one per core); CPU-heavy page work never runs on the web server's event loop. */
  DOCUMENTS_CONCURRENCY: int(0, 0, 64),
  /** Most cells one CSV or XLSX sheet may have (a bound on memory). */
  DOCUMENTS_MAX_CELLS: int(2_000_000, 1, 50_000_000),
  /** Exports (CSV, XLSX, ZIP files) are deleted this long after they were made; documents and tables stay until deleted. */
  DOCUMENTS_RETENTION: duration("7d"),
};

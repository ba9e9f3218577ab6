import { byteSize, duration, int } from "./parsers";

/** The forms pipeline: upload limits, rendering resolution, CPU cap and how long its files live. */
export const formsSettings = {
  /** Largest accepted upload; enforced while the bytes stream in (413). */
  FORMS_MAX_BYTES: byteSize("25MB"),
  /** Documents with more pages are refused (422). */
  FORMS_MAX_PAGES: int(500, 1, 10_000),
  /** Resolution pages are rendered at for detection and previews. */
  FORMS_DPI: int(144, 36, 600),
  /** Pages processed at once (worker threads); 0 means one per CPU core. */
  FORMS_CONCURRENCY: int(0, 0, 256),
  /** How long uploads, previews and results are kept. */
  FORMS_RETENTION: duration("24h"),
};

import { z } from "zod";
import { optionalString } from "./parsers";

/** Where stored files live, and who may read the Prometheus metrics. */
export const storageSettings = {
  /** Uploads and results; defaults to DATA_DIR/files. Must be one filesystem (writes are renamed into place). */
  STORAGE_DIR: optionalString(),
  /**
   * When set, GET /api/metrics requires `Authorization: Bearer <METRICS_TOKEN>`. Unset, metrics are
   * public: expose the app only behind a proxy that keeps /api/metrics internal, or set a token.
   */
  METRICS_TOKEN: optionalString().pipe(z.string().min(16, "must be at least 16 characters").optional()),
};

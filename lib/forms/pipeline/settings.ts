import os from "node:os";
import { getEnv } from "@/lib/env";
import type { WorkerPool } from "@/lib/pdf/worker/pool";
import { formsPool } from "../worker/pool";

export type FormsConfig = {
  maxBytes: number;
  maxPages: number;
  dpi: number;
  /** Previews: the detection DPI capped at 100 (a Letter page is at most 850 x 1100 px). */
  previewDpi: number;
  concurrency: number;
  retentionMs: number;
  rasterEnabled: boolean;
};

/** The forms settings of this process (FORMS_* in lib/env/forms.ts and forms-model.ts). */
export function formsConfig(): FormsConfig {
  const env = getEnv();
  return {
    maxBytes: env.FORMS_MAX_BYTES,
    maxPages: env.FORMS_MAX_PAGES,
    dpi: env.FORMS_DPI,
    previewDpi: Math.min(env.FORMS_DPI, 100),
    concurrency: env.FORMS_CONCURRENCY || os.availableParallelism(),
    retentionMs: env.FORMS_RETENTION,
    rasterEnabled: env.FORMS_RASTER_ENABLED,
  };
}

/** The process-wide worker pool sized by FORMS_CONCURRENCY. */
export function defaultPool(): WorkerPool {
  return formsPool(formsConfig().concurrency);
}

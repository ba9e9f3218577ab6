import { type DetectorConfig, DetectorConfigError, detectFields, loadDetector } from "../raster";
import type { DetectedField, PageSize } from "../types";
import type { RenderedPage } from "@/lib/pdf/render-page";

/** Whether and how the raster detector runs; `overrides` go to `loadDetector` (model path, threads ...). */
export type RasterSetting = { enabled: boolean; overrides?: Partial<DetectorConfig> };

/**
 * Raster detections on the rendered page, or null with the reason when no detector is available
 * (no model file or class list): the pipeline then runs on vector evidence alone. Each worker
 * thread loads the model once (one intra-op thread: the pool already uses one thread per core).
 */
export async function detectRaster(
  setting: RasterSetting,
  page: RenderedPage,
  index: number,
  size: PageSize,
): Promise<{ fields: DetectedField[] | null; error?: string }> {
  if (!setting.enabled) return { fields: null };
  let detector;
  try {
    detector = await loadDetector({ threads: 1, ...setting.overrides });
  } catch (error) {
    if (error instanceof DetectorConfigError) return { fields: null, error: error.message };
    throw error;
  }
  const fields = await detectFields(detector, { data: page.data, width: page.width, height: page.height }, { index, size });
  return { fields };
}

import type { PageEvidence } from "../page/evidence";
import type { DetectedField } from "../types";
import type { PageVector } from "../vector/extract-vector";
import { pageFields } from "./detect-stage";

/**
 * A page's fields from its vector geometry and text alone: no render, no raster model, no widgets
 * already there. What the quality test and `tools/forms-vector-eval.ts` measure, so that a change
 * to vector detection is seen without the model's help.
 */
export function vectorOnlyPageFields(index: number, vector: PageVector): DetectedField[] {
  const evidence: PageEvidence = {
    index,
    size: vector.size,
    transform: vector.transform,
    rotation: 0,
    scanned: vector.scanned,
    phrases: vector.text.phrases,
    candidates: vector.candidates,
    raster: null,
    existing: [],
    preview: { file: "", width: 0, height: 0 },
    timings: { vectorMs: 0, renderMs: 0, rasterMs: 0, previewMs: 0 },
  };
  return pageFields(evidence);
}

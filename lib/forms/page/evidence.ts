import type { Matrix } from "@/lib/pdf/geometry";
import type { Box, DetectedField, FieldType, PageSize } from "../types";
import type { Candidate } from "../vector/candidate";
import type { Phrase } from "../vector/text";

/** A field the PDF already has (its widget on this page). */
export type ExistingWidget = { name: string; type: FieldType | "other"; box: Box };

/**
 * Everything the rendering stage learns about one page, persisted as JSON between the rendering
 * and detecting stages (a few KB to a few hundred KB a page; never image bytes).
 */
export type PageEvidence = {
  index: number;
  size: PageSize;
  /** PDF user space -> page points (pdf.js viewport at scale 1). */
  transform: Matrix;
  rotation: number;
  scanned: boolean;
  phrases: Phrase[];
  candidates: Candidate[];
  /** Raster detections; null when no raster detector ran (no model configured). */
  raster: DetectedField[] | null;
  existing: ExistingWidget[];
  preview: { file: string; width: number; height: number };
  timings: { vectorMs: number; renderMs: number; rasterMs: number; previewMs: number };
};

export const pageFileName = (index: number) => `${String(index + 1).padStart(4, "0")}`;

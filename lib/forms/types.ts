/**
 * Shared vocabulary of the forms pipeline. Boxes are in PDF points with the origin at the page's
 * top-left corner and y growing downwards (the orientation of rendered images); the writer converts
 * to PDF user space.
 */
/** The field types the pipeline detects and writes; the one list (schemas and the page read it). */
export const FIELD_TYPES = ["text", "checkbox", "signature"] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

import type { Box } from "@/lib/pdf/geometry";

export type { Box };

export type PageSize = { width: number; height: number };

/** Which detector found a field; "manual": a person drew or reshaped it when reviewing the fields. */
export type DetectionSource = "vector" | "raster" | "fused" | "manual";

export type DetectedField = {
  /** 0-based page index. */
  page: number;
  box: Box;
  type: FieldType;
  /** Text fields taller than one line. */
  multiline?: boolean;
  /** Comb fields: the number of character cells. */
  comb?: number;
  /** Confidence 0..1. */
  score: number;
  source: DetectionSource;
  /** The nearest label text, as found on the page. */
  label?: string;
  /** Unique, readable field name (e.g. "date_of_birth"); set by naming. */
  name?: string;
};

/** Ground truth of a generated form. */
export type TruthField = {
  page: number;
  box: Box;
  type: FieldType;
  multiline?: boolean;
  comb?: number;
  label?: string;
  /** Checkbox groups: the question the option answers ("Marital status"). */
  group?: string;
};

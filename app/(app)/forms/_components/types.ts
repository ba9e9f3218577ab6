/**
 * What the forms page gets from `GET /api/v1/forms/{id}/fields` (snake_case, as the API sends it).
 * Declared here rather than imported: client code never imports lib/forms.
 */
export type FieldType = "text" | "checkbox" | "signature";

export type FieldView = {
  name: string;
  type: FieldType;
  /** 1-based. */
  page: number;
  /** Page points, top-left origin. */
  box: { x: number; y: number; width: number; height: number };
  label: string | null;
  multiline?: boolean;
  comb?: number;
  score: number;
  source: "vector" | "raster" | "fused";
};

export type PageView = {
  page: number;
  width: number;
  height: number;
  rotation: number;
  scanned: boolean;
  preview_url: string;
  preview_width: number;
  preview_height: number;
};

export type FieldsView = {
  job_id: string;
  page_count: number;
  counts: Record<FieldType, number>;
  pages: PageView[];
  fields: FieldView[];
  warnings: string[];
};

/** The server's upload limits and defaults, shown next to the upload box. */
export type FormsLimits = {
  maxBytes: number;
  maxPages: number;
  dpi: number;
  dpiRange: { min: number; max: number };
  rasterDefault: boolean;
  retentionHours: number;
};

export const FIELD_TYPES: FieldType[] = ["text", "checkbox", "signature"];

/** One colour per field type, used for boxes, swatches and badges alike. */
export const FIELD_STYLE: Record<FieldType, { label: string; stroke: string; fill: string; badge: string }> = {
  text: { label: "Text", stroke: "#4f46e5", fill: "rgba(79, 70, 229, 0.14)", badge: "bg-indigo-50 text-indigo-800 ring-indigo-200" },
  checkbox: { label: "Checkbox", stroke: "#059669", fill: "rgba(5, 150, 105, 0.16)", badge: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  signature: { label: "Signature", stroke: "#d97706", fill: "rgba(217, 119, 6, 0.16)", badge: "bg-amber-50 text-amber-900 ring-amber-200" },
};

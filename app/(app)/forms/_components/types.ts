import type { FormsFieldsResponse } from "@/lib/forms/jobs/schemas";
import { FIELD_TYPES, type FieldType } from "@/lib/forms/types";

/**
 * What the forms page gets from `GET /api/v1/forms/{id}/fields` (snake_case, as the API sends it):
 * the server's zod schemas' types, imported as types only (nothing of lib/forms reaches the
 * browser but the pure field-type list).
 */
export type { FieldType };
export type FieldsView = FormsFieldsResponse;
export type FieldView = FormsFieldsResponse["fields"][number];
export type PageView = FormsFieldsResponse["pages"][number];

/** The server's upload limits and defaults, shown next to the upload box. */
export type FormsLimits = {
  maxBytes: number;
  maxPages: number;
  dpi: number;
  dpiRange: { min: number; max: number };
  rasterDefault: boolean;
  retentionHours: number;
  /** Plain explanations of every error type a forms job or upload can end with (from the registry). */
  explanations: Record<string, string>;
};

export { FIELD_TYPES };

/** One colour per field type, used for boxes, swatches and badges alike. */
export const FIELD_STYLE: Record<FieldType, { label: string; stroke: string; fill: string; badge: string }> = {
  text: { label: "Text", stroke: "#4f46e5", fill: "rgba(79, 70, 229, 0.14)", badge: "bg-indigo-50 text-indigo-800 ring-indigo-200" },
  checkbox: { label: "Checkbox", stroke: "#059669", fill: "rgba(5, 150, 105, 0.16)", badge: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  signature: { label: "Signature", stroke: "#d97706", fill: "rgba(217, 119, 6, 0.16)", badge: "bg-amber-50 text-amber-900 ring-amber-200" },
};

import type { Matrix } from "@/lib/pdf/geometry";
import type { DetectedField, PageSize } from "../types";

/**
 * The detecting stage's output (`fields.json` in the work directory): every field in reading
 * order with its unique name, plus what the writer and the preview page need about each page.
 */
export type FieldsFile = {
  version: 1;
  pageCount: number;
  pages: { index: number; size: PageSize; transform: Matrix; rotation: number; preview: { file: string; width: number; height: number }; scanned: boolean }[];
  fields: DetectedField[];
  /** Set when the list is a person's edit (`PUT /api/v1/forms/{id}/fields`) rather than detection's. */
  revision?: string;
};

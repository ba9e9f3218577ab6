import type { ExtractedTable } from "../extract/types";
import type { SheetTable } from "../sheets/types";

/** Tables of some pages of a PDF (a batch of one job). */
export type ExtractPagesTask = { kind: "extract-pages"; path: string; pages: number[]; method: "auto" | "lattice" | "stream" };
/** Every sheet of a CSV or XLSX file. */
export type ReadSheetsTask = { kind: "read-sheets"; path: string; format: "csv" | "xlsx"; maxCells: number; maxSheets: number };
/** A JPEG preview of one page. */
export type RenderPreviewTask = { kind: "render-preview"; path: string; page: number; dpi: number };

export type DocumentsTask = ExtractPagesTask | ReadSheetsTask | RenderPreviewTask;

export type PageResult = {
  page: number;
  width: number;
  height: number;
  tables: ExtractedTable[];
  /** A page with images and no text layer: a scan. */
  scanned: boolean;
};

export type SheetsResult = { sheets: SheetTable[] };
export type PreviewResult = { image: Uint8Array; width: number; height: number; pageWidth: number; pageHeight: number };

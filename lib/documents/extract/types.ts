/**
 * What table extraction reads of a page, in page points (top-left origin, y down, the page's
 * rotation applied): the shapes lib/pdf/operators' walk records (structurally the same types)
 * and nothing else.
 */
export type Segment = { o: "h" | "v"; at: number; from: number; to: number; width: number };
export type Glyph = { c: string; x0: number; x1: number; top: number; bottom: number; size: number; invisible?: true };
export type PageInput = { width: number; height: number; segments: Segment[]; glyphs: Glyph[] };

export type Rect = { x0: number; y0: number; x1: number; y1: number };

/** A word or a run of words on one line with no wide gap inside. */
export type Chunk = Rect & { text: string; size: number };
export type TextLine = Rect & { chunks: Chunk[]; size: number };

export type Method = "lattice" | "stream";

export type ExtractedTable = {
  /** 1-based page number; the first page for a table merged across pages. */
  page: number;
  /** Pages the table spans (more than one when merged). */
  pages: number[];
  bbox: Rect;
  method: Method;
  /** rows[r][c]: a spanning cell's text in its top-left position, "" in the cells it covers. */
  rows: string[][];
  /** Spans as [row, col, rowSpan, colSpan] for cells larger than one grid cell. */
  spans: [number, number, number, number][];
  title?: string;
};

import { latticeTables } from "./lattice";
import { streamTables } from "./stream";
import type { ExtractedTable, PageInput, Rect } from "./types";

export type ExtractOptions = { method: "auto" | "lattice" | "stream" };

const inside = (g: { x0: number; x1: number; top: number; bottom: number }, r: Rect) => {
  const cx = (g.x0 + g.x1) / 2;
  const cy = (g.top + g.bottom) / 2;
  return cx >= r.x0 - 1 && cx <= r.x1 + 1 && cy >= r.y0 - 1 && cy <= r.y1 + 1;
};

/**
 * The tables of one page. `auto`: ruled regions by lattice, then the remaining text by stream
 * (so a page with a ruled table and an unruled one yields both); `lattice` or `stream` alone
 * when the configuration says so.
 */
export function extractPageTables(page: PageInput, pageNumber: number, opts: ExtractOptions): ExtractedTable[] {
  if (opts.method === "stream") return streamTables(page.glyphs, pageNumber);
  const found = latticeTables(page, pageNumber).filter((t) => t.rows.some((r) => r.some((c) => c !== "")));
  if (opts.method === "lattice") return found;
  // A ruled region of one column is a box or a banded list around text, not a grid: auto leaves
  // its text to stream, which finds the columns the rules do not draw.
  // Nor is a frame of a few rules around whole columns of lines (cells holding a dozen rows each):
  // those rows are the table, and stream reads them.
  const ruled = found.filter((t) => (t.rows[0]?.length ?? 0) >= 2 && linesPerCell(t) <= 4);
  const rest = page.glyphs.filter((g) => !ruled.some((t) => inside(g, t.bbox)));
  return [...ruled, ...streamTables(rest, pageNumber)].sort((a, b) => a.bbox.y0 - b.bbox.y0);
}

/** The mean number of text lines in a table's non-empty cells. */
function linesPerCell(t: ExtractedTable): number {
  const cells = t.rows.flat().filter((c) => c !== "");
  return cells.length ? cells.reduce((n, c) => n + c.split("\n").length, 0) / cells.length : 0;
}

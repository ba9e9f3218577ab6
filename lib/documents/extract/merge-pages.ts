import type { ExtractedTable } from "./types";

/**
 * Joins a table that runs off the bottom of a page with the one that opens the next page when
 * they have the same columns: same count, and edges within a few points (a repeated header row
 * on the continuation is dropped). Pages are the tables' page order; heights of each page give
 * "near the bottom" and "near the top".
 */
export function mergeAcrossPages(tables: ExtractedTable[], pageHeights: Map<number, number>): ExtractedTable[] {
  const out: ExtractedTable[] = [];
  for (const t of tables) {
    const prev = out[out.length - 1];
    if (prev && continuesOnto(prev, t, pageHeights)) {
      const header = prev.rows[0];
      const body = sameRow(t.rows[0], header) ? t.rows.slice(1) : t.rows;
      const offset = prev.rows.length - (body.length < t.rows.length ? 1 : 0);
      prev.spans.push(...t.spans.filter((s) => body.length === t.rows.length || s[0] > 0).map(([r, c, rs, cs]) => [r + offset, c, rs, cs] as [number, number, number, number]));
      prev.rows.push(...body);
      prev.pages.push(t.page);
      continue;
    }
    out.push({ ...t, pages: [...t.pages], rows: t.rows.map((r) => [...r]), spans: [...t.spans] });
  }
  return out;
}

function continuesOnto(a: ExtractedTable, b: ExtractedTable, heights: Map<number, number>): boolean {
  const lastPage = a.pages[a.pages.length - 1];
  if (b.page !== lastPage + 1) return false;
  const cols = (t: ExtractedTable) => t.rows[0]?.length ?? 0;
  if (cols(a) !== cols(b) || cols(a) === 0) return false;
  const ha = heights.get(lastPage) ?? 792;
  const hb = heights.get(b.page) ?? 792;
  // The first ends in the page's last fifth and the second starts in the next page's first fifth.
  if (a.bbox.y1 < ha * 0.8 || b.bbox.y0 > hb * 0.2) return false;
  return Math.abs(a.bbox.x0 - b.bbox.x0) < 6 && Math.abs(a.bbox.x1 - b.bbox.x1) < 6;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
const sameRow = (a: string[] | undefined, b: string[] | undefined) => !!a && !!b && a.length === b.length && a.every((v, i) => norm(v) === norm(b[i]));

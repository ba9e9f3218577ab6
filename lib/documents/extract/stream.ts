import { bounds, textLines } from "./text-lines";
import type { Chunk, ExtractedTable, Glyph, Rect, TextLine } from "./types";

/**
 * Stream extraction: tables without rules, found from text alignment alone. Consecutive lines
 * with two or more chunks (separated by column-wide gaps) form a block; the block's columns are the
 * vertical strips of whitespace that (almost) no line crosses; every line is a row, and a line
 * that only continues the cells of the row above (tightly spaced, first column empty) is merged
 * into it. A one-chunk line right above a block is its title; one-chunk lines after it (notes,
 * sources, footnotes) end it and are not part of the table.
 */
export function streamTables(glyphs: Glyph[], pageNumber: number): ExtractedTable[] {
  const lines = textLines(glyphs);
  const tables: ExtractedTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].chunks.length < 2) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && continues(lines, j, i)) j++;
    const block = lines.slice(i, j);
    const table = blockToTable(block, pageNumber, i > 0 ? lines[i - 1] : undefined);
    if (table) tables.push(table);
    i = j;
  }
  return tables;
}

/**
 * Whether line j belongs to the block (starting at line `start`) that line j-1 is in: close below
 * it, and tabular, a wrapped cell, or a section label ("Wealth index") between tabular rows.
 */
function continues(lines: TextLine[], j: number, start: number): boolean {
  const prev = lines[j - 1];
  const line = lines[j];
  const height = Math.max(prev.y1 - prev.y0, line.y1 - line.y0, 1);
  if (line.y0 - prev.y1 > height * 2.2) return false;
  if (line.chunks.length >= 2) return true;
  const next = lines[j + 1];
  if (!next || next.chunks.length < 2) return false;
  // A wrapped cell: tight below a tabular line, not starting at the block's left edge.
  if (prev.chunks.length >= 2 && line.y0 - prev.y1 < height * 0.6 && line.x0 > prev.x0 + height) return true;
  return isSectionLabel(lines, j, start, height);
}

/** The caption of the next table, or a note: never a row label. */
const CAPTION = /^\s*(table|tab\.|figure|fig\.|chart|exhibit|source|sources|note|notes)\b/i;

/**
 * A short one-chunk line in the first column, with rows of the same table on both sides (about as
 * many columns above as below): a label grouping the rows under it, kept as a row of its own.
 */
function isSectionLabel(lines: TextLine[], j: number, start: number, height: number): boolean {
  const line = lines[j];
  const next = lines[j + 1];
  const text = line.chunks[0].text;
  if (next.y0 - line.y1 > height * 2.2 || text.length > 60 || CAPTION.test(text)) return false;
  const left = Math.min(...lines.slice(start, j).map((l) => l.x0));
  if (Math.abs(line.x0 - left) > height) return false;
  const above = lines.slice(start, j).reverse().find((l) => l.chunks.length >= 2);
  if (!above) return false;
  const [a, b] = [above.chunks.length, next.chunks.length];
  return Math.min(a, b) / Math.max(a, b) >= 0.4;
}

function blockToTable(block: TextLine[], pageNumber: number, above: TextLine | undefined): ExtractedTable | null {
  const tabular = block.filter((l) => l.chunks.length >= 2);
  if (tabular.length < 2) return null;
  const size = median(block.map((l) => l.size)) || 10;
  const edges = columnEdges(tabular, size);
  if (edges.length < 3) return null;
  const cols = edges.length - 1;
  const avgLen = mean(tabular.flatMap((l) => l.chunks.map((c) => c.text.length)));
  // Two long chunks per line is two-column prose, not a table.
  if (cols === 2 && avgLen > 40) return null;
  const rows: string[][] = [];
  const rowBoxes: Rect[] = [];
  for (const line of block) {
    const cells = Array<string>(cols).fill("");
    for (const chunk of line.chunks) {
      const c = columnOf(chunk, edges);
      cells[c] = cells[c] ? `${cells[c]} ${chunk.text}` : chunk.text;
    }
    const prevBox = rowBoxes[rowBoxes.length - 1];
    if (prevBox && wrapsInto(cells, rows[rows.length - 1], line, prevBox, size)) {
      const prev = rows[rows.length - 1];
      cells.forEach((text, c) => text && (prev[c] = prev[c] ? `${prev[c]}\n${text}` : text));
      rowBoxes[rowBoxes.length - 1] = bounds([prevBox, line]);
      continue;
    }
    rows.push(cells);
    rowBoxes.push(line);
  }
  if (rows.length < 2) return null;
  const bbox = bounds(block);
  const title = above && above.chunks.length === 1 && bbox.y0 - above.y1 < size * 2.5 ? above.chunks[0].text : undefined;
  return { page: pageNumber, pages: [pageNumber], bbox, method: "stream", rows, spans: [], ...(title ? { title } : {}) };
}

/** A line that only adds to cells of the row above: tight below it, its first column empty. */
function wrapsInto(cells: string[], prev: string[], line: TextLine, prevBox: Rect, size: number): boolean {
  if (cells[0] !== "" || prev[0] === "") return false;
  if (line.y0 - prevBox.y1 > size * 0.45) return false;
  return cells.filter(Boolean).length < prev.filter(Boolean).length || cells.filter(Boolean).length === 1;
}

/**
 * Column boundaries: the x positions of whitespace strips at least half a character wide that at
 * most a tenth of the lines cross (a header spanning two columns does not erase the gap).
 */
function columnEdges(lines: TextLine[], size: number): number[] {
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  const step = 0.5;
  const n = Math.ceil((x1 - x0) / step) + 1;
  const cover = new Uint16Array(n);
  for (const line of lines) {
    for (const c of line.chunks) {
      for (let k = Math.floor((c.x0 - x0) / step); k <= Math.ceil((c.x1 - x0) / step) && k < n; k++) if (k >= 0) cover[k]++;
    }
  }
  const allowed = Math.floor(lines.length * 0.1);
  const edges = [x0];
  let start = -1;
  for (let k = 0; k < n; k++) {
    const empty = cover[k] <= allowed;
    if (empty && start < 0) start = k;
    if ((!empty || k === n - 1) && start >= 0) {
      const end = empty ? k : k - 1;
      if ((end - start) * step >= size * 0.5 && start > 0 && k < n - 1) edges.push(x0 + ((start + end) / 2) * step);
      start = -1;
    }
  }
  edges.push(x1);
  return edges;
}

function columnOf(chunk: Chunk, edges: number[]): number {
  // The column holding the chunk's start: a spanning chunk (a header over two columns) sits top-left.
  const x = chunk.x0 + 0.5;
  for (let c = 0; c < edges.length - 1; c++) if (x < edges[c + 1]) return c;
  return edges.length - 2;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);

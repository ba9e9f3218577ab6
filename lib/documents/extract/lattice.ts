import { textLines } from "./text-lines";
import type { ExtractedTable, Glyph, PageInput, Rect, Segment } from "./types";

/** Rules closer than this (points) are one line; ends closer than this touch. */
const SNAP = 2;

/**
 * Lattice extraction: tables drawn with ruling lines. Rules that cross or touch form connected
 * groups; a group with at least two horizontal and two vertical rules is a table whose grid is
 * the distinct rule positions. A grid line missing between two neighbouring cells merges them
 * (a spanning cell). Each glyph goes to the cell holding its centre.
 */
export function latticeTables(page: PageInput, pageNumber: number): ExtractedTable[] {
  const rules = mergeCollinear(page.segments.filter((s) => s.to - s.from > SNAP * 2));
  const groups = connectedGroups(rules);
  const tables: ExtractedTable[] = [];
  for (const group of groups) {
    const h = group.filter((s) => s.o === "h");
    const v = group.filter((s) => s.o === "v");
    if (h.length < 2 || v.length < 2) continue;
    const ys = cluster(h.map((s) => s.at));
    const xs = cluster(v.map((s) => s.at));
    if (ys.length < 2 || xs.length < 2) continue;
    const grid = { xs, ys };
    const spans = findSpans(grid, h, v);
    const bbox = { x0: xs[0], y0: ys[0], x1: xs[xs.length - 1], y1: ys[ys.length - 1] };
    const rows = fillCells(grid, spans, page.glyphs.filter((g) => centreIn(g, bbox)));
    tables.push({ page: pageNumber, pages: [pageNumber], bbox, method: "lattice", rows, spans: spans.list });
  }
  return tables.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}

const centreIn = (g: Glyph, r: Rect) => {
  const cx = (g.x0 + g.x1) / 2;
  const cy = (g.top + g.bottom) / 2;
  return cx > r.x0 && cx < r.x1 && cy > r.y0 && cy < r.y1;
};

/**
 * Joins overlapping or touching rules on the same line (generators draw a row's rule cell by cell).
 * Rules are first grouped by position, then swept along their length: positions a hair apart
 * (81.85 and 81.86) are one line, and a gap along it always stays a gap.
 */
export function mergeCollinear(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const o of ["h", "v"] as const) {
    const byPosition = [...segments.filter((s) => s.o === o)].sort((a, b) => a.at - b.at);
    const lines: Segment[][] = [];
    for (const s of byPosition) {
      const last = lines[lines.length - 1];
      if (last && s.at - last[last.length - 1].at <= SNAP) last.push(s);
      else lines.push([s]);
    }
    for (const line of lines) {
      const along = line.sort((a, b) => a.from - b.from);
      let current: Segment | undefined;
      for (const s of along) {
        if (current && s.from <= current.to + SNAP) {
          current.to = Math.max(current.to, s.to);
          current.width = Math.max(current.width, s.width);
        } else {
          current = { ...s };
          out.push(current);
        }
      }
    }
  }
  return out;
}

const touches = (h: Segment, v: Segment) =>
  v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP;

function connectedGroups(rules: Segment[]): Segment[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const hs = rules.map((r, i) => [r, i] as const).filter(([r]) => r.o === "h");
  const vs = rules.map((r, i) => [r, i] as const).filter(([r]) => r.o === "v");
  for (const [h, i] of hs) for (const [v, j] of vs) if (touches(h, v)) parent[find(i)] = find(j);
  const groups = new Map<number, Segment[]>();
  rules.forEach((r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });
  return [...groups.values()];
}

/** Distinct positions: values within SNAP of each other are one, at their mean. */
export function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

type Grid = { xs: number[]; ys: number[] };
type Spans = { owner: number[][]; list: [number, number, number, number][] };

/** How much of [a, b] the rules at `at` (one orientation) cover. */
function covered(rules: Segment[], at: number, a: number, b: number): number {
  let total = 0;
  for (const r of rules) {
    if (Math.abs(r.at - at) > SNAP) continue;
    total += Math.max(0, Math.min(b, r.to + SNAP) - Math.max(a, r.from - SNAP));
  }
  return total / Math.max(b - a, 1e-6);
}

/**
 * Merges neighbouring grid cells that no rule separates, then grows each merged group to the
 * rectangle it spans (a cell is always a rectangle); the top-left cell owns it.
 */
function findSpans(grid: Grid, h: Segment[], v: Segment[]): Spans {
  const rows = grid.ys.length - 1;
  const cols = grid.xs.length - 1;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => (parent[find(a)] = find(b));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && covered(v, grid.xs[c + 1], grid.ys[r], grid.ys[r + 1]) < 0.5) union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && covered(h, grid.ys[r + 1], grid.xs[c], grid.xs[c + 1]) < 0.5) union(r * cols + c, (r + 1) * cols + c);
    }
  }
  const boxes = new Map<number, [number, number, number, number]>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(r * cols + c);
      const b = boxes.get(root);
      boxes.set(root, b ? [Math.min(b[0], r), Math.min(b[1], c), Math.max(b[2], r), Math.max(b[3], c)] : [r, c, r, c]);
    }
  }
  const owner = Array.from({ length: rows }, () => Array<number>(cols).fill(-1));
  const list: Spans["list"] = [];
  for (const [r0, c0, r1, c1] of [...boxes.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    if (owner[r0][c0] !== -1) continue;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (owner[r][c] === -1) owner[r][c] = r0 * cols + c0;
    if (r1 > r0 || c1 > c0) list.push([r0, c0, r1 - r0 + 1, c1 - c0 + 1]);
  }
  return { owner, list };
}

const indexOf = (edges: number[], v: number) => {
  for (let i = 0; i < edges.length - 1; i++) if (v >= edges[i] && v < edges[i + 1]) return i;
  return -1;
};

function fillCells(grid: Grid, spans: Spans, glyphs: Glyph[]): string[][] {
  const rows = grid.ys.length - 1;
  const cols = grid.xs.length - 1;
  const buckets = new Map<number, Glyph[]>();
  for (const g of glyphs) {
    const r = indexOf(grid.ys, (g.top + g.bottom) / 2);
    const c = indexOf(grid.xs, (g.x0 + g.x1) / 2);
    if (r < 0 || c < 0) continue;
    const cell = spans.owner[r][c];
    buckets.set(cell, [...(buckets.get(cell) ?? []), g]);
  }
  const out = Array.from({ length: rows }, () => Array<string>(cols).fill(""));
  for (const [cell, gs] of buckets) {
    const r = Math.floor(cell / cols);
    const c = cell % cols;
    // Inside a cell every gap is a space: the cell's edges already separate columns.
    out[r][c] = textLines(gs, Number.POSITIVE_INFINITY).map((l) => l.chunks.map((ch) => ch.text).join(" ")).join("\n");
  }
  return out;
}

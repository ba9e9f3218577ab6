import type { Box, DetectedField } from "../types";

type Item = { box: Box; field?: DetectedField };

const GUTTER = 10;

/**
 * Fields in reading order: pages in turn; on a page, top to bottom, and across a row left to
 * right, except where the page is set in columns, which are read one after the other. Columns are
 * told from side-by-side fields by a recursive cut along white space (printed text included, so
 * labels shape the layout): a run of horizontal bands sharing one vertical gutter is a column
 * block when the lines on either side of the gutter do not line up; lines that line up read across.
 */
export function orderFields(fields: DetectedField[], textByPage: Map<number, Box[]>): DetectedField[] {
  const pages = [...new Set(fields.map((f) => f.page))].sort((a, b) => a - b);
  return pages.flatMap((page) => {
    const items: Item[] = [...fields.filter((f) => f.page === page).map((field) => ({ box: field.box, field })), ...(textByPage.get(page) ?? []).map((box) => ({ box }))];
    return order(items, 0).flatMap((i) => (i.field ? [i.field] : []));
  });
}

function order(items: Item[], depth: number): Item[] {
  if (items.length <= 1 || depth > 40) return rowMajor(items);
  const bands = cut(items, "y", 0.5);
  if (bands.length === 1) {
    const columns = cut(items, "x", GUTTER);
    return columns.length === 1 ? rowMajor(items) : columns.flatMap((c) => order(c, depth + 1));
  }
  const out: Item[] = [];
  for (let i = 0; i < bands.length; ) {
    const block = columnBlock(bands, i);
    if (block) {
      out.push(...order(block.left, depth + 1), ...order(block.right, depth + 1));
      i = block.end;
    } else {
      out.push(...order(bands[i], depth + 1));
      i++;
    }
  }
  return out;
}

/** Bands i..end-1 read as two columns: one gutter through all of them, and rows that do not line up across it. */
function columnBlock(bands: Item[][], start: number): { left: Item[]; right: Item[]; end: number } | null {
  let best: { left: Item[]; right: Item[]; end: number } | null = null;
  for (let end = start + 2; end <= bands.length; end++) {
    const items = bands.slice(start, end).flat();
    const gutter = widestGap(items);
    if (!gutter) break;
    const mid = (gutter[0] + gutter[1]) / 2;
    const left = items.filter((i) => i.box.x + i.box.width / 2 < mid);
    const right = items.filter((i) => i.box.x + i.box.width / 2 >= mid);
    const leftRows = lines(left);
    const rightRows = lines(right);
    // Lines face each other when they share most of their height (a checkbox centred in a table
    // row faces the row's cells even though their tops differ).
    const faces = (a: [number, number], b: [number, number]) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]) >= 0.5 * Math.min(a[1] - a[0], b[1] - b[0]);
    const aligned = leftRows.filter((l) => rightRows.some((r) => faces(l, r))).length;
    if (leftRows.length >= 2 && rightRows.length >= 2 && aligned / Math.min(leftRows.length, rightRows.length) < 0.5) best = { left, right, end };
  }
  return best;
}

/** The vertical extents of the lines of items (items overlapping vertically share a line). */
function lines(items: Item[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of [...items].sort((a, b) => a.box.y - b.box.y)) {
    const last = out[out.length - 1];
    if (last && i.box.y < last[1] - 0.5) last[1] = Math.max(last[1], i.box.y + i.box.height);
    else out.push([i.box.y, i.box.y + i.box.height]);
  }
  return out;
}

function widestGap(items: Item[]): [number, number] | null {
  const gaps = gapsAlong(items, "x").filter(([a, b]) => b - a >= GUTTER);
  if (gaps.length === 0) return null;
  return gaps.reduce((best, g) => (g[1] - g[0] > best[1] - best[0] ? g : best));
}

/** Splits items at white-space gaps of at least `min` along an axis, in order. */
function cut(items: Item[], axis: "x" | "y", min: number): Item[][] {
  const gaps = gapsAlong(items, axis).filter(([a, b]) => b - a >= min);
  if (gaps.length === 0) return [items];
  const groups: Item[][] = Array.from({ length: gaps.length + 1 }, () => []);
  for (const item of items) {
    const start = axis === "x" ? item.box.x : item.box.y;
    let k = 0;
    while (k < gaps.length && start >= gaps[k][1] - 1e-6) k++;
    groups[k].push(item);
  }
  return groups.filter((g) => g.length > 0);
}

/** Interior gaps of the union of the items' extents along an axis. */
function gapsAlong(items: Item[], axis: "x" | "y"): [number, number][] {
  const spans = items
    .map((i) => (axis === "x" ? [i.box.x, i.box.x + i.box.width] : [i.box.y, i.box.y + i.box.height]) as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const gaps: [number, number][] = [];
  let reach = -Infinity;
  for (const [a, b] of spans) {
    if (reach > -Infinity && a > reach) gaps.push([reach, a]);
    reach = Math.max(reach, b);
  }
  return gaps;
}

/** Top to bottom by line (boxes whose middles are within half a height share a line), left to right. */
function rowMajor(items: Item[]): Item[] {
  const sorted = [...items].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
  const rows: Item[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    const mid = item.box.y + item.box.height / 2;
    if (row && Math.abs(mid - (row[0].box.y + row[0].box.height / 2)) <= Math.min(row[0].box.height, item.box.height) / 2) row.push(item);
    else rows.push([item]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.box.x - b.box.x));
}

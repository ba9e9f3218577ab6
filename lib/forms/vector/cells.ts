import type { Box } from "../types";
import type { Segment } from "@/lib/pdf/operators/content";

/** A closed rectangle found in the line work; `outer` runs through the line centres, `inner` inside the strokes. */
export type Cell = { outer: Box; inner: Box; lineWidth: number; top: Segment; bottom: Segment; left: Segment; right: Segment; open?: true };

const TOL = 2;
const MIN_SIDE = 3;
/** Work cap for pathological pages (maps, charts): enough for any real form's tables. */
const BUDGET = 3_000_000;

/**
 * Joins collinear pieces of one line (a rectangle's shared edges drawn twice, dashes, a rule drawn
 * in several strokes) so every visible line is one segment.
 */
export function mergeSegments(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  const absorbed = new Set<Segment>();
  const joins = (m: Segment, s: Segment) => Math.abs(m.at - s.at) <= 0.8 && s.from <= m.to + 2.5 && s.to >= m.from - 2.5;
  const absorb = (hit: Segment, s: Segment) => {
    hit.from = Math.min(hit.from, s.from);
    hit.to = Math.max(hit.to, s.to);
    hit.width = Math.max(hit.width, s.width);
    // Drawn solid anywhere, the line is solid.
    if (!s.dashed) delete hit.dashed;
  };
  for (const o of ["h", "v"] as const) {
    const list = segments.filter((s) => s.o === o && s.to - s.from >= 0.5).sort((a, b) => a.at - b.at || a.from - b.from);
    const open: Segment[] = [];
    for (const s of list) {
      const hit = open.find((m) => joins(m, s));
      if (hit) {
        absorb(hit, s);
        // Grown, it may now reach a piece it had missed (a rule drawn left part first, then a
        // longer right part that overlaps a short stroke on the same line).
        for (let i = open.length - 1; i >= 0; i--) {
          const m = open[i];
          if (m === hit || !joins(hit, m)) continue;
          absorb(hit, m);
          absorbed.add(m);
          open.splice(i, 1);
        }
      } else {
        const copy = { ...s };
        open.push(copy);
        out.push(copy);
      }
      // Lines far above the current one can no longer merge; keep the scan short.
      while (open.length > 0 && open[0].at < s.at - 1) open.shift();
    }
  }
  return out.filter((s) => !absorbed.has(s));
}

/**
 * The smallest rectangles the segments close: for each top-left corner (a vertical meeting a
 * horizontal), the nearest vertical to the right that also hangs from that horizontal and has a
 * common horizontal below. Table grids give one cell per table cell; nested frames give the frame
 * and, separately, what is inside.
 */
export function findCells(segments: Segment[]): Cell[] {
  const hs = segments.filter((s) => s.o === "h").sort((a, b) => a.at - b.at);
  const vs = segments.filter((s) => s.o === "v").sort((a, b) => a.at - b.at);
  const cells: Cell[] = [];
  const seen = new Set<string>();
  let work = 0;
  for (const left of vs) {
    for (const top of hs) {
      if (++work > BUDGET) return cells;
      if (top.at < left.from - TOL || top.at > left.to - MIN_SIDE) continue;
      if (left.at < top.from - TOL || left.at > top.to + TOL) continue;
      const cell = closeFrom(left, top, hs, vs);
      work += vs.length;
      if (!cell) continue;
      const key = `${cell.outer.x.toFixed(1)},${cell.outer.y.toFixed(1)},${cell.outer.width.toFixed(1)},${cell.outer.height.toFixed(1)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cells.push(cell);
    }
  }
  return cells;
}

function closeFrom(left: Segment, top: Segment, hs: Segment[], vs: Segment[]): Cell | null {
  for (const right of vs) {
    if (right.at <= left.at + MIN_SIDE) continue;
    if (right.at > top.to + TOL) break;
    if (right.from > top.at + TOL || right.to < top.at + MIN_SIDE) continue;
    const limit = Math.min(left.to, right.to) + TOL;
    for (const bottom of hs) {
      if (bottom.at <= top.at + MIN_SIDE) continue;
      if (bottom.at > limit) break;
      if (bottom.from - TOL > left.at || bottom.to + TOL < right.at) continue;
      // A side that touches neither rule is a shape standing inside the row (a checkbox's edge
      // a point short of both rules), not a divider: the cell it would close is a sliver.
      if (floats(left, top, bottom)) return null;
      if (floats(right, top, bottom)) break;
      const lw = (left.width + right.width + top.width + bottom.width) / 4;
      const outer = { x: left.at, y: top.at, width: right.at - left.at, height: bottom.at - top.at };
      const inner = {
        x: left.at + left.width / 2,
        y: top.at + top.width / 2,
        width: right.at - left.at - (left.width + right.width) / 2,
        height: bottom.at - top.at - (top.width + bottom.width) / 2,
      };
      // A side added by openTableEdges (not drawn) leaves the cell open on the page.
      return { outer, inner, lineWidth: lw, top, bottom, left, right, ...(added.has(left) || added.has(right) ? { open: true as const } : {}) };
    }
  }
  return null;
}

const floats = (v: Segment, top: Segment, bottom: Segment) => v.from > top.at + FLOAT_GAP && v.to < bottom.at - FLOAT_GAP;
/** How far short of both rules a side may stop and still be drawn as joining them. */
const FLOAT_GAP = 0.6;

/** Edges openTableEdges added: the page does not draw them. */
const added = new WeakSet<Segment>();

/**
 * The missing outer edge of a table drawn without one (tax forms leave the page margin open: the
 * row rules start at one x, the cells end at the column dividers): a vertical joining two
 * consecutive rules that start (or end) together, where a real divider between the same two rules
 * shows they bound a row of cells. Without it, the first (or last) cell of every row never closes.
 */
export function openTableEdges(hs: Segment[], vs: Segment[]): Segment[] {
  const out: Segment[] = [];
  const sorted = [...hs].sort((a, b) => a.at - b.at);
  for (const side of ["from", "to"] as const) {
    for (const [i, a] of sorted.entries()) {
      // Rules are sorted by height: look only as far down as one row can reach.
      let j = i + 1;
      while (j < sorted.length && sorted[j].at - a.at <= 48 && !(sorted[j].at - a.at >= 8 && Math.abs(sorted[j][side] - a[side]) <= 1.5)) j++;
      if (j >= sorted.length || sorted[j].at - a.at > 48) continue;
      const b = sorted[j];
      // Nothing drawn between them at that end: no other rule reaches it.
      if (sorted.slice(i + 1, j).some((o) => o.at > a.at + 1 && o.at < b.at - 1 && o.from <= a[side] + 1.5 && o.to >= a[side] - 1.5)) continue;
      const x = side === "from" ? Math.max(a.from, b.from) : Math.min(a.to, b.to);
      const spans = (v: Segment) => v.from <= a.at + TOL && v.to >= b.at - TOL;
      if (vs.some((v) => Math.abs(v.at - x) <= TOL && spans(v))) continue;
      const inside = (v: Segment) => (side === "from" ? v.at > x + 12 : v.at < x - 12) && v.at > Math.max(a.from, b.from) && v.at < Math.min(a.to, b.to);
      if (!vs.some((v) => inside(v) && spans(v))) continue;
      const edge: Segment = { o: "v", at: x, from: a.at, to: b.at, width: 0 };
      added.add(edge);
      out.push(edge);
    }
  }
  return out;
}

import { apply, type Matrix } from "@/lib/pdf/geometry";
import type { Box } from "@/lib/pdf/geometry";
import type { PageContent } from "./content";

type Ops = Record<string, number>;
type Point = [number, number];
type Subpath = { points: Point[]; lines: [Point, Point][]; closed: boolean; curved: boolean };

/** pdf.js DrawOPS: the opcodes inside constructPath's flat path data. */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/**
 * Records one painted path: axis-aligned straight strokes become segments, thin filled bars become
 * segments too (many generators draw rules as filled rectangles), other filled rectangles become
 * fill areas, and closed curvy outlines shaped like boxes or circles become outlines.
 */
export function addPath(
  out: PageContent,
  OPS: Ops,
  paint: number,
  data: ArrayLike<number> | null | undefined,
  ctm: Matrix,
  pen: { lineWidth: number; dashed: boolean },
  strokeLuminance: number,
  fillLuminance: number,
): void {
  if (!data || data.length === 0) return;
  const strokes = [OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
  const fills = [OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
  if (!strokes && !fills) return;
  const closesAll = [OPS.closeStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
  const width = Math.max(pen.lineWidth, 0.25) * Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]));
  const visibleStroke = strokes && strokeLuminance < 0.95;
  const visibleFill = fills && fillLuminance < 0.97;
  for (const sub of parse(data, ctm)) {
    if (closesAll) close(sub);
    const box = bounds(sub.points);
    if (visibleStroke && box.width < 1 && box.height < 1 && (sub.lines.length > 0 || sub.curved)) {
      // A stroke shorter than a point: a dot of the pen's width (dotted rules draw these).
      const side = Math.max(box.width, box.height) + width;
      if (side <= MAX_MARK) out.marks.push({ x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side });
      continue;
    }
    if (visibleStroke) {
      for (const [a, b] of sub.lines) addSegment(out, a, b, width, pen.dashed);
      if (sub.curved && endsWhereItStarts(sub) && boxLike(sub.points, box)) {
        out.outlines.push({ box, lineWidth: width, filled: visibleFill, luminance: fillLuminance });
      }
    }
    if (fills && sub.points.length >= 3) {
      close(sub);
      addFill(out, sub, box, fillLuminance, visibleStroke, !visibleFill);
    }
  }
}

/** Marks (dots) are at most this many points across. */
const MAX_MARK = 3;

/**
 * `white`: paint the paper's colour. Only a white rectangle is kept (as a fill): on a tinted
 * background (the IRS's entry boxes) it is what is drawn; white dots, bars and outlines are not.
 */
function addFill(out: PageContent, sub: Subpath, box: Box, luminance: number, stroked: boolean, white: boolean): void {
  if (box.width <= MAX_MARK && box.height <= MAX_MARK && box.width >= 0.2 && box.height >= 0.2 && box.width <= box.height * 2 && box.height <= box.width * 2) {
    // A tiny square or disc: a dot, whatever its outline.
    if (luminance < 0.9) out.marks.push(box);
    return;
  }
  const straight = !sub.curved && sub.points.length >= 4 && sub.lines.every(([a, b]) => axisAligned(a, b));
  // A bar under 2 points thick is too thin for boxLike's corner test, but it is the commonest rule.
  const thinBar = straight && Math.min(box.width, box.height) < 2 && Math.max(box.width, box.height) >= 3;
  const straightRect = straight && (thinBar || boxLike(sub.points, box));
  if (white) {
    if (straightRect && box.width > MAX_MARK && box.height > MAX_MARK) out.fills.push({ box, luminance });
    return;
  }
  if (!straightRect) {
    if (sub.curved && !stroked && boxLike(sub.points, box)) out.outlines.push({ box, lineWidth: 0, filled: true, luminance });
    return;
  }
  if (box.height <= 2.5 && box.width >= 3 * box.height) {
    out.segments.push({ o: "h", at: box.y + box.height / 2, from: box.x, to: box.x + box.width, width: Math.max(box.height, 0.25) });
  } else if (box.width <= 2.5 && box.height >= 3 * box.width) {
    out.segments.push({ o: "v", at: box.x + box.width / 2, from: box.y, to: box.y + box.height, width: Math.max(box.width, 0.25) });
  } else if (box.width > 0.5 && box.height > 0.5) {
    out.fills.push({ box, luminance });
  }
}

function addSegment(out: PageContent, a: Point, b: Point, width: number, dashed = false): void {
  const dx = Math.abs(b[0] - a[0]);
  const dy = Math.abs(b[1] - a[1]);
  const dash = dashed ? { dashed: true as const } : {};
  if (dy <= Math.max(0.3, dx * 0.01) && dx >= 1) {
    out.segments.push({ o: "h", at: (a[1] + b[1]) / 2, from: Math.min(a[0], b[0]), to: Math.max(a[0], b[0]), width, ...dash });
  } else if (dx <= Math.max(0.3, dy * 0.01) && dy >= 1) {
    out.segments.push({ o: "v", at: (a[0] + b[0]) / 2, from: Math.min(a[1], b[1]), to: Math.max(a[1], b[1]), width, ...dash });
  }
}

function parse(data: ArrayLike<number>, ctm: Matrix): Subpath[] {
  const subs: Subpath[] = [];
  let cur: Subpath | undefined;
  let last: Point = [0, 0];
  const point = (x: number, y: number): Point => apply(ctm, x, y);
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === MOVE) {
      last = point(data[i++], data[i++]);
      cur = { points: [last], lines: [], closed: false, curved: false };
      subs.push(cur);
    } else if (op === LINE) {
      const p = point(data[i++], data[i++]);
      cur ??= start(subs, last);
      cur.lines.push([last, p]);
      cur.points.push(p);
      last = p;
    } else if (op === CURVE || op === QUAD) {
      const n = op === CURVE ? 3 : 2;
      cur ??= start(subs, last);
      for (let k = 0; k < n; k++) cur.points.push(point(data[i + 2 * k], data[i + 2 * k + 1]));
      i += 2 * n;
      last = cur.points[cur.points.length - 1];
      cur.curved = true;
    } else if (op === CLOSE) {
      if (cur) close(cur);
      if (cur) last = cur.points[0];
    } else {
      break; // Unknown opcode: the rest of the data cannot be decoded reliably.
    }
  }
  return subs;
}

function start(subs: Subpath[], at: Point): Subpath {
  const sub: Subpath = { points: [at], lines: [], closed: false, curved: false };
  subs.push(sub);
  return sub;
}

function close(sub: Subpath): void {
  if (sub.closed) return;
  sub.closed = true;
  const first = sub.points[0];
  const last = sub.points[sub.points.length - 1];
  if (Math.hypot(first[0] - last[0], first[1] - last[1]) > 0.01) sub.lines.push([last, first]);
}

function endsWhereItStarts(sub: Subpath): boolean {
  const first = sub.points[0];
  const last = sub.points[sub.points.length - 1];
  return sub.closed || Math.hypot(first[0] - last[0], first[1] - last[1]) < 0.5;
}

function bounds(points: Point[]): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const axisAligned = (a: Point, b: Point) => Math.abs(a[0] - b[0]) < 0.3 || Math.abs(a[1] - b[1]) < 0.3;

/** Every point (control points included) hugs the bounding box: a rectangle, rounded box or circle. */
function boxLike(points: Point[], box: Box): boolean {
  if (box.width < 2 || box.height < 2 || points.length < 4) return false;
  const tol = Math.max(0.6, 0.32 * Math.min(box.width, box.height));
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  return points.every(([x, y]) => Math.min(Math.abs(x - box.x), Math.abs(x - x1), Math.abs(y - box.y), Math.abs(y - y1)) <= tol);
}

import type { Box } from "@/lib/pdf/geometry";
import type { Segment } from "./content";

/** A dash is at most this long; longer pieces are rules of their own. */
const MAX_DASH = 8;
/** The widest gap a dashed or dotted line leaves between two of its pieces. */
const MAX_GAP = 8;
/** Fewer pieces in a row are a coincidence (two short ticks), not a dashed line. */
const MIN_PIECES = 4;

/**
 * Dashed and dotted rules drawn piece by piece: runs of four or more short collinear strokes (or
 * dots) with even gaps become one segment, as wide as the pieces are thick. A rule stroked with a
 * dash pattern (the `d` operator) needs none of this: its path is the whole line already. This is
 * for generators that draw every dash or dot as its own path (and for dots drawn as tiny squares
 * or discs), whose gaps are too wide for the ordinary joining of collinear pieces.
 */
export function joinDashes(segments: Segment[], marks: Box[]): Segment[] {
  // Lines by orientation and rounded position, to look up what a piece's ends touch.
  const index = { h: new Map<number, Segment[]>(), v: new Map<number, Segment[]>() };
  for (const s of segments) {
    const key = Math.round(s.at);
    for (const k of [key - 1, key, key + 1]) {
      const bucket = index[s.o].get(k);
      if (bucket) bucket.push(s);
      else index[s.o].set(k, [s]);
    }
  }
  // An edge of a small box (a row or column of separate checkboxes or comb cells) ends on the
  // box's sides; a dash ends in the open.
  const meetsSide = (s: Segment, end: number) =>
    (index[s.o === "h" ? "v" : "h"].get(Math.round(end)) ?? []).some((o) => Math.abs(o.at - end) <= 1 && o.from <= s.at + 1 && o.to >= s.at - 1 && o.to - o.from > 1.5);
  const pieces: Segment[] = segments.filter((s) => s.to - s.from <= MAX_DASH && !(meetsSide(s, s.from) && meetsSide(s, s.to)));
  for (const m of marks) {
    pieces.push({ o: "h", at: m.y + m.height / 2, from: m.x, to: m.x + m.width, width: m.height });
    pieces.push({ o: "v", at: m.x + m.width / 2, from: m.y, to: m.y + m.height, width: m.width });
  }
  const out: Segment[] = [];
  for (const o of ["h", "v"] as const) {
    const list = pieces.filter((p) => p.o === o).sort((a, b) => a.at - b.at || a.from - b.from);
    // Pieces of one line: the same `at` within half a point, in order along it.
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && Math.abs(list[i].at - list[start].at) <= 0.5) continue;
      const line = list.slice(start, i).sort((a, b) => a.from - b.from);
      out.push(...runs(line));
      start = i;
    }
  }
  return out;
}

/** Evenly spaced runs of similar pieces along one line, each as one segment. */
function runs(line: Segment[]): Segment[] {
  const out: Segment[] = [];
  let run: Segment[] = [];
  const flush = () => {
    if (run.length >= MIN_PIECES) {
      const widths = run.map((p) => p.width).sort((a, b) => a - b);
      const at = run.reduce((s, p) => s + p.at, 0) / run.length;
      out.push({ o: run[0].o, at, from: run[0].from, to: Math.max(...run.map((p) => p.to)), width: widths[widths.length >> 1], dashed: true });
    }
    run = [];
  };
  for (const p of line) {
    const last = run[run.length - 1];
    if (last) {
      const gap = p.from - last.to;
      const len = p.to - p.from;
      const lastLen = last.to - last.from;
      const firstGap = run.length >= 2 ? run[1].from - run[0].to : gap;
      const fits =
        gap >= -0.5 &&
        gap <= Math.min(MAX_GAP, Math.max(2.5, 3 * Math.max(len, lastLen, p.width))) &&
        Math.abs(len - lastLen) <= Math.max(1, 0.5 * lastLen) &&
        Math.abs(gap - firstGap) <= Math.max(1, 0.5 * firstGap);
      if (!fits) flush();
    }
    run.push(p);
  }
  flush();
  return out;
}

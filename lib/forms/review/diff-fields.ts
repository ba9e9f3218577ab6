import type { Box } from "@/lib/pdf/geometry";
import type { CheckedField } from "./check-fields";

export type FieldDiff = {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** For each field of `after`, the index of the field of `before` it continues (or -1: added). */
  origin: number[];
};

const EPS = 0.01;
const sameBox = (a: Box, b: Box) => Math.abs(a.x - b.x) < EPS && Math.abs(a.y - b.y) < EPS && Math.abs(a.width - b.width) < EPS && Math.abs(a.height - b.height) < EPS;

function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/**
 * What an edit did to a field list, for the job's timeline: a field keeps its identity through
 * its name, or (renamed) through its place: same page and a box overlapping its old one at IoU
 * 0.5. A kept field whose type, page or box differs is changed, as is a renamed one.
 */
export function diffFields(before: readonly CheckedField[], after: readonly CheckedField[]): FieldDiff {
  const origin = new Array<number>(after.length).fill(-1);
  const used = new Set<number>();
  const byName = new Map<string, number>();
  before.forEach((f, i) => byName.set(f.name, i));
  after.forEach((f, i) => {
    const j = byName.get(f.name);
    if (j !== undefined && !used.has(j)) {
      origin[i] = j;
      used.add(j);
    }
  });
  after.forEach((f, i) => {
    if (origin[i] !== -1) return;
    let best = -1;
    let bestIou = 0.5;
    before.forEach((g, j) => {
      if (used.has(j) || g.page !== f.page) return;
      const o = iou(f.box, g.box);
      if (o >= bestIou) [best, bestIou] = [j, o];
    });
    if (best !== -1) {
      origin[i] = best;
      used.add(best);
    }
  });
  let changed = 0;
  let unchanged = 0;
  after.forEach((f, i) => {
    if (origin[i] === -1) return;
    const g = before[origin[i]];
    if (g.name === f.name && g.type === f.type && g.page === f.page && sameBox(g.box, f.box)) unchanged++;
    else changed++;
  });
  const kept = changed + unchanged;
  return { added: after.length - kept, removed: before.length - kept, changed, unchanged, origin };
}

import { bottom, centerY, overlap1d, right } from "@/lib/pdf/geometry";
import type { Box } from "../types";
import type { Phrase } from "../vector/text";

const isWords = (p: Phrase) => /[a-z]{2,}/i.test(p.text);

/**
 * The label of a text or signature field close to it: on the same line to the left, just above,
 * or a caption just below, whichever is nearest (distances above and below count a little more,
 * and sentences, which are rarely labels, a lot more). Only text with letters counts.
 */
export function textLabel(box: Box, phrases: Phrase[]): Phrase | undefined {
  let best: Phrase | undefined;
  let bestCost = Infinity;
  for (const p of phrases) {
    if (!isWords(p)) continue;
    let cost = Infinity;
    if (right(p.box) <= box.x + 2 && box.x - right(p.box) <= 120 && centerY(p.box) >= box.y - 2 && centerY(p.box) <= bottom(box) + 2) cost = box.x - right(p.box);
    else if (bottom(p.box) <= box.y + 2 && box.y - bottom(p.box) <= 24 && p.box.x >= box.x - 12 && p.box.x <= box.x + box.width * 0.6) cost = 2 + 1.5 * (box.y - bottom(p.box));
    else if (p.box.y >= bottom(box) - 2 && p.box.y - bottom(box) <= 12 && p.box.x >= box.x - 4 && p.box.x <= box.x + 40) cost = 4 + 2 * (p.box.y - bottom(box));
    if (p.text.length > 40) cost += 40;
    if (cost < bestCost) [best, bestCost] = [p, cost];
  }
  return best;
}

/** A column heading further up (table cells): the nearest text above that starts within the field's width. */
export function headingLabel(box: Box, phrases: Phrase[]): Phrase | undefined {
  return nearest(phrases, (p) => isWords(p) && bottom(p.box) <= box.y + 2 && box.y - bottom(p.box) <= 200 && p.box.x >= box.x - 4 && p.box.x < right(box), (p) => box.y - bottom(p.box));
}

/**
 * The option text of each checkbox: beside it on its line, on the side its row uses (options
 * printed after their boxes or before them: the side with the tighter gaps across the row), else
 * a column heading above (Yes / No questionnaires).
 */
export function optionLabels(boxes: Box[], phrases: Phrase[]): (Phrase | undefined)[] {
  const sameLine = (box: Box) => (p: Phrase) => Math.abs(centerY(p.box) - centerY(box)) <= Math.max(box.height * 0.6, 4);
  const rightOf = (box: Box) => nearest(phrases, (p) => sameLine(box)(p) && p.box.x >= right(box) - 1 && p.box.x - right(box) <= Math.max(14, box.width * 2), (p) => p.box.x - right(box));
  const leftOf = (box: Box) => nearest(phrases, (p) => sameLine(box)(p) && right(p.box) <= box.x + 1 && box.x - right(p.box) <= 14, (p) => box.x - right(p.box));
  // A heading sits just above the topmost box of its column (Yes / No questionnaires).
  const columnTop = (box: Box): Box => {
    let top = box;
    for (let up = boxes.find((b) => Math.abs(b.x - top.x) <= 2 && b.y < top.y && top.y - b.y <= 40); up; up = boxes.find((b) => Math.abs(b.x - top.x) <= 2 && b.y < top.y && top.y - b.y <= 40)) top = up;
    return top;
  };
  const heading = (box: Box) => {
    const top = columnTop(box);
    return nearest(phrases, (p) => bottom(p.box) <= top.y && top.y - bottom(p.box) <= 30 && overlap1d(p.box.x, right(p.box), box.x - 6, right(box) + 6) > 0 && p.text.length <= 20, (p) => top.y - bottom(p.box));
  };
  const gap = (box: Box, p: Phrase | undefined, side: "right" | "left") => (!p ? 50 : side === "right" ? p.box.x - right(box) : box.x - right(p.box));
  return boxes.map((box) => {
    const row = boxes.filter((b) => Math.abs(centerY(b) - centerY(box)) <= 3);
    const rightGaps = row.reduce((s, b) => s + gap(b, rightOf(b), "right"), 0);
    const leftGaps = row.reduce((s, b) => s + gap(b, leftOf(b), "left"), 0);
    const side = row.length > 1 && leftGaps < rightGaps ? [leftOf, rightOf] : [rightOf, leftOf];
    return side[0](box) ?? (row.length > 1 ? undefined : side[1](box)) ?? heading(box);
  });
}

/**
 * The question a group of checkboxes answers: the text left of the group's first box (and left of
 * its option text) on the same line, else the line just above the group.
 */
export function questionLabel(group: Box[], options: (Phrase | undefined)[], phrases: Phrase[]): Phrase | undefined {
  const first = group[0];
  const optionSet = new Set(options.filter(Boolean));
  const leftEdge = Math.min(first.x, ...options.filter(Boolean).map((o) => o!.box.x));
  const top = Math.min(...group.map((b) => b.y));
  return (
    nearest(phrases, (p) => !optionSet.has(p) && isWords(p) && right(p.box) <= leftEdge + 1 && Math.abs(centerY(p.box) - centerY(first)) <= Math.max(first.height * 0.7, 5), (p) => leftEdge - right(p.box)) ??
    nearest(phrases, (p) => !optionSet.has(p) && isWords(p) && bottom(p.box) <= top + 1 && top - bottom(p.box) <= 30 && p.box.x <= first.x + 24 && right(p.box) > first.x - 40, (p) => top - bottom(p.box))
  );
}

function nearest(phrases: Phrase[], accept: (p: Phrase) => boolean, distance: (p: Phrase) => number): Phrase | undefined {
  let best: Phrase | undefined;
  let bestDistance = Infinity;
  for (const p of phrases) {
    if (!accept(p)) continue;
    const d = distance(p);
    if (d < bestDistance) [best, bestDistance] = [p, d];
  }
  return best;
}

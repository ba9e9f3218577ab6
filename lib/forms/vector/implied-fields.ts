import { type Box, overlap1d } from "@/lib/pdf/geometry";
import type { DetectedField } from "../types";
import type { Phrase } from "./text";

/** Nothing printed or drawn this far right of a label on its line: the line is left for writing. */
const BLANK = 150;
/** Labels of one column follow each other at most this many label heights apart (top to top). */
const PITCH = 1.8;
/** Left (or right) edges of one column's labels agree to this (points). */
const ALIGN = 1.5;
/** The field starts this far right of the column's longest label. */
const GAP = 12;
/** A field's width in ems of the label's size: what pdfcpu and office forms give a name line (200 pt at 12 pt). */
const WIDTH_EM = 17;
const LABEL_END = /[:：]$/;
/** A box of the option text's size this far before the option text. */
const BOX_GAP = 4;
/** Options are short: a word or a few ("Google search", "non-binary"). */
const MAX_OPTION_WORDS = 3;

const verticalOverlap = (a: Box, b: Box) => overlap1d(a.y, a.y + a.height, b.y, b.y + b.height);

/** Where the next thing printed or drawn on the label's line starts (Infinity: nothing). */
function nextOnLine(label: Box, boxes: Box[]): number {
  const right = label.x + label.width;
  let next = Infinity;
  for (const b of boxes) if (b !== label && b.x + b.width > right && verticalOverlap(b, label) > 0.3 * label.height) next = Math.min(next, b.x);
  return next;
}

/** Something printed or drawn on the label's line within BLANK to its right. */
function lineTaken(label: Box, boxes: Box[]): boolean {
  const right = label.x + label.width;
  return boxes.some((b) => b !== label && b.x + b.width > right && b.x < right + BLANK && verticalOverlap(b, label) > 0.3 * label.height);
}

/** Labels joined into columns: aligned on one edge, each within PITCH heights of the next. */
function columns(labels: Phrase[]): Phrase[][] {
  const parent = labels.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  labels.forEach((a, i) =>
    labels.forEach((b, j) => {
      if (j <= i) return;
      const aligned = Math.abs(a.box.x - b.box.x) < ALIGN || Math.abs(a.box.x + a.box.width - b.box.x - b.box.width) < ALIGN;
      const near = Math.abs(a.box.y - b.box.y) < PITCH * Math.max(a.box.height, b.box.height);
      if (aligned && near) parent[find(j)] = find(i);
    }),
  );
  const groups = new Map<number, Phrase[]>();
  labels.forEach((l, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), l]));
  return [...groups.values()];
}

/**
 * Where a column's fields start: after its longest label, or where the boxes of an option row
 * among its labels start ("Gender:  [ ] female  [ ] male" under "Name:"): such forms put the
 * entry lines and the first box of a row on one vertical.
 */
function columnStart(column: Phrase[], rows: OptionRow[]): number {
  const longest = Math.max(...column.map((l) => l.box.x + l.box.width));
  const top = Math.min(...column.map((l) => l.box.y));
  const bottom = Math.max(...column.map((l) => l.box.y + l.box.height));
  const pitch = PITCH * column[0].box.height;
  const aligned = rows.find((r) => Math.abs(r.label.box.x - column[0].box.x) < ALIGN && r.label.box.y > top - pitch && r.label.box.y < bottom + pitch);
  const firstBox = aligned ? aligned.options[0].box.x - BOX_GAP - aligned.options[0].size : -Infinity;
  return firstBox > longest ? firstBox : longest + GAP;
}

/**
 * Fields a page implies without drawing them. Forms made by generators and word processors often
 * print only a column of labels ("First Name:", "Last Name:") and leave the line beside them
 * blank: the place to write was only ever the widget (pdfcpu's forms). A person preparing the form
 * puts a field after each such label; so does this, where two or more labels ending in a colon
 * stand in one column and nothing is printed or drawn (`taken`) on their lines for BLANK points.
 * A lone "Note:" or a heading ending in a colon before indented text is not a column and gets none.
 * The fields of a column start together (columnStart), one line of the label's size tall. On a
 * page with such fields the options of its questions stand alone too (impliedCheckboxes).
 */
export function impliedFields(page: number, phrases: Phrase[], taken: Box[], pageWidth: number): DetectedField[] {
  const blockers = [...phrases.map((p) => p.box), ...taken];
  const labels = phrases.filter((p) => LABEL_END.test(p.text.trim()) && !lineTaken(p.box, blockers));
  const rows = optionRows(phrases, taken);
  const out: DetectedField[] = [];
  for (const column of columns(labels)) {
    if (column.length < 2) continue;
    const start = columnStart(column, rows);
    for (const label of column) {
      const height = 1.2 * label.size + 2;
      const width = Math.min(WIDTH_EM * label.size, pageWidth - start, nextOnLine(label.box, blockers) - GAP - start);
      if (width < 2 * label.size) continue;
      const y = label.box.y + label.box.height / 2 - height / 2;
      out.push({ page, box: { x: start, y, width, height }, type: "text", score: 0.5, source: "vector", label: label.text.trim().replace(LABEL_END, "") });
    }
  }
  return out.length > 0 ? [...out, ...impliedCheckboxes(page, phrases, blockers, rows)] : out;
}

const isOption = (p: Phrase) => p.text.trim().split(/\s+/).length <= MAX_OPTION_WORDS;

function boxBefore(page: number, option: Phrase): DetectedField {
  const side = option.size;
  const y = option.box.y + option.box.height / 2 - side / 2;
  return { page, box: { x: option.box.x - BOX_GAP - side, y, width: side, height: side }, type: "checkbox", score: 0.5, source: "vector", label: option.text.trim() };
}

/** Nothing printed or drawn where the box before an option would go. */
const roomBefore = (option: Phrase, boxes: Box[]) => {
  const room = { x: option.box.x - BOX_GAP - option.size - 2, y: option.box.y, width: option.size + BOX_GAP + 1, height: option.box.height };
  return !boxes.some((b) => b !== option.box && b.x < room.x + room.width && b.x + b.width > room.x && verticalOverlap(b, room) > 0.3 * room.height);
};

type OptionRow = { label: Phrase; options: Phrase[] };

/** Rows of two or more short options after a label ending in a colon, spaced so a box fits before each. */
function optionRows(phrases: Phrase[], taken: Box[]): OptionRow[] {
  const rows: OptionRow[] = [];
  for (const label of phrases) {
    if (!LABEL_END.test(label.text.trim())) continue;
    const options = phrases
      .filter((p) => p.box.x >= label.box.x + label.box.width && verticalOverlap(p.box, label.box) > 0.5 * label.box.height)
      .sort((a, b) => a.box.x - b.box.x);
    if (options.length < 2 || !options.every(isOption)) continue;
    let previousEnd = label.box.x + label.box.width;
    const spaced = options.every((p) => {
      const ok = p.box.x - previousEnd >= p.size + 2 * BOX_GAP;
      previousEnd = p.box.x + p.box.width;
      return ok;
    });
    if (spaced && options.every((p) => roomBefore(p, taken))) rows.push({ label, options });
  }
  return rows;
}

/**
 * On a page whose labels stand alone, the options of a question stand alone too: the boxes to
 * tick were only widgets. Two kinds, as such forms print them: a row of short options after a
 * label ending in a colon ("Gender:  female   male"), spaced so a box fits before each (`rows`),
 * and a column of short options indented under a question ending in a colon. Each option gets a
 * box of its text size just before it.
 */
function impliedCheckboxes(page: number, phrases: Phrase[], blockers: Box[], rows: OptionRow[]): DetectedField[] {
  const chosen = new Set<Phrase>();
  for (const row of rows) row.options.forEach((p) => chosen.add(p));
  for (const question of phrases) {
    if (!LABEL_END.test(question.text.trim())) continue;
    const below = phrases
      .filter((p) => p.box.x >= question.box.x + p.size + BOX_GAP && p.box.y > question.box.y && p.box.x < question.box.x + question.box.width)
      .sort((a, b) => a.box.y - b.box.y);
    const first = below[0];
    if (!first || first.box.y - question.box.y > 2.5 * question.box.height) continue;
    const column = [first];
    for (const p of below.slice(1)) {
      const last = column[column.length - 1];
      if (Math.abs(p.box.x - first.box.x) < ALIGN && p.box.y - last.box.y < PITCH * last.box.height) column.push(p);
    }
    const leftClear = (p: Phrase) => !blockers.some((b) => b !== p.box && b.x + b.width > question.box.x && b.x < p.box.x && verticalOverlap(b, p.box) > 0.3 * p.box.height);
    // Labels of entry lines end in a colon; of options, only a closing "Other:" may.
    const options = column.slice(0, -1).every((p) => !LABEL_END.test(p.text.trim()));
    if (column.length >= 2 && options && column.every((p) => isOption(p) && leftClear(p))) column.forEach((p) => chosen.add(p));
  }
  return [...chosen].map((option) => boxBefore(page, option));
}

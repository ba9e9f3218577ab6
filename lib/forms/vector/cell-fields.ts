import { area, coverage, iou } from "@/lib/pdf/geometry";
import type { Box } from "../types";
import { type Candidate, endsInColon, isHeading, isMark, type PageContext, phrasesInside } from "./candidate";
import type { Phrase } from "./text";
import type { Cell } from "./cells";
import type { FillArea, Outline } from "@/lib/pdf/operators/content";

/** Anything enclosed that might be a field: line-work cells, curvy outlines, or light fills. */
export type Enclosure = { outer: Box; inner: Box; kind: "cell" | "outline" | "fill"; luminance: number; open?: true; dotted?: { left: boolean; right: boolean } };

const MULTILINE_HEIGHT = 30;
/** Comb cells further apart than this (points, outer edges) are drawn as separate squares. */
const SEPARATE_GAP = 0.5;
/**
 * One line of writing in a box. On the real-form dev set, 405 of 619 author fields in one-line
 * boxes 20-26 pt tall cover only the bottom 12-14 pt; 18 pt keeps IoU over 0.5 with both them and
 * the fields that fill the box.
 */
const ONE_LINE = 18;
/** Boxes up to this wide hold a number, not sentences. */
const NARROW_AMOUNT = 100;
/** Boxes up to this tall are one line of writing as they are. */
const ROOMY = 20;
/** Amount columns are narrow; answers wider than this may run over several lines. */
const MAX_AMOUNT_WIDTH = 150;
const CURRENCY = /^\s*[$€£¥₽]\s*$/;
/** A bracket alone: the parentheses printed around a telephone number's area code. */
const BRACKET = /^\s*[()]\s*$/;
/** Printed cents closing an amount box ("Whole dollars only": ". 00", ",00"), or the point alone. */
const CENTS = /^\s*[.,]?\s*(00)?\s*$/;

/** Room under a cell's caption (points) that still takes a line of writing (NY IT-201's 17 pt signature-block cells leave 7.5; 8 missed them, 6 took slivers). */
const WRITING_ROOM = 7;
/** Blank fills darker than this are shading, not a box to write in. */
const SHADED = 0.85;
/** Fills this light or lighter are paper white. */
const WHITE = 0.97;

export function enclosures(cells: Cell[], outlines: Outline[], fills: FillArea[]): Enclosure[] {
  const out: Enclosure[] = cells.map((c) => {
    const dotted = !c.top.dashed && (c.left.dashed || c.right.dashed) ? { dotted: { left: c.left.dashed === true, right: c.right.dashed === true } } : {};
    return { outer: c.outer, inner: c.inner, kind: "cell" as const, luminance: 1, ...(c.open ? { open: c.open } : {}), ...dotted };
  });
  for (const o of outlines) {
    const d = o.lineWidth / 2;
    out.push({ outer: o.box, inner: { x: o.box.x + d, y: o.box.y + d, width: o.box.width - 2 * d, height: o.box.height - 2 * d }, kind: "outline", luminance: o.filled ? o.luminance : 1 });
  }
  // Light tints a white box can show on (dark fills are bars and bullets).
  const tints = fills.filter((f) => f.luminance >= 0.55 && f.luminance < WHITE);
  for (const f of fills) {
    if (f.luminance < 0.55) continue;
    // A white fill shows only on a tint (the IRS's entry boxes on its blue-green page), and only
    // one line tall: taller white stretches are the tint left out behind blank lines.
    if (f.luminance >= WHITE && (f.box.height > ROOMY || !tints.some((t) => coverage(f.box, t.box) > 0.95 && area(t.box) > area(f.box) * 1.5))) continue;
    // A fill behind a stroked box is the same field.
    if (out.some((e) => iou(e.outer, f.box) > 0.8)) continue;
    out.push({ outer: f.box, inner: f.box, kind: "fill", luminance: f.luminance });
  }
  return out;
}

/**
 * Fields inside enclosures: comb rows, checkboxes, empty boxes and table cells, cells with a caption
 * in the top-left corner (the blank part below it). Enclosures holding text that fills them
 * (headers, notices, boxed headings) or holding other enclosures or symbols (frames, borders,
 * cells around a checkbox) are not fields.
 */
export function enclosureFields(ctx: PageContext, all: Enclosure[], blockers: Box[]): Candidate[] {
  const pageArea = ctx.size.width * ctx.size.height;
  const sized = joinGuided(ctx, all).filter((e) => e.inner.width >= 4 && e.inner.height >= 4 && area(e.outer) < pageArea * 0.5);
  const spans = sized.filter((e) => !spanning(e, sized));
  const usable = spans.filter((e) => !spans.some((box) => isDropButton(e, box)));
  const containers = new Set<Enclosure>();
  const tagged = new Map<Enclosure, Enclosure>();
  for (const e of usable) {
    const holds = (b: Box) => area(b) < area(e.outer) * 0.8 && coverage(b, e.inner) > 0.85;
    const held = usable.filter((o) => o !== e && holds(o.outer));
    const trimmed = held.length > 0 && !blockers.some(holds) ? besideTags(ctx, e, held) : null;
    if (trimmed) tagged.set(e, trimmed);
    else if (held.length > 0 || blockers.some(holds)) containers.add(e);
  }
  const headers = headerRows(ctx, usable);
  const unused = unusedRows(ctx, usable, containers);
  const open = usable.filter((e) => !containers.has(e) && !headers.has(e) && !unused.has(e));
  const out: Candidate[] = [];
  const used = new Set<Enclosure>();
  for (const group of combRows(ctx, open)) {
    group.forEach((e) => used.add(e));
    // Separate squares are separate fields: on the real-form dev set, authors who draw a square
    // per digit (NJ-1040) give each its own widget; a comb widget spans one box with dividers.
    if (standApart(group)) {
      for (const e of group) out.push({ box: e.inner, type: "text", construct: "comb-cell", score: 0.9 });
      continue;
    }
    const first = group[0].inner;
    const last = group[group.length - 1].inner;
    out.push({
      box: { x: first.x, y: Math.min(...group.map((g) => g.inner.y)), width: last.x + last.width - first.x, height: Math.max(...group.map((g) => g.inner.height)) },
      type: "text",
      construct: "comb",
      comb: group.length,
      score: 0.9,
    });
  }
  for (const e of open) {
    if (used.has(e)) continue;
    const c = enclosureField(ctx, tagged.get(e) ?? e);
    // A label-and-blank cell stands alone ("FILE NO." in a header); inside a table, text at a
    // cell's left is its content, unless a colon asks for what follows ("Email:" in NY IT-201's signature block).
    if (c && c.construct === "label-cell" && !endsInColon(c.label ?? "") && usable.some((o) => o !== e && o.kind === "cell" && touches(o.outer, e.outer))) continue;
    if (c) out.push(...splitAtCaptions(ctx, c));
  }
  return oneLineInColumn(out);
}

/**
 * The button of a drop-down list drawn into its box (USCIS's State lists): a shaded square set
 * against a drawn box's right side, as tall as the box. Not a checkbox, and no reason to take the
 * box for a frame around something. (A shaded cents column closes a table's open edge instead.)
 */
function isDropButton(button: Enclosure, box: Enclosure): boolean {
  if (button === box || button.kind !== "fill" || box.kind === "fill" || box.open) return false;
  const b = button.outer;
  const inner = box.inner;
  const near = (a: number, c: number) => Math.abs(a - c) <= 1.5;
  return near(b.x + b.width, inner.x + inner.width) && near(b.y, inner.y) && near(b.y + b.height, inner.y + inner.height) && b.width <= 20 && b.width <= inner.width * 0.5;
}

/**
 * Empty cells of one row split only by dotted dividers under a solid rule are one field, the
 * dividers guiding the parts of one value ("xxx | xx | xxxx" of a social security number in the
 * IRS 1040's dependents table). Dotted dividers between captioned cells still divide.
 */
const MAX_GUIDED_WIDTH = 150;

function joinGuided(ctx: PageContext, all: Enclosure[]): Enclosure[] {
  const parts = all.filter((e) => e.dotted && phrasesInside(ctx, e.inner, 0.4).length === 0);
  if (parts.length === 0) return all;
  const joined: Enclosure[] = [];
  const used = new Set<Enclosure>();
  const next = (e: Enclosure) =>
    parts.find((o) => !used.has(o) && o.dotted!.left && Math.abs(o.outer.x - (e.outer.x + e.outer.width)) <= 1 && Math.abs(o.outer.y - e.outer.y) <= 1 && Math.abs(o.outer.height - e.outer.height) <= 1);
  for (const start of [...parts].sort((a, b) => a.outer.x - b.outer.x)) {
    if (used.has(start) || start.dotted!.left) continue;
    const run = [start];
    for (let n = next(start); n && run[run.length - 1].dotted!.right; n = next(n)) run.push(n);
    const last = run[run.length - 1];
    if (run.length < 2 || last.dotted!.right || last.outer.x + last.outer.width - start.outer.x > MAX_GUIDED_WIDTH) continue;
    run.forEach((e) => used.add(e));
    const span = (a: Box, b: Box) => ({ x: a.x, y: a.y, width: b.x + b.width - a.x, height: a.height });
    joined.push({ ...start, outer: span(start.outer, last.outer), inner: span(start.inner, last.inner), dotted: undefined });
  }
  return [...all.filter((e) => !used.has(e)), ...joined];
}

/**
 * Line-number tags: small framed boxes printing a short number or letter ("1", "94", "12a"), set
 * against the left or right side of a larger cell (Arizona's Form 140 frames each line number in
 * the corner of the cell it numbers). They label the cell rather than make it a frame around
 * other fields: the cell stays an entry cell, less the tags' strip. Null when `held` are not all
 * such tags.
 */
const TAG_MAX = { width: 30, height: 18, chars: 4 };
/** How far a tag may stand in from the side of its cell (points). */
const TAG_INSET = 3.5;

function besideTags(ctx: PageContext, host: Enclosure, held: Enclosure[]): Enclosure | null {
  const { inner } = host;
  const right = inner.x + inner.width;
  let x0 = inner.x;
  let x1 = right;
  for (const t of held) {
    if (t.outer.width > TAG_MAX.width || t.outer.height > TAG_MAX.height || t.outer.height >= inner.height * 0.8) return null;
    const text = phrasesInside(ctx, t.inner, 0.4);
    if (text.length === 0 || text.map((p) => p.text.replace(/\s/g, "")).join("").length > TAG_MAX.chars) return null;
    if (Math.abs(t.outer.x - inner.x) <= TAG_INSET) x0 = Math.max(x0, t.outer.x + t.outer.width + 1);
    else if (Math.abs(t.outer.x + t.outer.width - right) <= TAG_INSET) x1 = Math.min(x1, t.outer.x - 1);
    else return null;
  }
  if (x1 - x0 < inner.width * 0.5) return null;
  const trim = (b: Box) => ({ ...b, x: Math.max(b.x, x0), width: Math.min(b.x + b.width, x1) - Math.max(b.x, x0) });
  return { ...host, inner: trim(inner), outer: trim(host.outer) };
}

/** Boxes of one column this far apart (points) or closer are stacked. */
const STACK_GAP = ONE_LINE;

/**
 * A box taller than the one-line boxes stacked above and below it in the same column (an amount
 * column where a line's description wraps, so its row is two or three lines tall) takes one line
 * of writing at its bottom, beside the description's last line: the height of its neighbours.
 * Only narrow columns: a wide box under one-line ones is a multiline answer ("Comments").
 */
function oneLineInColumn(fields: Candidate[]): Candidate[] {
  const boxes = fields.filter((c) => c.type === "text" && c.construct === "box");
  return fields.map((c) => {
    if (c.type !== "text" || c.construct !== "box" || c.box.width > MAX_AMOUNT_WIDTH) return c;
    const column = boxes.filter((o) => o !== c && Math.abs(o.box.x - c.box.x) <= 1.5 && Math.abs(o.box.width - c.box.width) <= 1.5 && o.box.height < c.box.height / 1.4);
    // Stacked: a neighbour in the column right above or below, not the same box shape elsewhere on the page.
    const gap = (o: Candidate) => Math.max(o.box.y - (c.box.y + c.box.height), c.box.y - (o.box.y + o.box.height));
    if (column.length < 2 || !column.some((o) => gap(o) <= STACK_GAP)) return c;
    const heights = column.map((o) => o.box.height).sort((a, b) => a - b);
    const line = heights[Math.floor(heights.length / 2)];
    if (c.box.height > line * 3 || line > MULTILINE_HEIGHT) return c;
    const { multiline: _, ...rest } = c;
    return { ...rest, box: { ...c.box, y: c.box.y + c.box.height - line, height: line } };
  });
}

function enclosureField(ctx: PageContext, e: Enclosure): Candidate | null {
  const { inner, outer } = e;
  // A currency sign printed in an amount box, or brackets for an area code, leave it empty for writing.
  const inside = phrasesInside(ctx, inner, 0.4).filter((p) => !CURRENCY.test(p.text) && !BRACKET.test(p.text));
  if (isCheckboxShape(outer) && inside.length === 0) {
    // A checkbox is drawn on all four sides; a small cell at a table's open edge is a margin.
    if ((e.kind === "fill" && e.luminance < 0.6) || e.open) return null;
    return { box: outer, type: "checkbox", construct: "checkbox", score: e.kind === "fill" ? 0.6 : 0.9 };
  }
  if (inner.width < 12 || inner.height < 7 || inner.width > ctx.size.width * 0.97) return null;
  // A narrow shaded strip (the band behind a column of line numbers) has no room to write in.
  if (e.kind === "fill" && inner.width < 20 && inner.height > inner.width * 2) return null;
  // Blank grey is shaded out ("do not write here" on tax forms); entry boxes are tinted lightly.
  if (e.kind === "fill" && e.luminance < SHADED && inside.length === 0) return null;
  const cents = centsAtEnd(inner, inside);
  if (cents !== undefined) {
    // The amount is written left of the printed cents; a sliver left over is not a field.
    const width = cents - 1 - inner.x;
    return width >= 12 ? { box: { x: inner.x, y: inner.y, width, height: inner.height }, type: "text", construct: "box", score: 0.85 } : null;
  }
  if (inside.length === 0) {
    // A narrow box two or three lines tall is an amount column's cell beside a description that
    // wraps: one line of writing at its foot, level with the description's last line.
    const amount = inner.width <= NARROW_AMOUNT && inner.height > MULTILINE_HEIGHT && inner.height <= 3 * ONE_LINE && describedAtFoot(ctx, inner);
    const multiline = inner.height > MULTILINE_HEIGHT && !amount;
    // One line of writing sits on the box's bottom: a one-line box with room to spare (a form's
    // roomy row) gets a field one line tall at its foot, the convention of most real forms' authors.
    const box = !multiline && e.kind !== "fill" && inner.height > ROOMY ? { ...inner, y: inner.y + inner.height - ONE_LINE, height: ONE_LINE } : inner;
    return { box, type: "text", construct: e.kind === "fill" ? "fill-box" : "box", multiline: multiline || undefined, score: e.kind === "fill" ? 0.7 : 0.9 };
  }
  // A caption in the top-left corner with room to write below it.
  const free = roomBelowCaption(ctx, inner, inside);
  if (free < WRITING_ROOM) return captionAtFoot(ctx, inner, inside) ?? labelBeforeField(ctx, e, inside);
  const box = { x: inner.x, y: inner.y + inner.height - free, width: inner.width, height: free };
  return { box, type: "text", construct: "caption-cell", multiline: free > MULTILINE_HEIGHT || undefined, score: 0.85, label: inside.map((p) => p.text).join(" ") };
}

/** Cells narrower than this (points) with text at the foot are a column's line numbers or amounts. */
const FOOT_CAPTION_MIN_WIDTH = 60;
/** Room above a caption at a cell's foot (points) that takes a line of writing. */
const FOOT_ROOM = 8;

/**
 * A cell with one line of caption at its foot and the room to write above it ("Number; Street;
 * Apartment (if any)" under a blank strip in one cell, the EOIR's address tables): the room above.
 */
function captionAtFoot(ctx: PageContext, inner: Box, inside: Phrase[]): Candidate | null {
  const first = inside[0];
  // A line number or an amount set low in a narrow cell is the cell's content, not a caption.
  if (inner.width < FOOT_CAPTION_MIN_WIDTH || !/[a-z]{3}/i.test(inside.map((p) => p.text).join(" "))) return null;
  if (inside.some((p) => Math.abs(p.base - first.base) > 1 || p.box.y < inner.y + inner.height * 0.4 || p.size > ctx.text.bodySize * 1.25 || p.bold)) return null;
  const free = Math.min(...inside.map((p) => p.box.y)) - 1 - inner.y;
  // Centred under the room, as captions under a line are.
  const left = Math.min(...inside.map((p) => p.box.x));
  const right = Math.max(...inside.map((p) => p.box.x + p.box.width));
  if (free < FOOT_ROOM || Math.abs((left + right) / 2 - (inner.x + inner.width / 2)) > inner.width * 0.05 || right - left > inner.width * 0.8) return null;
  return { box: { x: inner.x, y: inner.y, width: inner.width, height: free }, type: "text", construct: "caption-cell", multiline: free > MULTILINE_HEIGHT || undefined, score: 0.8, label: inside.map((p) => p.text).join(" ") };
}

/**
 * One cell captioned with several labels along its top ("City, Town or Post Office   State   ZIP
 * Code" over one blank strip) holds a field per label: each from its label's left edge to the next
 * label's. Labels set this far apart are separate; words of one caption are closer.
 */
const LABEL_GAP = 18;
const MIN_PART = 20;

function splitAtCaptions(ctx: PageContext, c: Candidate): Candidate[] {
  if (c.construct !== "caption-cell" || c.multiline) return [c];
  const above = ctx.text.phrases.filter((p) => p.box.y + p.box.height <= c.box.y + 1.5 && p.box.y + p.box.height >= c.box.y - 14 && xShare(p.box, c.box) > 0.6);
  // The line right above the blank: sub-labels ("FIRST  MIDDLE  LAST") under a heading.
  const base = Math.max(...above.map((p) => p.base));
  const captions = above.filter((p) => Math.abs(p.base - base) <= 2).sort((a, b) => a.box.x - b.box.x);
  if (captions.length < 2) return [c];
  const groups: Phrase[][] = [[captions[0]]];
  for (const p of captions.slice(1)) {
    const last = groups[groups.length - 1].at(-1)!;
    if (p.box.x - (last.box.x + last.box.width) < LABEL_GAP) groups[groups.length - 1].push(p);
    else groups.push([p]);
  }
  if (groups.length < 2) return [c];
  const starts = groups.map((g, i) => (i === 0 ? c.box.x : g[0].box.x));
  const ends = [...starts.slice(1).map((x) => x - 2), c.box.x + c.box.width];
  if (starts.some((x, i) => ends[i] - x < MIN_PART)) return [c];
  return groups.map((g, i) => ({ ...c, box: { ...c.box, x: starts[i], width: ends[i] - starts[i] }, label: g.map((p) => p.text).join(" ") }));
}

/** The share of `a`'s width that lies within `b`'s horizontal extent. */
function xShare(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) / Math.max(a.width, 1e-9);
}

/** Printed text left of the box on the line of its foot: the last line of the row's description. */
function describedAtFoot(ctx: PageContext, box: Box): boolean {
  const bottom = box.y + box.height;
  return ctx.text.phrases.some((p) => p.box.x + p.box.width <= box.x + 1 && box.x - (p.box.x + p.box.width) <= 300 && p.base <= bottom && p.base >= bottom - ONE_LINE && !isMark(p));
}

/**
 * A cell whose text is a caption in its top half with a line's room to write below it: an entry
 * cell (a W-2's "16 State wages, tips, etc."), even over a blank row that makes it look like a
 * table's header. On the dev set 11-13 pt of room all found 39 more fields; 8 pt also took 38
 * header cells.
 */
const CAPTION_ROOM = 12;

function captionWithRoom(ctx: PageContext, e: Enclosure): boolean {
  const inside = phrasesInside(ctx, e.inner, 0.4);
  return inside.length > 0 && roomBelowCaption(ctx, e.inner, inside) >= CAPTION_ROOM;
}

/**
 * The height left below `inside` when it is a caption (body-size, not bold, all in the top half
 * of `inner`); 0 when it is not one.
 */
function roomBelowCaption(ctx: PageContext, inner: Box, inside: Phrase[]): number {
  // Captions are set small and plain, or end in a colon whatever their type ("Case Number:" in bold over a court form's header cell).
  const plain = (p: Phrase) => (p.size <= ctx.text.bodySize * 1.1 && !p.bold) || (endsInColon(p.text) && p.size <= ctx.text.bodySize * 1.5);
  const captionLike = inside.every((p) => p.box.y < inner.y + inner.height * 0.5 && plain(p));
  if (!captionLike) return 0;
  const textBottom = Math.max(...inside.map((p) => p.box.y + p.box.height));
  return inner.y + inner.height - (textBottom + 1);
}

/**
 * Where printed cents start in an amount box whose only text is the cents at its right end
 * (". 00" in whole-dollar boxes of tax forms); undefined for any other box.
 */
function centsAtEnd(inner: Box, inside: Phrase[]): number | undefined {
  if (inside.length === 0 || inner.height > MULTILINE_HEIGHT || !inside.some((p) => /0{2}/.test(p.text))) return undefined;
  const right = inner.x + inner.width;
  if (inside.some((p) => !CENTS.test(p.text) || p.box.x < inner.x + inner.width * 0.5)) return undefined;
  if (Math.max(...inside.map((p) => p.box.x + p.box.width)) < right - 6) return undefined;
  return Math.min(...inside.map((p) => p.box.x));
}

/**
 * A one-line framed box with its label inside on the left ("FILE NO. [       ]" in a form's
 * header): the blank part right of the label is the field. Text right of the blank, or a label
 * that fills most of the box, and it is a cell of text instead.
 */
function labelBeforeField(ctx: PageContext, e: Enclosure, inside: Phrase[]): Candidate | null {
  const { inner } = e;
  // Header boxes are small; a bar across the page with a title in it is a section heading.
  if (e.kind !== "cell" || inner.height > 26 || inner.height < 10 || inner.width > ctx.size.width * 0.5) return null;
  const first = inside[0];
  if (inside.some((p) => Math.abs(p.base - first.base) > 2 || p.size > ctx.text.bodySize * 1.3 || isMark(p))) return null;
  const labelLeft = Math.min(...inside.map((p) => p.box.x));
  const labelRight = Math.max(...inside.map((p) => p.box.x + p.box.width));
  const label = inside.map((p) => p.text).join(" ");
  if (labelLeft - inner.x > 12 || label.length > 40 || inside.length > 2 || isHeading(label)) return null;
  // A label reads like one ("FILE NO.", "Case number:", "Date"); a printed value (an address, a
  // city) in a box is content.
  if (!/[:.#]\s*$|\b(no|number|date|id|ref|reference|code|file|case)\b/i.test(label)) return null;
  const x = labelRight + 3;
  const width = inner.x + inner.width - x;
  if (width < Math.max(36, inner.width * 0.35)) return null;
  return { box: { x, y: inner.y, width, height: inner.height }, type: "text", construct: "label-cell", score: 0.8, label };
}

/** Two boxes sharing (part of) an edge. */
function touches(a: Box, b: Box): boolean {
  const near = (u: number, v: number) => Math.abs(u - v) <= 1.5;
  const xOverlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1;
  const yOverlap = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;
  return (yOverlap && (near(a.x + a.width, b.x) || near(b.x + b.width, a.x))) || (xOverlap && (near(a.y + a.height, b.y) || near(b.y + b.height, a.y)));
}

/** Boxes this low are too low for a character: a little wider than tall, they are still checkboxes (New York's 14.5 x 10 Yes / No boxes). */
const LOW_BOX = 11;

export function isCheckboxShape(b: Box): boolean {
  const ratio = b.width / b.height;
  return b.width >= 4.5 && b.height >= 4.5 && b.width <= 22 && b.height <= 22 && ratio >= 0.7 && ratio <= (b.height <= LOW_BOX ? 1.6 : 1.4);
}

/**
 * Rows of two or more small empty boxes of equal width that touch each other, or stand apart by
 * an even sliver: one character per box (comb). Equal boxes stacked in a grid are a table instead.
 */
function combRows(ctx: PageContext, open: Enclosure[]): Enclosure[][] {
  const small = open
    .filter((e) => e.kind === "cell" && e.outer.width <= 26 && e.outer.height <= 34 && e.outer.height >= 6 && e.outer.width <= e.outer.height * 1.6)
    .filter((e) => phrasesInside(ctx, e.inner, 0.4).length === 0)
    .sort((a, b) => a.outer.y - b.outer.y || a.outer.x - b.outer.x);
  const groups: Enclosure[][] = [];
  for (const e of small) {
    const group = groups.find((g) => {
      const last = g[g.length - 1];
      const gap = e.outer.x - (last.outer.x + last.outer.width);
      // Cells touch, or stand apart by a sliver, the same sliver all along the row.
      const firstGap = g.length >= 2 ? g[1].outer.x - (g[0].outer.x + g[0].outer.width) : gap;
      return (
        Math.abs(last.outer.y - e.outer.y) <= 1 &&
        Math.abs(last.outer.height - e.outer.height) <= 1 &&
        gap >= -1.5 &&
        gap <= Math.max(1.5, 0.35 * last.outer.width) &&
        Math.abs(gap - firstGap) <= 1 &&
        Math.abs(last.outer.width - e.outer.width) <= Math.max(1, 0.2 * last.outer.width)
      );
    });
    if (group) group.push(e);
    else groups.push([e]);
  }
  return groups.filter((g) => g.length >= 2 && !stackedGrid(g, small));
}

/**
 * A cell read across the sliver between two separate squares (from one square's right edge to the
 * next one's): it almost holds a slightly smaller drawn cell, offset by the sliver.
 */
function spanning(e: Enclosure, all: Enclosure[]): boolean {
  if (e.kind !== "cell") return false;
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.6;
  const sharedEdges = (o: Box) =>
    [near(o.x, e.outer.x), near(o.y, e.outer.y), near(o.x + o.width, e.outer.x + e.outer.width), near(o.y + o.height, e.outer.y + e.outer.height)].filter(Boolean).length;
  return all.some((o) => o !== e && o.kind === "cell" && area(o.outer) < area(e.outer) && area(o.outer) >= 0.6 * area(e.outer) && sharedEdges(o.outer) === 3);
}

/** Cells drawn as separate squares with a gap between them (not one box with dividers). */
function standApart(group: Enclosure[]): boolean {
  for (let i = 1; i < group.length; i++) if (group[i].outer.x - (group[i - 1].outer.x + group[i - 1].outer.width) < SEPARATE_GAP) return false;
  return true;
}

function stackedGrid(group: Enclosure[], all: Enclosure[]): boolean {
  const aligned = (e: Enclosure, dy: number) =>
    all.some((o) => Math.abs(o.outer.x - e.outer.x) <= 1 && Math.abs(o.outer.width - e.outer.width) <= 1 && Math.abs(o.outer.y - (e.outer.y + dy)) <= 1.5);
  const h = group[0].outer.height;
  return group.filter((e) => aligned(e, h) || aligned(e, -h)).length >= 2;
}

/**
 * The blank cells at the foot of a column whose cells above print its content (a list of names,
 * a column of checkboxes): rows the list did not need, not rows to fill in. Entry columns start
 * blank under one or two heading cells, so a column counts as printed after UNUSED_AFTER cells.
 */
const UNUSED_AFTER = 3;

function unusedRows(ctx: PageContext, all: Enclosure[], containers: Set<Enclosure>): Set<Enclosure> {
  const printed = (c: Enclosure) => containers.has(c) || phrasesInside(ctx, c.inner, 0.4).length > 0;
  // Columns: cells of the same left edge and width, top to bottom.
  const columns: Enclosure[][] = [];
  for (const cell of all.filter((e) => e.kind === "cell").sort((a, b) => a.outer.y - b.outer.y)) {
    const column = columns.find((c) => Math.abs(c[0].outer.x - cell.outer.x) <= 1.5 && Math.abs(c[0].outer.width - cell.outer.width) <= 1.5);
    if (column) column.push(cell);
    else columns.push([cell]);
  }
  const out = new Set<Enclosure>();
  for (const column of columns) {
    // The printed cells directly above the current run of blank ones, in one unbroken stack.
    let run = 0;
    let blank = false;
    column.forEach((cell, i) => {
      const prev = column[i - 1];
      if (!prev || Math.abs(prev.outer.y + prev.outer.height - cell.outer.y) > 1.5) [run, blank] = [0, false];
      if (printed(cell)) {
        run = blank ? 1 : run + 1;
        blank = false;
      } else {
        blank = true;
        if (run >= UNUSED_AFTER) out.add(cell);
      }
    });
  }
  return out;
}

/**
 * Cells of table header rows: a row with text in a column whose cells below are empty (entry
 * columns). Its empty cells (over a row-number or checkbox column) are not for entry either.
 * Label-and-entry grids ("Name | ____") keep their labels in the same column on every row, so
 * they never qualify.
 */
function headerRows(ctx: PageContext, all: Enclosure[]): Set<Enclosure> {
  const cells = all.filter((e) => e.kind === "cell");
  const hasText = new Map(cells.map((c) => [c, phrasesInside(ctx, c.inner, 0.4).length > 0]));
  const rowOf = (y: number, h?: number) => cells.filter((c) => Math.abs(c.outer.y - y) <= 1.5 && (h === undefined || Math.abs(c.outer.height - h) <= 1.5));
  const out = new Set<Enclosure>();
  for (const cell of cells) {
    if (!hasText.get(cell) || out.has(cell) || captionWithRoom(ctx, cell)) continue;
    const below = rowOf(cell.outer.y + cell.outer.height).filter((b) => Math.abs(b.outer.x - cell.outer.x) <= 1.5 && Math.abs(b.outer.width - cell.outer.width) <= 1.5);
    if (below.length === 0 || below.some((b) => hasText.get(b))) continue;
    for (const sibling of rowOf(cell.outer.y, cell.outer.height)) out.add(sibling);
  }
  return out;
}

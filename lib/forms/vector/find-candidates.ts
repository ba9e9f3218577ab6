import { coverage, iou } from "@/lib/pdf/geometry";
import type { Box, PageSize } from "../types";
import type { Candidate, PageContext } from "./candidate";
import { enclosureFields, enclosures } from "./cell-fields";
import { findCells, mergeSegments, openTableEdges } from "./cells";
import type { PageContent, Segment } from "@/lib/pdf/operators/content";
import { joinDashes } from "@/lib/pdf/operators/dashes";
import { underlineFields } from "./line-fields";
import { digitRules, ruledTables, tickCombs } from "./rule-grids";
import { underscoreFields } from "./typed-lines";
import { buildTextModel, type TextModel } from "./text";

export type VectorResult = { candidates: Candidate[]; text: TextModel };

/** A candidate this much covered by an image inside it frames the image. */
const PICTURE_SHARE = 0.5;

/**
 * Field candidates from a page's vector content: boxes, table cells, combs, checkboxes (drawn or
 * typed as symbols), rules with labels and underscore runs, each with a construct-specific score.
 */
export function findCandidates(content: PageContent, size: PageSize): VectorResult {
  const text = buildTextModel(content.glyphs, content.segments);
  const ctx: PageContext = { size, text };
  // Dashed and dotted rules drawn piece by piece count as the lines they draw.
  const segments = mergeSegments([...content.segments, ...joinDashes(content.segments, content.marks)]);
  const hs = segments.filter((s) => s.o === "h");
  const vs = segments.filter((s) => s.o === "v");
  const ticks = tickCombs(hs, vs, text.phrases);
  const unticked = segments.filter((s) => !ticks.used.has(s));
  const cells = findCells([...unticked, ...openTableEdges(hs, vs)]);
  const cellEdges = new Set<Segment>(cells.flatMap((c) => [c.top, c.bottom]));
  const blockers: Box[] = [...text.symbols, ...text.underscores.map((u) => u.box)];
  const boxed = enclosureFields(ctx, enclosures(cells, content.outlines, content.fills), blockers);
  // The straight runs of a rounded panel's outline (the 1040's "Attach Sch. B" notes) are its edges, not rules to write on.
  const panelEdge = (s: Segment) =>
    content.outlines.some((o) => (Math.abs(s.at - o.box.y) <= 1.5 || Math.abs(s.at - o.box.y - o.box.height) <= 1.5) && s.from >= o.box.x - 1.5 && s.to <= o.box.x + o.box.width + 1.5);
  const free = hs.filter((s) => !ticks.used.has(s) && !cellEdges.has(s) && !panelEdge(s));
  const symbols: Candidate[] = text.symbols.map((b) => ({ box: symbolBox(b), type: "checkbox", construct: "checkbox-glyph", score: 0.9 }));
  const checkboxes = [...boxed, ...symbols].filter((c) => c.type === "checkbox").map((c) => c.box);
  const tables = ruledTables(ctx, free, checkboxes);
  const underscores = underscoreFields(ctx, [...ticks.fields, ...boxed, ...tables.fields], hs);
  const digits = digitRules(ctx, free, [...ticks.fields, ...boxed, ...symbols, ...tables.fields, ...underscores]);
  const found = [...ticks.fields, ...boxed, ...symbols, ...tables.fields, ...underscores, ...digits];
  const lines = underlineFields(ctx, free.filter((s) => !tables.used.has(s)), found);
  // A frame around a picture (a photo, a logo) is not a place to write; a page-wide background image is no picture.
  const framed = (c: Candidate) => content.images.some((image) => coverage(image, c.box) > 0.8 && coverage(c.box, image) > PICTURE_SHARE);
  const all = [...found, ...lines].filter((c) => !framed(c));
  // A band holding two or more fields (a zebra stripe behind a table row) is not one itself.
  const office = officeUseLabels(text);
  const fields = all.filter((c) => all.filter((o) => o !== c && coverage(o.box, c.box) > 0.8).length < 2 && !office.some((label) => besideLabel(label, c.box)) && !OFFICE_USE.test(c.label ?? ""));
  return { candidates: dedupe(fields), text };
}

/**
 * Labels of a strip the agency fills in: "Division use", "For office use only", "For USCIS Use
 * Only"; a field so labelled is the agency's. ("Paid Preparer Use Only" is the filer's side.)
 */
const OFFICE_USE = /\b(division|office|official|department|agency|staff|revenue|uscis|ssa|irs|court|clerk'?s?)\s+use\b|\bfor\s+office\b/i;
/** An office-use label may be set in a narrow column, a word or two a line ("For / USCIS / Use / Only"). */
const LABEL_LINES = 4;

/**
 * Office-use labels (New Jersey's "Division use" by the row of boxes at the foot of the NJ-1040):
 * the boxes on their line, right of them, are the agency's. A label may be set on two lines
 * ("Division" over "use"); the two lines make one label box.
 */
function officeUseLabels(text: TextModel): Box[] {
  const out: Box[] = [];
  for (const p of text.phrases) {
    if (OFFICE_USE.test(p.text)) {
      out.push(p.box);
      continue;
    }
    if (p.text.length > 20) continue;
    let words = p.text;
    let last = p;
    for (let n = 1; n < LABEL_LINES; n++) {
      const prev = last;
      const under = text.phrases.find(
        (o) => o !== prev && o.text.length <= 20 && Math.abs(o.box.x + o.box.width / 2 - (p.box.x + p.box.width / 2)) <= 10 && o.box.y - (prev.box.y + prev.box.height) >= -3 && o.box.y - (prev.box.y + prev.box.height) <= prev.size,
      );
      if (!under) break;
      words += ` ${under.text}`;
      last = under;
      if (OFFICE_USE.test(words)) {
        out.push({ ...p.box, height: last.box.y + last.box.height - p.box.y });
        break;
      }
    }
  }
  return out;
}

/** Whether `box` sits on the label's line (its middle within the label's band), right of it and no further than OFFICE_REACH. */
const OFFICE_REACH = 500;
const besideLabel = (label: Box, box: Box) => {
  const mid = box.y + box.height / 2;
  return box.x >= label.x + label.width && box.x - (label.x + label.width) <= OFFICE_REACH && mid >= label.y - 4 && mid <= label.y + label.height + 4;
};

/**
 * The square of a box symbol inside its glyph cell (advance width x font height): symbol fonts
 * draw the box about 0.69 em wide, just right of the origin, sitting on the baseline. The page
 * stage refines it from the rendered ink where it can.
 */
export function symbolBox(glyph: Box): Box {
  const em = glyph.height / 0.77;
  const side = Math.min(0.69 * em, glyph.width);
  return { x: glyph.x + 0.034 * em, y: glyph.y + glyph.height - 0.02 * em - side, width: side, height: side };
}

/** Keeps the first of overlapping candidates (the list is in order of trust), and no text field over a checkbox. */
function dedupe(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (c.box.width <= 0 || c.box.height <= 0) continue;
    if (!clashes(kept, c)) kept.push(c);
  }
  return kept;
}

/** Whether `c` is a duplicate of a kept candidate, or a text field over a kept checkbox (or the reverse). */
export function clashes(kept: Candidate[], c: Candidate): boolean {
  return kept.some(
    (k) =>
      iou(k.box, c.box) > 0.4 ||
      (k.type === "checkbox" && c.type !== "checkbox" && coverage(k.box, c.box) > 0.6) ||
      (c.type === "checkbox" && k.type !== "checkbox" && coverage(c.box, k.box) > 0.6),
  );
}

import type { Box } from "../types";
import type { Glyph, Segment } from "@/lib/pdf/operators/content";

/**
 * A run of words on one baseline with no wide gap inside: a label, a heading line, a cell's text.
 * `pale`: every glyph printed in a light colour (see Glyph).
 */
export type Phrase = { text: string; box: Box; base: number; size: number; bold: boolean; pale?: true };

/** Three or more underscores (or two standing as a word, or six or more dots) in a row: a typed fill-in line. */
export type UnderscoreRun = { box: Box; base: number; size: number; count: number; dots?: true };

export type TextModel = {
  phrases: Phrase[];
  underscores: UnderscoreRun[];
  /** Box-like symbols (☐, ❏ ...) with their glyph boxes; filled squares (■) too where open boxes of their size are on the page. */
  symbols: Box[];
  /** Other glyphs of pictorial symbol fonts: boxes only the rendered ink can tell from bullets. */
  dingbats: Box[];
  /** The most common text size on the page (by characters), the "body" size. */
  bodySize: number;
};

/**
 * Groups glyphs into lines by baseline and lines into phrases at gaps wider than about a space
 * and a half, pulling out underscore runs and box symbols, which are field evidence rather than text.
 * A vertical rule between two glyphs ends a phrase too: the captions of neighbouring cells set
 * close together ("16 State wages | 17 State income tax") are two labels, not one.
 */
export function buildTextModel(glyphs: Glyph[], rules: Segment[] = []): TextModel {
  const divides = dividers(rules);
  const parted = captionBreaks(rules);
  const phrases: Phrase[] = [];
  const underscores: UnderscoreRun[] = [];
  const symbols: Box[] = [];
  const filledSymbols: Box[] = [];
  const dingbats: Box[] = [];
  for (const line of groupLines(glyphs)) {
    let run: Glyph[] = [];
    const flush = () => {
      if (run.length > 0) phrases.push(toPhrase(run));
      run = [];
    };
    for (let i = 0; i < line.length; i++) {
      const g = line[i];
      if (g.box) {
        flush();
        (g.filled ? filledSymbols : symbols).push(boxOf([g]));
        continue;
      }
      if (g.dingbat) {
        flush();
        dingbats.push(boxOf([g]));
        continue;
      }
      const slots = g.c === "_" ? spacedSlots(line, i) : null;
      if (slots) {
        flush();
        underscores.push({ box: boxOf(line.slice(i, slots.end + 1).filter((o) => o.c === "_")), base: g.base, size: g.size, count: slots.count });
        i = slots.end;
        continue;
      }
      if (g.c === "_") {
        let j = i;
        while (j + 1 < line.length && line[j + 1].c === "_" && line[j + 1].x0 - line[j].x1 < g.size * 0.3) j++;
        // Three or more in a row, or two standing as a word of their own ("page __ of").
        if (j - i + 1 >= 3 || (j === i + 1 && standsAlone(line, i, j))) {
          flush();
          const us = line.slice(i, j + 1);
          underscores.push({ box: boxOf(us), base: g.base, size: g.size, count: us.length });
          i = j;
          continue;
        }
      }
      if (isDot(g.c)) {
        // Dots set close together ("Name ..............") are a typed fill-in line too; spaced
        // leaders (". . . .") lead the eye to a box further on and are left to be text.
        let j = i;
        let dots = dotCount(g.c);
        while (j + 1 < line.length && isDot(line[j + 1].c) && line[j + 1].x0 - line[j].x1 < g.size * 0.15) dots += dotCount(line[++j].c);
        if (dots >= MIN_DOTS) {
          flush();
          underscores.push({ box: boxOf(line.slice(i, j + 1)), base: g.base, size: g.size, count: dots, dots: true });
          i = j;
          continue;
        }
      }
      const prev = run[run.length - 1];
      // A wide gap, a jump in size (a logo's letters beside a title, a big "X" after a label) or
      // from pale to dark print (a grey "MM DD" hint beside a printed "2024") ends a phrase.
      if (prev && (g.x0 - prev.x1 > Math.max(prev.size, g.size) * 0.9 || (g.x0 - prev.x1 > Math.max(prev.size, g.size) * CAPTION_GAP && hangsUnder(prev, g, underscores)) || Math.abs(g.size - prev.size) > Math.min(g.size, prev.size) * 0.15 || !prev.pale !== !g.pale || divides(prev, g) || parted(prev, g))) flush();
      run.push(g);
    }
    flush();
  }
  // A filled square is a checked box only among open ones of its size; alone it is a bullet.
  for (const f of filledSymbols) if (symbols.some((o) => Math.abs(o.height - f.height) <= o.height * 0.25)) symbols.push(f);
  return { phrases, underscores, symbols, dingbats, bodySize: bodySize(phrases) };
}

/** Captions set under a typed fill-in line are told apart by a narrower gap (ems) than other text: "State   ZIP Code". */
const CAPTION_GAP = 0.6;

/** Whether two neighbouring glyphs hang right under one typed underscore run: a caption's place. */
function hangsUnder(a: Glyph, b: Glyph, underscores: UnderscoreRun[]): boolean {
  const top = Math.min(a.top, b.top);
  return underscores.some((u) => top >= u.base + u.size * 0.13 - 3 && top <= u.base + u.size * 0.13 + 6 && u.box.x <= a.x0 && u.box.x + u.box.width >= b.x1);
}

/** Whether glyphs i..j stand as a word of their own: a space (or the line's edge) before and after ("page __ of"). */
function standsAlone(line: Glyph[], i: number, j: number): boolean {
  const gap = (a: Glyph, b: Glyph) => b.x0 - a.x1 > Math.min(a.size, b.size) * 0.12;
  return (i === 0 || gap(line[i - 1], line[i])) && (j === line.length - 1 || gap(line[j], line[j + 1]));
}

/** Digit slots in a row that make a fill-in line: fewer are a blank or two in a sentence ("page __ of"). */
const SLOTS = 4;

/**
 * Digit slots typed as one or two underscores each, a space apart, in groups ("__ __ __  __ __
 * __ __ __ __" for a social security number on the US Courts' bankruptcy forms): one fill-in line
 * from the first slot to the last.
 */
function spacedSlots(line: Glyph[], start: number): { end: number; count: number } | null {
  let count = 0;
  let end = -1;
  let i = start;
  while (i < line.length && line[i].c === "_") {
    let j = i;
    while (j + 1 < line.length && line[j + 1].c === "_" && line[j + 1].x0 - line[j].x1 < line[j].size * 0.12) j++;
    if (j - i + 1 > 2) return null;
    count++;
    end = j;
    let k = j + 1;
    while (k < line.length && line[k].c === " ") k++;
    if (k >= line.length || line[k].c !== "_") break;
    const gap = line[k].x0 - line[j].x1;
    if (gap < line[j].size * 0.12 || gap > line[j].size * 1.5) break;
    i = k;
  }
  return count >= SLOTS ? { end, count } : null;
}

/**
 * Whether the space between two neighbouring glyphs lies under the gap between two rules of one
 * line, with the glyphs hanging right under them: the captions of two fill-in lines set a space
 * apart ("(Telephone Number with Area Code) (E-mail Address)" under two rules) are two captions.
 */
function captionBreaks(rules: Segment[]): (a: Glyph, b: Glyph) => boolean {
  // Rules long enough to write on: dashes of a dashed rule leave gaps too, but are short.
  const hs = rules.filter((r) => r.o === "h" && r.to - r.from >= 20).sort((a, b) => a.at - b.at);
  const gaps: { at: number; from: number; to: number }[] = [];
  for (const [i, a] of hs.entries()) {
    // The next rule to the right on the same line (rules of one line may differ a little in height).
    let next: Segment | undefined;
    for (let j = i + 1; j < hs.length && hs[j].at - a.at <= 1; j++) if (hs[j].from > a.to && (!next || hs[j].from < next.from)) next = hs[j];
    for (let j = i - 1; j >= 0 && a.at - hs[j].at <= 1; j--) if (hs[j].from > a.to && (!next || hs[j].from < next.from)) next = hs[j];
    if (next && next.from - a.to >= 1 && next.from - a.to <= 20) gaps.push({ at: a.at, from: a.to, to: next.from });
  }
  if (gaps.length === 0) return () => false;
  return (a, b) => {
    const top = Math.min(a.top, b.top);
    // Only at a word space: a caption set off-centre may run its letters across the gap.
    if (b.x0 - a.x1 < Math.min(a.size, b.size) * 0.12) return false;
    return gaps.some((gap) => top >= gap.at - 3 && top <= gap.at + 6 && a.x1 <= gap.to && b.x0 >= gap.from);
  };
}

/** Whether a vertical rule runs between two neighbouring glyphs, across their baseline. */
function dividers(rules: Segment[]): (a: Glyph, b: Glyph) => boolean {
  const verticals = rules.filter((r) => r.o === "v").sort((a, b) => a.at - b.at);
  return (a, b) => {
    const x0 = a.x1 - 0.5;
    const x1 = b.x0 + 0.5;
    if (x1 <= x0) return false;
    // First rule at or right of x0 (binary search), then those up to x1.
    let lo = 0;
    let hi = verticals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (verticals[mid].at < x0) lo = mid + 1;
      else hi = mid;
    }
    const top = Math.min(a.top, b.top);
    const bottom = Math.max(a.base, b.base);
    for (let i = lo; i < verticals.length && verticals[i].at <= x1; i++) {
      if (verticals[i].from <= top + 1 && verticals[i].to >= bottom - 1) return true;
    }
    return false;
  };
}

/** Fewer dots in a row are an ellipsis or an abbreviation, not a line to write on. */
const MIN_DOTS = 6;
/** A period, or an ellipsis (NFKC makes it "..."). */
const isDot = (c: string) => /^(\.+|\u2026)$/.test(c);
const dotCount = (c: string) => (c === "\u2026" ? 3 : c.length);

function groupLines(glyphs: Glyph[]): Glyph[][] {
  const sorted = [...glyphs].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const lines: { base: number; size: number; glyphs: Glyph[] }[] = [];
  for (const g of sorted) {
    // Baselines of one line differ by rounding only; superscripts rise by a third of an em.
    const line = lines.length > 0 ? lines[lines.length - 1] : undefined;
    if (line && Math.abs(g.base - line.base) <= Math.min(line.size, g.size) * 0.2) line.glyphs.push(g);
    else lines.push({ base: g.base, size: g.size, glyphs: [g] });
  }
  return lines.map((l) => l.glyphs.sort((a, b) => a.x0 - b.x0));
}

function toPhrase(glyphs: Glyph[]): Phrase {
  let text = "";
  let bold = 0;
  glyphs.forEach((g, i) => {
    if (i > 0 && g.x0 - glyphs[i - 1].x1 > g.size * 0.12) text += " ";
    text += g.c;
    if (g.bold) bold++;
  });
  const size = glyphs.reduce((s, g) => s + g.size, 0) / glyphs.length;
  const phrase: Phrase = { text: text.trim(), box: boxOf(glyphs), base: glyphs[0].base, size, bold: bold * 2 > glyphs.length };
  if (glyphs.every((g) => g.pale)) phrase.pale = true;
  return phrase;
}

function boxOf(glyphs: Glyph[]): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const g of glyphs) {
    x0 = Math.min(x0, g.x0);
    y0 = Math.min(y0, g.top);
    x1 = Math.max(x1, g.x1);
    y1 = Math.max(y1, g.bottom);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function bodySize(phrases: Phrase[]): number {
  const counts = new Map<number, number>();
  for (const p of phrases) {
    const key = Math.round(p.size * 2) / 2;
    counts.set(key, (counts.get(key) ?? 0) + p.text.length);
  }
  let best = 10;
  let bestCount = 0;
  for (const [size, count] of counts) if (count > bestCount) [best, bestCount] = [size, count];
  return best;
}

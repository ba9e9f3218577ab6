import type { Box } from "@/lib/pdf/geometry";

/**
 * What the operator-list walk keeps of a page, in page points (top-left origin, y down, the page's
 * rotation applied): straight axis-aligned strokes, filled areas, closed curvy outlines, glyphs and
 * images. Everything else (curves in drawings, clipping, shading) matters neither to finding form fields nor to
 * table rules. Shared by lib/forms (fields) and lib/documents (tables).
 */

/**
 * A horizontal (`h`: y = at, x from `from` to `to`) or vertical (`v`: x = at) line, `width` thick;
 * `dashed` when stroked with a dash pattern or joined from drawn dashes or dots.
 */
export type Segment = { o: "h" | "v"; at: number; from: number; to: number; width: number; dashed?: true };

/** A filled rectangle; `luminance` 0 (black) to 1 (white); white ones show only on a tinted background. */
export type FillArea = { box: Box; luminance: number };

/** A closed outline that is a rectangle with rounded corners, or a circle/ellipse (radio-style boxes). */
export type Outline = { box: Box; lineWidth: number; filled: boolean; luminance: number };

export type Glyph = {
  /** The character, NFKC-normalised; "" when the font has no Unicode mapping for it. */
  c: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** The baseline's y. */
  base: number;
  /** Font size on the page, in points. */
  size: number;
  bold: boolean;
  /** A box-like symbol (☐, ❏, a Wingdings box ...): a checkbox drawn with a font. */
  box?: true;
  /** A filled square (■): with `box`, a checked box or a bullet, depending on its neighbours. */
  filled?: true;
  /**
   * A glyph of a pictorial symbol font (Webdings, Wingdings, ZapfDingbats) that is none of the box
   * codes known: a bullet, an arrow, or a box drawn at a code no table lists. Not text.
   */
  dingbat?: true;
  /** Drawn with text rendering mode 3 (OCR layers of scans): readable, but not ink. */
  invisible?: true;
  /** Filled in a light colour (light grey, pink): a hint such as "MM/DD/YYYY" in a box, or a tinted caption. */
  pale?: true;
};

export type PageContent = {
  segments: Segment[];
  fills: FillArea[];
  /**
   * Dots: painted marks at most 3 points across (a zero-length stroke with a round cap, a tiny
   * filled square or circle). Rows of them are dotted rules; alone they are nothing.
   */
  marks: Box[];
  outlines: Outline[];
  glyphs: Glyph[];
  images: Box[];
};

export const emptyContent = (): PageContent => ({ segments: [], fills: [], marks: [], outlines: [], glyphs: [], images: [] });

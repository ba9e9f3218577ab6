import { apply, type Matrix } from "@/lib/pdf/geometry";
import type { Glyph } from "./content";

export type FontInfo = { name: string; fontMatrix: Matrix; ascent: number; descent: number; vertical: boolean };

/** Unicode box characters forms use as checkboxes (☐ ☑ ☒ □ ▢ ◻ ◽ ⬜ ❏ ❐ ❑ ❒ and radio circles ○ ◯). */
const BOX_CHARS = new Set([0x2610, 0x2611, 0x2612, 0x25a1, 0x25a2, 0x25fb, 0x25fd, 0x2b1c, 0x274f, 0x2750, 0x2751, 0x2752, 0x25cb, 0x25ef, 0x274d]);

/** Box glyphs of symbol fonts, by character code: these fonts carry no Unicode meaning. */
const SYMBOL_BOXES: [RegExp, Set<number>][] = [
  [/zapfdingbats|dingbats/i, new Set([0x6d, 0x6f, 0x70, 0x71, 0x72])],
  [/wingdings-?2|wingdings2/i, new Set([0xa3, 0x52, 0x54])],
  [/wingdings/i, new Set([0x6f, 0x71, 0x72, 0xa8, 0xfd, 0xfe])],
];

/** Filled squares (■, Wingdings and ZapfDingbats 'n'): a checked box beside open ones, or a bullet. */
const FILLED_CHARS = new Set([0x25a0, 0x25fc, 0x2b1b]);
/** Filled squares of the same symbol-font families, in SYMBOL_BOXES's order. */
const SYMBOL_FILLED: Set<number>[] = [new Set([0x6e]), new Set(), new Set([0x6e])];

/** Pictorial symbol fonts: their glyphs are pictures, whatever Unicode a subset maps them to. */
const PICTORIAL = /dings/i;

export function isBoxSymbol(font: FontInfo, code: number | undefined, unicode: string): boolean {
  return symbolKind(font, code, unicode) !== undefined;
}

/** "open" for a box character, "filled" for a filled square, undefined for anything else. */
export function symbolKind(font: FontInfo, code: number | undefined, unicode: string): "open" | "filled" | undefined {
  const cp = unicode.codePointAt(0);
  if ([...unicode].length === 1 && cp !== undefined) {
    if (BOX_CHARS.has(cp)) return "open";
    if (FILLED_CHARS.has(cp)) return "filled";
  }
  // Word maps symbol fonts into the Private Use Area (U+F000 + code).
  const symbolCode = cp !== undefined && cp >= 0xf000 && cp <= 0xf0ff ? cp - 0xf000 : code;
  if (symbolCode === undefined) return undefined;
  const family = SYMBOL_BOXES.findIndex(([pattern]) => pattern.test(font.name));
  if (family < 0) return undefined;
  if (SYMBOL_BOXES[family][1].has(symbolCode)) return "open";
  return SYMBOL_FILLED[family].has(symbolCode) ? "filled" : undefined;
}

const BOLD = /bold|black|heavy|semibold|demi/i;

/**
 * The page box of one glyph that spans text-space x from `x0` to `x1` on a baseline at `y`,
 * mapped by `m` (text matrix x CTM x viewport). Only upright glyphs are kept: rotated text is
 * never a field label and rarely near one.
 */
export function glyphBox(m: Matrix, font: FontInfo, x0: number, x1: number, y: number, size: number, unicode: string, code?: number): Glyph | null {
  const kind = symbolKind(font, code, unicode);
  const box = kind !== undefined;
  const dingbat = !box && PICTORIAL.test(font.name) && unicode.trim() !== "";
  // Box symbols sit on the baseline and are about as tall as they are wide.
  const top = box || dingbat ? 0.75 : font.ascent;
  const bottomEm = box || dingbat ? -0.02 : font.descent;
  const [ax, ay] = apply(m, x0, y + bottomEm * size);
  const [bx, by] = apply(m, x1, y + top * size);
  const [, baseY] = apply(m, x0, y);
  // Upright in page space: x grows with text x, y shrinks as text y grows (page y points down).
  if (Math.abs(m[1]) > 1e-6 * Math.abs(m[0]) || Math.abs(m[2]) > 1e-6 * Math.abs(m[3]) || m[0] <= 0 || m[3] >= 0) return null;
  const scale = Math.abs(m[3]);
  const glyph: Glyph = {
    c: box ? "☐" : unicode,
    x0: Math.min(ax, bx),
    x1: Math.max(ax, bx),
    top: Math.min(ay, by),
    bottom: Math.max(ay, by),
    base: baseY,
    size: size * scale,
    bold: BOLD.test(font.name),
  };
  if (box) glyph.box = true;
  if (kind === "filled") glyph.filled = true;
  if (dingbat) glyph.dingbat = true;
  return glyph;
}

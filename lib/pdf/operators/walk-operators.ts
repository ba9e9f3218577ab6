import { apply, IDENTITY, type Matrix, multiply } from "@/lib/pdf/geometry";
import type { PdfJs } from "@/lib/pdf/pdfjs";
import { emptyContent, type PageContent } from "./content";
import { addPath } from "./paths";
import { glyphBox, isBoxSymbol, type FontInfo } from "./glyphs";

type OperatorList = { fnArray: number[]; argsArray: unknown[] };
type FontStore = { has(id: string): boolean; get(id: string): unknown };

type TextState = {
  font: FontInfo;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  mode: number;
  matrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
};

/**
 * `stroke`/`fill`: colour luminance; `strokeAlpha`/`fillAlpha`: the ExtGState's CA/ca; `opacity`:
 * the alpha of the transparency groups drawn into (pdf.js composites a group at the alpha in
 * force where it begins and starts it at 1 inside).
 */
type State = { ctm: Matrix; lineWidth: number; dashed: boolean; stroke: number; fill: number; strokeAlpha: number; fillAlpha: number; opacity: number; text: TextState };

const DEFAULT_FONT: FontInfo = { name: "", fontMatrix: [0.001, 0, 0, 0.001, 0, 0], ascent: 0.8, descent: -0.2, vertical: false };

/**
 * Replays a pdf.js operator list the way its canvas renderer does (graphics state stack, form
 * XObjects, text state and glyph advances) but records geometry instead of painting it.
 * `viewport` maps PDF user space to page points (pdf.js `page.getViewport({ scale: 1 }).transform`).
 */
export function walkOperators(pdfjs: PdfJs, list: OperatorList, fonts: FontStore, viewport: Matrix): PageContent {
  const OPS = pdfjs.OPS;
  const out = emptyContent();
  const stack: State[] = [];
  let s: State = {
    ctm: viewport,
    lineWidth: 1,
    dashed: false,
    stroke: 0,
    fill: 0,
    strokeAlpha: 1,
    fillAlpha: 1,
    opacity: 1,
    text: { font: DEFAULT_FONT, size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0, mode: 0, matrix: IDENTITY, x: 0, y: 0, lineX: 0, lineY: 0 },
  };
  const fontCache = new Map<string, FontInfo>();
  const push = () => stack.push({ ...s, text: { ...s.text } });
  const pop = () => {
    s = stack.pop() ?? s;
  };
  const moveText = (x: number, y: number) => {
    s.text.x = s.text.lineX += x;
    s.text.y = s.text.lineY += y;
  };

  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as never[] | null;
    switch (fn) {
      case OPS.save:
        push();
        break;
      case OPS.restore:
        pop();
        break;
      case OPS.transform:
        s.ctm = multiply(args as unknown as number[], s.ctm);
        break;
      case OPS.paintFormXObjectBegin:
        push();
        if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) s.ctm = multiply(Array.from(args![0] as number[]), s.ctm);
        break;
      case OPS.paintFormXObjectEnd:
        pop();
        break;
      case OPS.beginGroup:
        push();
        s.opacity *= s.fillAlpha;
        s.strokeAlpha = s.fillAlpha = 1;
        break;
      case OPS.endGroup:
        pop();
        break;
      case OPS.setLineWidth:
        s.lineWidth = Number(args![0]);
        break;
      case OPS.setDash:
        s.dashed = isDash(args?.[0]);
        break;
      case OPS.setGState:
        // An ExtGState may carry the line width ("LW") and dash pattern ("D") among its entries.
        for (const [key, value] of (args?.[0] as unknown as [string, unknown][] | undefined) ?? []) {
          if (key === "LW") s.lineWidth = Number(value);
          if (key === "D" && Array.isArray(value)) s.dashed = isDash(value[0]);
          if (key === "CA") s.strokeAlpha = Number(value);
          if (key === "ca") s.fillAlpha = Number(value);
        }
        break;
      case OPS.setStrokeRGBColor:
        s.stroke = luminance(args![0]);
        break;
      case OPS.setFillRGBColor:
        s.fill = luminance(args![0]);
        break;
      case OPS.setStrokeTransparent:
        s.stroke = 1;
        break;
      case OPS.setFillTransparent:
        s.fill = 1;
        break;
      case OPS.constructPath:
        addPath(out, OPS, args![0] as number, args![1]?.[0] as ArrayLike<number> | null, s.ctm, { lineWidth: s.lineWidth, dashed: s.dashed }, s.stroke, s.fill);
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintSolidColorImageMask: {
        const pts = [apply(s.ctm, 0, 0), apply(s.ctm, 1, 0), apply(s.ctm, 0, 1), apply(s.ctm, 1, 1)];
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        out.images.push({ x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) });
        break;
      }
      case OPS.beginText:
        s.text.matrix = IDENTITY;
        s.text.x = s.text.lineX = s.text.y = s.text.lineY = 0;
        break;
      case OPS.setFont: {
        const id = String(args![0]);
        let font = fontCache.get(id);
        if (!font) {
          font = readFont(fonts, id);
          fontCache.set(id, font);
        }
        s.text.font = font;
        s.text.size = Number(args![1]);
        break;
      }
      case OPS.setTextMatrix:
        s.text.matrix = Array.from(args![0] as ArrayLike<number>) as Matrix;
        s.text.x = s.text.lineX = s.text.y = s.text.lineY = 0;
        break;
      case OPS.moveText:
        moveText(Number(args![0]), Number(args![1]));
        break;
      case OPS.setLeadingMoveText:
        s.text.leading = Number(args![1]);
        moveText(Number(args![0]), Number(args![1]));
        break;
      case OPS.nextLine:
        moveText(0, s.text.leading);
        break;
      case OPS.setLeading:
        s.text.leading = -Number(args![0]);
        break;
      case OPS.setCharSpacing:
        s.text.charSpacing = Number(args![0]);
        break;
      case OPS.setWordSpacing:
        s.text.wordSpacing = Number(args![0]);
        break;
      case OPS.setHScale:
        s.text.hScale = Number(args![0]) / 100;
        break;
      case OPS.setTextRise:
        s.text.rise = Number(args![0]);
        break;
      case OPS.setTextRenderingMode:
        s.text.mode = Number(args![0]);
        break;
      case OPS.nextLineSetSpacingShowText:
        s.text.wordSpacing = Number(args![0]);
        s.text.charSpacing = Number(args![1]);
        moveText(0, s.text.leading);
        showText(out, s, args![2] as unknown as GlyphArg[]);
        break;
      case OPS.nextLineShowText:
        moveText(0, s.text.leading);
        showText(out, s, args![0] as unknown as GlyphArg[]);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        showText(out, s, args![0] as unknown as GlyphArg[]);
        break;
    }
  }
  return out;
}

type GlyphArg = number | { unicode?: string; width?: number; isSpace?: boolean; originalCharCode?: number } | null;

/** Advances the text position over `glyphs` as pdf.js's CanvasGraphics.showText does, recording each glyph's box. */
function showText(out: PageContent, s: State, glyphs: GlyphArg[]): void {
  const t = s.text;
  const font = t.font;
  if (!Array.isArray(glyphs) || t.size === 0 || font.vertical) return;
  const direction = t.size < 0 ? -1 : 1;
  const size = Math.abs(t.size);
  const advanceScale = size * font.fontMatrix[0];
  const hScale = t.hScale * direction;
  // Text space -> page: text matrix, then the CTM (which already ends in the viewport transform).
  const m = multiply(t.matrix, s.ctm);
  let x = 0;
  for (const glyph of glyphs) {
    if (glyph === null || glyph === undefined) continue;
    if (typeof glyph === "number") {
      x -= (glyph * size) / 1000;
      continue;
    }
    const width = (glyph.width ?? 0) * advanceScale;
    const spacing = (glyph.isSpace ? t.wordSpacing : 0) + t.charSpacing;
    const gx0 = t.x + x * hScale;
    const gx1 = t.x + (x + width) * hScale;
    const unicode = (glyph.unicode ?? "").normalize("NFKC");
    if (!glyph.isSpace && unicode.trim() !== "" || isBoxSymbol(font, glyph.originalCharCode, unicode)) {
      const g = glyphBox(m, font, gx0, gx1, t.y + t.rise, size, unicode, glyph.originalCharCode);
      if (g) {
        if (t.mode === 3 || t.mode === 7) g.invisible = true;
        if (paleInk(s, t.mode)) g.pale = true;
        out.glyphs.push(g);
      }
    }
    x += width + spacing * direction;
  }
  t.x += x * hScale;
}

function readFont(fonts: FontStore, id: string): FontInfo {
  if (!fonts.has(id)) return DEFAULT_FONT;
  const f = fonts.get(id) as Partial<{ name: string; fontMatrix: number[]; ascent: number; descent: number; vertical: boolean; bbox: number[] }>;
  const ascent = Number.isFinite(f.ascent) && f.ascent! > 0 ? f.ascent! : 0.8;
  const descent = Number.isFinite(f.descent) && f.descent! < 0 ? f.descent! : -0.2;
  return {
    name: f.name ?? "",
    fontMatrix: (f.fontMatrix as Matrix | undefined) ?? DEFAULT_FONT.fontMatrix,
    ascent: Math.min(ascent, 1.2),
    descent: Math.max(descent, -0.5),
    vertical: !!f.vertical,
  };
}

/** Text this light (luminance) reads as a hint or a tint, not as black print. */
const PALE = 0.5;

/**
 * Whether text prints light on white paper: its colour (stroked text, modes 1 and 5, shows the
 * stroke) faded by its alpha. White text (on a dark bar) is not pale print.
 */
function paleInk(s: State, mode: number): boolean {
  const stroked = mode === 1 || mode === 5;
  const colour = stroked ? s.stroke : s.fill;
  const alpha = s.opacity * (stroked ? s.strokeAlpha : s.fillAlpha);
  return colour < 1 && 1 - alpha * (1 - colour) >= PALE;
}

/** pdf.js hands colours over as "#rrggbb" (or a pattern object, taken as dark). */
function luminance(color: unknown): number {
  if (typeof color !== "string" || !/^#[0-9a-f]{6}$/i.test(color)) return 0;
  const n = parseInt(color.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  // Pale tints (a light yellow field fill) are bright but visible: only true white counts as 1.
  if (r >= 248 && g >= 248 && b >= 248) return 1;
  return Math.min(0.96, (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255);
}

/** A dash array with some length in it (an empty one, or all zeros, strokes a solid line). */
function isDash(array: unknown): boolean {
  return (Array.isArray(array) || ArrayBuffer.isView(array)) && Array.from(array as ArrayLike<number>).some((v) => Number(v) > 0);
}

import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  LineCapStyle,
  moveText,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFontAndSize,
  showText,
  StandardFonts,
} from "pdf-lib";
import { openPdf } from "@/lib/pdf/pdfjs";
import type { Box } from "./geometry";

/**
 * Test helper: draws on a pdf-lib page in top-left coordinates (the pipeline's orientation), so
 * hand-built fixtures read like the boxes the tests expect.
 */
export class TestPage {
  private readonly symbolFonts = new Set<string>();

  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    readonly dingbats: PDFFont,
  ) {}

  get height() {
    return this.page.getHeight();
  }

  text(text: string, x: number, baseline: number, size = 10, font = this.font): this {
    this.page.drawText(text, { x, y: this.height - baseline, size, font });
    return this;
  }

  /** Text printed faint: red at `opacity` (an ExtGState's ca), the way forms print hints such as "MM/DD/YYYY". */
  hint(text: string, x: number, baseline: number, size = 10, opacity = 0.5): this {
    this.page.drawText(text, { x, y: this.height - baseline, size, font: this.font, color: rgb(1, 0, 0), opacity });
    return this;
  }

  /** A stroked line; `dash` sets a dash pattern (the `d` operator), `round` round caps (dots from zero-length dashes). */
  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.75, opts: { dash?: number[]; round?: boolean } = {}): this {
    this.page.drawLine({
      start: { x: x1, y: this.height - y1 },
      end: { x: x2, y: this.height - y2 },
      thickness,
      color: rgb(0, 0, 0),
      dashArray: opts.dash,
      lineCap: opts.round ? LineCapStyle.Round : undefined,
    });
    return this;
  }

  rect(b: Box, opts: { border?: number; fill?: [number, number, number]; dash?: number[] } = { border: 0.75 }): this {
    this.page.drawRectangle({
      x: b.x,
      y: this.height - b.y - b.height,
      width: b.width,
      height: b.height,
      borderWidth: opts.border ?? 0,
      borderColor: opts.border ? rgb(0, 0, 0) : undefined,
      borderDashArray: opts.dash,
      color: opts.fill ? rgb(...opts.fill) : undefined,
    });
    return this;
  }

  /**
   * A line drawn the way some generators draw dotted and dashed rules: every piece its own path,
   * `dash` points long (0: a dot, as a tiny filled square `width` across) every `pitch` points.
   */
  pieces(x1: number, y1: number, x2: number, y2: number, dash: number, pitch: number, width = 0.75): this {
    const length = Math.hypot(x2 - x1, y2 - y1);
    const [ux, uy] = [(x2 - x1) / length, (y2 - y1) / length];
    for (let d = 0; d + Math.max(dash, 0) <= length + 0.01; d += pitch) {
      const [x, y] = [x1 + ux * d, y1 + uy * d];
      if (dash === 0) this.rect({ x: x - width / 2, y: y - width / 2, width, height: width }, { fill: [0, 0, 0] });
      else this.line(x, y, x + ux * dash, y + uy * dash, width);
    }
    return this;
  }

  /** A stroked rectangle with round corners of radius `r` (a side panel's outline). */
  rounded(b: Box, r: number): this {
    const { width: w, height: h } = b;
    const path = `M ${r} 0 L ${w - r} 0 Q ${w} 0 ${w} ${r} L ${w} ${h - r} Q ${w} ${h} ${w - r} ${h} L ${r} ${h} Q 0 ${h} 0 ${h - r} L 0 ${r} Q 0 0 ${r} 0 Z`;
    this.page.drawSvgPath(path, { x: b.x, y: this.height - b.y, borderWidth: 0.75, borderColor: rgb(0, 0, 0) });
    return this;
  }

  circle(cx: number, cy: number, r: number): this {
    this.page.drawCircle({ x: cx, y: this.height - cy, size: r, borderWidth: 0.75, borderColor: rgb(0, 0, 0) });
    return this;
  }

  /**
   * One character code shown in a simple font named `baseFont` that is not embedded (Wingdings,
   * Symbol ...): what Word leaves when a form's boxes are typed in a symbol font.
   */
  glyph(baseFont: string, code: number, x: number, baseline: number, size = 10): this {
    const key = `F_${baseFont.replace(/[^A-Za-z0-9]/g, "")}`;
    if (!this.symbolFonts.has(key)) {
      this.symbolFonts.add(key);
      const ref = this.page.doc.context.register(
        this.page.doc.context.obj({ Type: "Font", Subtype: "TrueType", BaseFont: baseFont, FirstChar: 32, LastChar: 255, Widths: new Array(224).fill(880) }),
      );
      this.page.node.setFontDictionary(PDFName.of(key), ref);
    }
    const hex = code.toString(16).padStart(2, "0");
    this.page.pushOperators(beginText(), setFontAndSize(key, size), moveText(x, this.height - baseline), showText(PDFHexString.of(hex)), endText());
    return this;
  }

  /** A mid-grey image (one sample, stretched) over `b`: a photo or a logo. */
  image(b: Box): this {
    const ref = this.page.doc.context.register(
      this.page.doc.context.stream(new Uint8Array([128]), { Type: "XObject", Subtype: "Image", Width: 1, Height: 1, ColorSpace: "DeviceGray", BitsPerComponent: 8 }),
    );
    const key = this.page.node.newXObject("Im", ref);
    this.page.pushOperators(pushGraphicsState(), concatTransformationMatrix(b.width, 0, 0, b.height, b.x, this.height - b.y - b.height), drawObject(key), popGraphicsState());
    return this;
  }

  width(text: string, size = 10, font = this.font): number {
    return font.widthOfTextAtSize(text, size);
  }
}

/** Builds a PDF page by page with the helper above; letter size unless told. */
export async function buildPdf(
  draw: (page: TestPage, index: number) => void,
  opts: { pages?: number; size?: [number, number] } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const dingbats = await doc.embedFont(StandardFonts.ZapfDingbats);
  for (let i = 0; i < (opts.pages ?? 1); i++) {
    draw(new TestPage(doc.addPage(opts.size ?? [612, 792]), font, bold, dingbats), i);
  }
  return doc.save();
}

/** Opens a PDF's page with pdf.js for a test; close with `doc.destroy()`. */
export async function openTestPage(pdf: Uint8Array, index = 0) {
  const doc = await openPdf(pdf.slice());
  return { doc, page: await doc.getPage(index + 1) };
}

import { type Color, type PDFFont, type PDFPage, LineCapStyle, rgb } from "pdf-lib";
import type { Box, FieldType, PageSize, TruthField } from "../types";

/**
 * One generated page with top-left coordinates (the orientation of TruthField boxes): drawing calls
 * convert to pdf-lib's bottom-left user space, and `field` records ground truth.
 */
export class Sheet {
  constructor(
    private readonly page: PDFPage,
    readonly index: number,
    readonly size: PageSize,
    private readonly truth: TruthField[],
  ) {}

  /** Draws text with its baseline at `baseline` (distance from the top of the page). */
  text(text: string, x: number, baseline: number, font: PDFFont, size: number, color: Color = rgb(0, 0, 0)): void {
    if (!text) return;
    this.page.drawText(text, { x, y: this.size.height - baseline, font, size, color });
  }

  line(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    opts: { width?: number; color?: Color; dash?: number[] } = {},
  ): void {
    this.page.drawLine({
      start: { x: x1, y: this.size.height - y1 },
      end: { x: x2, y: this.size.height - y2 },
      thickness: opts.width ?? 0.75,
      color: opts.color ?? rgb(0, 0, 0),
      dashArray: opts.dash,
      lineCap: opts.dash ? LineCapStyle.Butt : undefined,
    });
  }

  rect(box: Box, opts: { border?: Color; borderWidth?: number; fill?: Color; dash?: number[] } = {}): void {
    this.page.drawRectangle({
      x: box.x,
      y: this.size.height - box.y - box.height,
      width: box.width,
      height: box.height,
      color: opts.fill,
      borderColor: opts.border,
      borderWidth: opts.border ? (opts.borderWidth ?? 0.75) : 0,
      borderDashArray: opts.dash,
    });
  }

  /** An SVG path (y down) placed with its origin at (x, y). */
  path(d: string, x: number, y: number, opts: { border?: Color; borderWidth?: number; fill?: Color } = {}): void {
    this.page.drawSvgPath(d, {
      x,
      y: this.size.height - y,
      borderColor: opts.border,
      borderWidth: opts.border ? (opts.borderWidth ?? 0.75) : undefined,
      color: opts.fill,
    });
  }

  circle(cx: number, cy: number, r: number, opts: { border?: Color; borderWidth?: number } = {}): void {
    this.page.drawCircle({
      x: cx,
      y: this.size.height - cy,
      size: r,
      borderColor: opts.border ?? rgb(0, 0, 0),
      borderWidth: opts.borderWidth ?? 0.75,
    });
  }

  field(type: FieldType, box: Box, extra: Omit<TruthField, "page" | "box" | "type"> = {}): void {
    const rounded = {
      x: round2(box.x),
      y: round2(box.y),
      width: round2(box.width),
      height: round2(box.height),
    };
    this.truth.push({ page: this.index, box: rounded, type, ...extra });
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Height of the fillable area above an underline: one text line at the label's size. */
export function lineFieldHeight(fontSize: number): number {
  return Math.min(22, Math.max(12, fontSize * 1.6));
}

/** Height of the signing area above a signature line. */
export function signatureFieldHeight(fontSize: number): number {
  return Math.min(30, Math.max(18, fontSize * 2.2));
}

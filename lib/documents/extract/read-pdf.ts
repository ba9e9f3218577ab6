import { loadPdfJs, type PdfDocument, type PdfJs } from "@/lib/pdf/pdfjs";
import { walkOperators } from "@/lib/pdf/operators/walk-operators";
import { invert, multiply, transformBox, type Matrix } from "@/lib/pdf/geometry";
import type { PageInput } from "./types";

export type ReadPage = PageInput & {
  images: number;
  /**
   * Set when the page was read turned a quarter: maps the reading frame's points to the page as it
   * is displayed (its /Rotate applied), where previews draw table boxes.
   */
  toPage?: Matrix;
  /** The displayed page's size, which differs from width/height when the page was read turned. */
  pageWidth: number;
  pageHeight: number;
};

/**
 * One page's rules, glyphs and image count (pdf.js operator list walked by lib/pdf/operators).
 * Rotation and crop box are applied by the viewport, so coordinates are upright page points.
 */
export async function readPage(pdfjs: PdfJs, doc: PdfDocument, n: number): Promise<ReadPage> {
  const page = await doc.getPage(n);
  try {
    const list = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    const walk = (extra: number) => {
      const viewport = page.getViewport({ scale: 1, rotation: (page.rotate + extra) % 360 });
      return { viewport, content: walkOperators(pdfjs, list, page.commonObjs, Array.from(viewport.transform) as Matrix) };
    };
    let best = walk(0);
    // Only upright glyphs are read. A page whose text is drawn turned a quarter (a landscape table
    // on a portrait page, without /Rotate) is read in the orientation where most of it is upright.
    const shows = list.fnArray.filter((f) => f === pdfjs.OPS.showText || f === pdfjs.OPS.showSpacedText).length;
    if (best.content.glyphs.length < 20 && shows >= 20) {
      for (const extra of [90, 270]) {
        const turned = walk(extra);
        if (turned.content.glyphs.length > best.content.glyphs.length * 2) best = turned;
      }
    }
    const { viewport, content } = best;
    const shown = page.getViewport({ scale: 1, rotation: page.rotate });
    const toPage = turnedToShown(viewport.transform, shown.transform);
    return {
      width: viewport.width,
      height: viewport.height,
      pageWidth: shown.width,
      pageHeight: shown.height,
      ...(toPage ? { toPage } : {}),
      segments: content.segments,
      glyphs: content.glyphs,
      images: content.images.length,
    };
  } finally {
    page.cleanup();
  }
}

/** Reading frame -> user space -> displayed frame; undefined when the two frames are the same. */
function turnedToShown(turned: readonly number[], shown: readonly number[]): Matrix | undefined {
  const m = multiply(invert(turned), shown);
  const same = m.every((v, i) => Math.abs(v - [1, 0, 0, 1, 0, 0][i]) < 1e-6);
  return same ? undefined : m;
}

/** A table box read on a turned page, in the displayed page's frame. */
export function toShownRect<R extends { x0: number; y0: number; x1: number; y1: number }>(rect: R, toPage: Matrix | undefined): R {
  if (!toPage) return rect;
  const b = transformBox(toPage, rect.x0, rect.y0, rect.x1, rect.y1);
  return { ...rect, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
}

/**
 * Reads each page with pdf.js, one page at a time (only the current page's operator list is
 * held), and hands it to `visit`.
 */
export async function forEachPage(bytes: Uint8Array, visit: (page: ReadPage, pageNumber: number, pageCount: number) => Promise<void> | void, pages?: Set<number>): Promise<number> {
  const pdfjs = await loadPdfJs();
  const { openPdf } = await import("@/lib/pdf/pdfjs");
  const doc = await openPdf(new Uint8Array(bytes));
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      if (pages && !pages.has(n)) continue;
      await visit(await readPage(pdfjs, doc, n), n, doc.numPages);
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

import { loadPdfJs, type PdfDocument, type PdfJs } from "@/lib/pdf/pdfjs";
import { walkOperators } from "@/lib/pdf/operators/walk-operators";
import type { Matrix } from "@/lib/pdf/geometry";
import type { PageInput } from "./types";

export type ReadPage = PageInput & { images: number };

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
    return { width: viewport.width, height: viewport.height, segments: content.segments, glyphs: content.glyphs, images: content.images.length };
  } finally {
    page.cleanup();
  }
}

/**
 * Reads each page with pdf.js, one page at a time (only the current page's operator list is
 * held), and hands it to `visit`.
 */
export async function forEachPage(bytes: Uint8Array, visit: (page: PageInput, pageNumber: number, pageCount: number) => Promise<void> | void, pages?: Set<number>): Promise<number> {
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

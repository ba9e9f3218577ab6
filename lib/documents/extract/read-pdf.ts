import { loadPdfJs, openPdf } from "@/lib/pdf/pdfjs";
import { walkOperators } from "@/lib/pdf/operators/walk-operators";
import type { Matrix } from "@/lib/pdf/geometry";
import type { PageInput } from "./types";

/**
 * Reads each page's rules and glyphs with pdf.js, one page at a time (only the current page's
 * operator list is held), and hands it to `visit`. Rotation and crop box are applied by the
 * viewport, so coordinates are upright page points.
 */
export async function forEachPage(bytes: Uint8Array, visit: (page: PageInput, pageNumber: number, pageCount: number) => Promise<void> | void, pages?: Set<number>): Promise<number> {
  const pdfjs = await loadPdfJs();
  const doc = await openPdf(new Uint8Array(bytes));
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      if (pages && !pages.has(n)) continue;
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const list = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
      const content = walkOperators(pdfjs, list, page.commonObjs, Array.from(viewport.transform) as Matrix);
      await visit({ width: viewport.width, height: viewport.height, segments: content.segments, glyphs: content.glyphs }, n, doc.numPages);
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

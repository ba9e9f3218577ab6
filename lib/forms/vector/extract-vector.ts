import { area, type Matrix } from "@/lib/pdf/geometry";
import { loadPdfJs, type PdfPage } from "@/lib/pdf/pdfjs";
import type { PageSize } from "../types";
import { findCandidates, type VectorResult } from "./find-candidates";
import { walkOperators } from "@/lib/pdf/operators/walk-operators";

export type PageVector = VectorResult & {
  size: PageSize;
  /** PDF user space -> page points (pdf.js viewport at scale 1); the writer inverts it. */
  transform: Matrix;
  /** Mostly one image and hardly any text: a scan, where only the raster detector sees fields. */
  scanned: boolean;
};

/** Vector geometry and text of one page, turned into field candidates. */
export async function extractPageVector(page: PdfPage): Promise<PageVector> {
  const pdfjs = await loadPdfJs();
  const viewport = page.getViewport({ scale: 1 });
  // Annotations (existing form widgets) are left out: they are fields already, not page content.
  const list = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
  const transform = Array.from(viewport.transform) as Matrix;
  const content = walkOperators(pdfjs, list, page.commonObjs, transform);
  const size = { width: viewport.width, height: viewport.height };
  const imageArea = content.images.reduce((s, b) => s + area(b), 0);
  const visibleGlyphs = content.glyphs.filter((g) => !g.invisible).length;
  const scanned = imageArea > size.width * size.height * 0.5 && visibleGlyphs < 20;
  return { ...findCandidates(content, size), size, transform, scanned };
}

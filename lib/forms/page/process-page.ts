import { writeFileAtomic, workPaths } from "../files";
import { apply, type Matrix, round2 } from "@/lib/pdf/geometry";
import type { PdfDocument, PdfPage } from "@/lib/pdf/pdfjs";
import type { DetectedField } from "../types";
import type { Candidate } from "../vector/candidate";
import { extractPageVector } from "../vector/extract-vector";
import type { ExistingWidget, PageEvidence } from "./evidence";
import { dingbatCheckboxes, refineGlyphBoxes } from "./ink";
import { detectRaster, type RasterSetting } from "./raster";
import { encodePreview, renderPage } from "@/lib/pdf/render-page";

export type ProcessPageOptions = {
  workDir: string;
  /** Detection render resolution (FORMS_DPI). */
  dpi: number;
  /** Preview image resolution. */
  previewDpi: number;
  raster: RasterSetting;
};

export type PageSummary = {
  index: number;
  width: number;
  height: number;
  preview: string;
  scanned: boolean;
  candidates: number;
  raster: number | null;
  rasterError?: string;
  timings: PageEvidence["timings"];
};

/**
 * Everything one page needs from pdf.js and pixels, in one pass so the rendered bitmap never
 * leaves the thread: vector candidates and text, the render at `dpi`, raster detections, the
 * preview image and the existing widgets. Writes the page's evidence JSON and preview; returns a
 * small summary.
 */
export async function processPage(doc: PdfDocument, index: number, options: ProcessPageOptions): Promise<PageSummary> {
  const page = await doc.getPage(index + 1);
  try {
    const t0 = performance.now();
    const vector = await extractPageVector(page);
    const t1 = performance.now();
    const rendered = await renderPage(page, options.dpi);
    const t2 = performance.now();
    refineGlyphBoxes(vector.candidates, rendered);
    const candidates = [...vector.candidates, ...dingbatCheckboxes(vector.text.dingbats, vector.candidates, rendered)];
    const raster = await detectRaster(options.raster, rendered, index, vector.size);
    const t3 = performance.now();
    const paths = workPaths(options.workDir);
    const preview = await encodePreview(rendered, options.previewDpi);
    await writeFileAtomic(paths.preview(index), preview.image);
    const t4 = performance.now();
    const evidence: PageEvidence = {
      index,
      size: vector.size,
      transform: vector.transform,
      rotation: page.rotate,
      scanned: vector.scanned,
      phrases: vector.text.phrases.map((p) => ({ ...p, box: round2(p.box), base: r2(p.base), size: r2(p.size) })),
      candidates: candidates.map((c): Candidate => ({ ...c, box: round2(c.box) })),
      raster: raster.fields?.map((f): DetectedField => ({ ...f, box: round2(f.box), score: r2(f.score) })) ?? null,
      existing: await existingWidgets(page, vector.transform),
      preview: { file: paths.previewKey(index), width: preview.width, height: preview.height },
      timings: { vectorMs: r2(t1 - t0), renderMs: r2(t2 - t1), rasterMs: r2(t3 - t2), previewMs: r2(t4 - t3) },
    };
    await writeFileAtomic(paths.evidence(index), JSON.stringify(evidence));
    return {
      index,
      width: vector.size.width,
      height: vector.size.height,
      preview: evidence.preview.file,
      scanned: vector.scanned,
      candidates: evidence.candidates.length,
      raster: evidence.raster?.length ?? null,
      ...(raster.error ? { rasterError: raster.error } : {}),
      timings: evidence.timings,
    };
  } finally {
    page.cleanup();
  }
}

const r2 = (n: number) => Math.round(n * 100) / 100;

type Annotation = { annotationType?: number; fieldName?: string; fieldType?: string; rect?: number[]; checkBox?: boolean; radioButton?: boolean };

async function existingWidgets(page: PdfPage, transform: Matrix): Promise<ExistingWidget[]> {
  const annotations = (await page.getAnnotations()) as Annotation[];
  const WIDGET = 20;
  return annotations
    .filter((a) => a.annotationType === WIDGET && a.rect)
    .map((a) => {
      const [x1, y1, x2, y2] = a.rect!;
      const [ax, ay] = apply(transform, x1, y1);
      const [bx, by] = apply(transform, x2, y2);
      const box = round2({ x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) });
      const type = a.fieldType === "Tx" ? "text" : a.fieldType === "Sig" ? "signature" : a.fieldType === "Btn" && (a.checkBox || a.radioButton) ? "checkbox" : "other";
      return { name: a.fieldName ?? "", type, box };
    });
}

import path from "node:path";
import { createRequire } from "node:module";
import type { RgbaImage } from "../raster/letterbox";
import type { PageSize } from "../types";

export type { RgbaImage };

export type RenderedPage = RgbaImage & { page: number; size: PageSize; scale: number };

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

const PDFJS = Symbol.for("conveyor.forms.synthetic.pdfjs");
type Cache = { [PDFJS]?: Promise<PdfJs> };

function loadPdfJs(): Promise<PdfJs> {
  const g = globalThis as Cache;
  return (g[PDFJS] ??= import("pdfjs-dist/legacy/build/pdf.mjs"));
}

function standardFontDir(): string {
  // pdf-lib writes the standard 14 fonts without embedding them; pdf.js needs their data files
  // to draw real glyph shapes in Node, where it cannot fall back to system fonts.
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;
}

/**
 * Renders pages of a PDF to RGBA on a white background, each at the scale that makes its longer
 * side `longSide` pixels (the raster detector's contract, see lib/forms/raster/README.md).
 * This is the synthetic data's own renderer; production renders through lib/forms/render with the
 * same scale convention.
 */
export async function renderPdfPages(
  pdf: Uint8Array,
  opts: { longSide: number; pages?: number[] },
): Promise<RenderedPage[]> {
  const pdfjs = await loadPdfJs();
  const { createCanvas } = await import("@napi-rs/canvas");
  const doc = await pdfjs.getDocument({
    data: pdf.slice(),
    standardFontDataUrl: standardFontDir(),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const indices = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i);
    const out: RenderedPage[] = [];
    for (const index of indices) {
      const page = await doc.getPage(index + 1);
      const base = page.getViewport({ scale: 1 });
      const scale = opts.longSide / Math.max(base.width, base.height);
      const viewport = page.getViewport({ scale });
      const width = Math.round(viewport.width);
      const height = Math.round(viewport.height);
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
      await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport }).promise;
      const img = ctx.getImageData(0, 0, width, height);
      out.push({ data: img.data, width, height, page: index, size: { width: base.width, height: base.height }, scale });
      page.cleanup();
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

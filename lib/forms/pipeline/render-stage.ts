import { readJson, workPaths } from "../files";
import type { PageEvidence } from "../page/evidence";
import type { PageSummary } from "../page/process-page";
import type { RasterSetting } from "../page/raster";
import type { WorkerPool } from "@/lib/pdf/worker/pool";
import { defaultPool, formsConfig } from "./settings";

export type RenderPagesInput = {
  /** The uploaded PDF on local disk. */
  inputPath: string;
  /** This job's working directory (evidence JSON and previews go here). */
  workDir: string;
  pageCount: number;
  /** Only these pages (0-based); all by default. Lets a caller split the stage into several steps. */
  pages?: number[];
  dpi?: number;
  previewDpi?: number;
  raster?: RasterSetting;
  /** Called as each page finishes (pages finish out of order when several workers run). */
  onProgress?: (pageIndex: number, pageCount: number) => void | Promise<void>;
  pool?: WorkerPool;
  /** The workspace: its pages hold at most its share of the pool's threads. */
  tenant?: string;
};

export type RenderSummary = {
  pageCount: number;
  /** Page sizes (points) and preview files (relative to workDir), in page order. */
  pages: { index: number; width: number; height: number; preview: string; scanned: boolean }[];
  scannedPages: number;
  /** "unavailable" when the raster detector is enabled but could not load (reason in rasterError). */
  raster: "on" | "off" | "unavailable";
  rasterError?: string;
  /** Milliseconds summed over pages, by part. */
  timings: { vectorMs: number; renderMs: number; rasterMs: number; previewMs: number };
};

/**
 * The rendering stage: every page rendered with pdf.js at FORMS_DPI on a worker thread, its
 * vector geometry and text extracted, the raster detector run on the bitmap while it is in
 * memory, its preview JPEG and evidence JSON written. Pages run in parallel on the pool; only one
 * page's bitmap exists per worker at any time. Pages whose evidence already exists are not redone,
 * so a retried step resumes where it stopped.
 */
export async function renderPages(input: RenderPagesInput): Promise<RenderSummary> {
  const config = formsConfig();
  const pool = input.pool ?? defaultPool();
  const paths = workPaths(input.workDir);
  const indices = input.pages ?? Array.from({ length: input.pageCount }, (_, i) => i);
  const options = {
    workDir: input.workDir,
    dpi: input.dpi ?? config.dpi,
    previewDpi: input.previewDpi ?? Math.min(input.dpi ?? config.dpi, config.previewDpi),
    raster: input.raster ?? { enabled: config.rasterEnabled },
  };
  const group = `render:${input.workDir}`;
  const summaries: PageSummary[] = [];
  try {
    await Promise.all(
      indices.map(async (index) => {
        const done = await readJson<PageEvidence>(paths.evidence(index));
        const summary = done ? fromEvidence(done) : await pool.run<PageSummary>({ kind: "page", inputPath: input.inputPath, index, options }, { group, tenant: input.tenant });
        summaries.push(summary);
        await input.onProgress?.(index, input.pageCount);
      }),
    );
  } catch (error) {
    pool.cancel(group);
    throw error;
  }
  summaries.sort((a, b) => a.index - b.index);
  const rasterError = summaries.find((s) => s.rasterError)?.rasterError;
  const ran = summaries.some((s) => s.raster !== null);
  const sum = (k: keyof RenderSummary["timings"]) => Math.round(summaries.reduce((s, p) => s + p.timings[k], 0));
  return {
    pageCount: input.pageCount,
    pages: summaries.map((s) => ({ index: s.index, width: s.width, height: s.height, preview: s.preview, scanned: s.scanned })),
    scannedPages: summaries.filter((s) => s.scanned).length,
    raster: !options.raster.enabled ? "off" : ran ? "on" : "unavailable",
    ...(rasterError && !ran ? { rasterError } : {}),
    timings: { vectorMs: sum("vectorMs"), renderMs: sum("renderMs"), rasterMs: sum("rasterMs"), previewMs: sum("previewMs") },
  };
}

function fromEvidence(e: PageEvidence): PageSummary {
  return {
    index: e.index,
    width: e.size.width,
    height: e.size.height,
    preview: e.preview.file,
    scanned: e.scanned,
    candidates: e.candidates.length,
    raster: e.raster?.length ?? null,
    timings: e.timings,
  };
}

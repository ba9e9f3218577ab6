import type { PdfSummary } from "@/lib/pdf/inspect-pdf";
import type { WorkerPool } from "@/lib/pdf/worker/pool";
import { type DetectSummary, detectPageFields } from "./detect-stage";
import { type RenderPagesInput, type RenderSummary, renderPages } from "./render-stage";
import { defaultPool } from "./settings";
import { validateStoredPdf } from "./validate-stage";
import { type WriteSummary, writeFillablePdf } from "./write-stage";

import type { FormsStage } from "../stages";

export type { FormsStage };

export type PipelineResult = { summary: PdfSummary; render: RenderSummary; detect: DetectSummary; write: WriteSummary };

/**
 * All four stages in one call, in process: for tools, benchmarks and tests. The job runner calls
 * the stages one by one instead (one durable step each), persisting only their small results.
 */
export async function runFormsPipeline(input: {
  inputPath: string;
  workDir: string;
  outputPath: string;
  pool?: WorkerPool;
  raster?: RenderPagesInput["raster"];
  dpi?: number;
  onProgress?: (stage: FormsStage, pageIndex: number, pageCount: number) => void;
}): Promise<PipelineResult> {
  const pool = input.pool ?? defaultPool();
  const summary = await validateStoredPdf({ inputPath: input.inputPath, pool });
  input.onProgress?.("validating", summary.pageCount - 1, summary.pageCount);
  const render = await renderPages({
    inputPath: input.inputPath,
    workDir: input.workDir,
    pageCount: summary.pageCount,
    pool,
    raster: input.raster,
    dpi: input.dpi,
    onProgress: (i, n) => input.onProgress?.("rendering", i, n),
  });
  const detect = await detectPageFields({ workDir: input.workDir, pageCount: summary.pageCount, onProgress: (i, n) => input.onProgress?.("detecting", i, n) });
  const write = await writeFillablePdf({ inputPath: input.inputPath, workDir: input.workDir, outputPath: input.outputPath, pool, onProgress: (i, n) => input.onProgress?.("writing", i, n) });
  return { summary, render, detect, write };
}

import fs from "node:fs/promises";
import { detectPageFields, readFieldsFile, renderPages, validateStoredPdf, writeFillablePdf, type WorkerPool } from "@/lib/forms";
import type { DetectedField } from "@/lib/forms";

export type StageTimes = { validating: number; rendering: number; detecting: number; writing: number };

export type StageRun = { pages: number; ms: StageTimes; totalMs: number; fields: DetectedField[]; raster: string; scannedPages: number };

/**
 * One document through the four stage entry points forms-process calls (lib/forms/jobs wraps each
 * in a durable step; the job bookkeeping around them is a few database writes a page), timed one
 * by one, then its detected fields from fields.json.
 */
export async function runStages(input: { inputPath: string; workDir: string; outputPath: string; pool: WorkerPool }): Promise<StageRun> {
  const { pool } = input;
  const ms = { validating: 0, rendering: 0, detecting: 0, writing: 0 };
  const timed = async <T>(stage: keyof StageTimes, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      ms[stage] += performance.now() - t;
    }
  };
  const t0 = performance.now();
  const summary = await timed("validating", () => validateStoredPdf({ inputPath: input.inputPath, pool }));
  const pageCount = summary.pageCount;
  const render = await timed("rendering", () => renderPages({ inputPath: input.inputPath, workDir: input.workDir, pageCount, pool }));
  await timed("detecting", () => detectPageFields({ workDir: input.workDir, pageCount }));
  await timed("writing", () => writeFillablePdf({ inputPath: input.inputPath, workDir: input.workDir, outputPath: input.outputPath, pool }));
  const totalMs = performance.now() - t0;
  const fields = (await readFieldsFile(input.workDir))?.fields ?? [];
  await fs.rm(input.workDir, { recursive: true, force: true });
  return { pages: pageCount, ms, totalMs, fields, raster: render.raster, scannedPages: render.scannedPages };
}

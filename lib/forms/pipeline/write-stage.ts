import fs from "node:fs/promises";
import { workPaths } from "../files";
import type { WorkerPool } from "@/lib/pdf/worker/pool";
import { defaultPool } from "./settings";

export type WriteStageInput = {
  inputPath: string;
  workDir: string;
  /** The field list to write; default the work directory's fields.json. */
  fieldsPath?: string;
  /** Where the fillable PDF goes (written through a temporary file, so never half-written). */
  outputPath: string;
  onProgress?: (pageIndex: number, pageCount: number) => void;
  pool?: WorkerPool;
  /** The workspace, counted against its share of the pool's threads. */
  tenant?: string;
};

export type WriteSummary = { fieldCount: number; bytes: number; removedXfa: boolean };

/**
 * The writing stage: adds `fields.json`'s fields to the PDF as an AcroForm with pdf-lib on a
 * worker thread (loading and saving a large PDF is CPU-bound) and writes the result to
 * `outputPath`. Progress is reported per page as its fields are added.
 */
export async function writeFillablePdf(input: WriteStageInput): Promise<WriteSummary> {
  const pool = input.pool ?? defaultPool();
  try {
    return await pool.run<WriteSummary>(
      { kind: "write", inputPath: input.inputPath, fieldsPath: input.fieldsPath ?? workPaths(input.workDir).fields, outputPath: input.outputPath },
      { group: `write:${input.workDir}`, tenant: input.tenant, onProgress: input.onProgress },
    );
  } catch (error) {
    await fs.rm(input.outputPath, { force: true });
    throw error;
  }
}

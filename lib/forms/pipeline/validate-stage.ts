import fs from "node:fs/promises";
import type { PdfSummary } from "../validate/inspect-pdf";
import type { WorkerPool } from "../worker/pool";
import { inspectPdf } from "./inspect";
import { defaultPool, formsConfig } from "./settings";

/**
 * The validating stage after the 202: the stored upload checked again on a worker thread (the
 * file may have been replaced or damaged in storage since the upload was accepted), giving the
 * page count the later stages need. Throws the same typed errors as the upload check.
 */
export async function validateStoredPdf(input: { inputPath: string; maxPages?: number; pool?: WorkerPool }): Promise<PdfSummary> {
  const bytes = await fs.readFile(input.inputPath);
  return inspectPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { maxPages: input.maxPages ?? formsConfig().maxPages }, input.pool ?? defaultPool());
}

import fs from "node:fs/promises";
import { reopenPdfOnPool } from "@/lib/pdf/inspect";
import type { PdfSummary } from "@/lib/pdf/inspect-pdf";
import type { WorkerPool } from "@/lib/pdf/worker/pool";
import { inspectPdf } from "./inspect";
import { defaultPool, formsConfig } from "./settings";

/**
 * The validating stage after the 202. An upload is parsed once: given what the upload's inspection
 * learned (`known`, kept on the job), the stored file is only re-opened cheaply on a worker thread
 * (it may have been replaced or damaged in storage since) and must still have that many pages.
 * Without it (tools, benchmarks, jobs from before this was kept) the file is inspected in full.
 * Throws the same typed errors as the upload check.
 */
export async function validateStoredPdf(input: { inputPath: string; maxPages?: number; pool?: WorkerPool; known?: PdfSummary; tenant?: string }): Promise<PdfSummary> {
  const bytes = await fs.readFile(input.inputPath);
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pool = input.pool ?? defaultPool();
  if (input.known) {
    await reopenPdfOnPool(pool, view, input.known.pageCount, input.tenant);
    return input.known;
  }
  return inspectPdf(view, { maxPages: input.maxPages ?? formsConfig().maxPages, tenant: input.tenant }, pool);
}

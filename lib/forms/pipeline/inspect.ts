import { inspectPdfOnPool } from "@/lib/pdf/inspect";
import type { PdfSummary } from "@/lib/pdf/inspect-pdf";
import { pdfLimits } from "@/lib/pdf/settings";
import type { WorkerPool } from "@/lib/pdf/worker/pool";
import { defaultPool } from "./settings";

/**
 * The upload checks on the forms worker pool, with the PDF bounds of this process (PDF_MAX_*),
 * counted against `tenant`'s (the workspace's) share of the pool's threads.
 * The bytes are transferred, not copied: do not use them afterwards.
 */
export function inspectPdf(bytes: Uint8Array, limits: { maxPages: number; tenant?: string }, pool: WorkerPool = defaultPool()): Promise<PdfSummary> {
  const { maxPageOperators, maxStreamBytes } = pdfLimits();
  const { tenant, ...rest } = limits;
  return inspectPdfOnPool(pool, bytes, { maxPageOperators, maxStreamBytes, ...rest }, tenant);
}

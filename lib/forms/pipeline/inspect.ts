import type { PdfSummary } from "../validate/inspect-pdf";
import type { WorkerPool } from "../worker/pool";
import { defaultPool } from "./settings";

/**
 * `inspectPdfBytes` on a worker thread, ahead of queued page work (someone is waiting on the
 * upload's answer). The bytes are transferred, not copied: do not use them afterwards.
 */
export function inspectPdf(bytes: Uint8Array, limits: { maxPages: number }, pool: WorkerPool = defaultPool()): Promise<PdfSummary> {
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  return pool.run<PdfSummary>({ kind: "inspect", bytes: owned, maxPages: limits.maxPages }, { priority: "high", transfer: [owned.buffer as ArrayBuffer] });
}

import type { InspectLimits, PdfSummary } from "./inspect-pdf";
import type { InspectTask, ReopenTask } from "./worker/protocol";
import type { WorkerPool } from "./worker/pool";

/**
 * `inspectPdfBytes` on a pool's worker thread, ahead of queued page work (someone is waiting on the
 * upload's answer). The bytes are transferred, not copied: do not use them afterwards.
 */
export function inspectPdfOnPool(pool: WorkerPool, bytes: Uint8Array, limits: InspectLimits): Promise<PdfSummary> {
  const owned = transferable(bytes);
  const task: InspectTask = { kind: "inspect", bytes: owned, ...limits };
  return pool.run<PdfSummary>(task, { priority: "high", transfer: [owned.buffer as ArrayBuffer] });
}

/** `reopenPdfBytes` on a pool's worker thread: a file inspected at upload, checked cheaply again. */
export function reopenPdfOnPool(pool: WorkerPool, bytes: Uint8Array, expectedPages: number): Promise<number> {
  const owned = transferable(bytes);
  const task: ReopenTask = { kind: "reopen", bytes: owned, expectedPages };
  return pool.run<number>(task, { priority: "high", transfer: [owned.buffer as ArrayBuffer] });
}

const transferable = (bytes: Uint8Array) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();

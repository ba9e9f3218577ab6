import type { InspectLimits, PdfSummary } from "./inspect-pdf";
import type { InspectTask, ReopenTask } from "./worker/protocol";
import type { WorkerPool } from "./worker/pool";

/**
 * `inspectPdfBytes` on a pool's worker thread, ahead of queued page work (someone is waiting on the
 * upload's answer), counted against `tenant`'s share of the threads. The bytes are transferred, not copied: do not use them afterwards.
 */
export function inspectPdfOnPool(pool: WorkerPool, bytes: Uint8Array, limits: InspectLimits, tenant?: string): Promise<PdfSummary> {
  const owned = transferable(bytes);
  const task: InspectTask = { kind: "inspect", bytes: owned, ...limits };
  return pool.run<PdfSummary>(task, { priority: "high", tenant, transfer: [owned.buffer as ArrayBuffer] });
}

/** `reopenPdfBytes` on a pool's worker thread: a file inspected at upload, checked cheaply again. */
export function reopenPdfOnPool(pool: WorkerPool, bytes: Uint8Array, expectedPages: number, tenant?: string): Promise<number> {
  const owned = transferable(bytes);
  const task: ReopenTask = { kind: "reopen", bytes: owned, expectedPages };
  return pool.run<number>(task, { priority: "high", tenant, transfer: [owned.buffer as ArrayBuffer] });
}

const transferable = (bytes: Uint8Array) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();

import os from "node:os";
import path from "node:path";
import { pdfLimits } from "@/lib/pdf/settings";
import { WorkerPool } from "@/lib/pdf/worker/pool";
import { documentsConfig } from "../settings";

const KEY = Symbol.for("conveyor.documents.pool");
type Holder = { [KEY]?: WorkerPool };

/**
 * The process's documents pool: DOCUMENTS_CONCURRENCY worker threads (0: one per core) running
 * documents-worker.ts under the PDF bounds (PDF_PAGE_TIMEOUT per task, PDF_WORKER_MAX_HEAP_MB).
 */
export function documentsPool(): WorkerPool {
  const g = globalThis as Holder;
  const concurrency = documentsConfig().concurrency;
  const size = concurrency > 0 ? concurrency : os.availableParallelism();
  if (!g[KEY] || g[KEY].size !== size) {
    void g[KEY]?.close();
    const limits = pdfLimits();
    g[KEY] = new WorkerPool({
      size,
      entry: path.join(process.cwd(), "lib", "documents", "worker", "documents-worker.ts"),
      taskTimeoutMs: limits.pageTimeoutMs,
      maxHeapMb: limits.workerMaxHeapMb,
    });
  }
  return g[KEY];
}

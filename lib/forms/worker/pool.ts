import os from "node:os";
import path from "node:path";
import { pdfLimits } from "@/lib/pdf/settings";
import { type PoolOptions, WorkerPool } from "@/lib/pdf/worker/pool";

const FORMS_ENTRY = () => path.join(process.cwd(), "lib", "forms", "worker", "page-worker.ts");

/** A PDF worker pool running the forms worker (page-worker.ts): page and write tasks besides the upload checks. */
export class FormsWorkerPool extends WorkerPool {
  constructor(options: Omit<PoolOptions, "entry"> & { entry?: string }) {
    super({ ...options, entry: options.entry ?? FORMS_ENTRY() });
  }
}

const KEY = Symbol.for("conveyor.forms.pool");
type Holder = { [KEY]?: WorkerPool };

/**
 * The process's forms pool, `concurrency` workers (0: one per core) running the forms worker
 * (page-worker.ts) under the PDF bounds (PDF_PAGE_TIMEOUT, PDF_WORKER_MAX_HEAP_MB, PDF_WORKSPACE_THREADS); created on first use.
 */
export function formsPool(concurrency: number): WorkerPool {
  const g = globalThis as Holder;
  const size = concurrency > 0 ? concurrency : os.availableParallelism();
  if (!g[KEY] || g[KEY].size !== size) {
    void g[KEY]?.close();
    const limits = pdfLimits();
    g[KEY] = new FormsWorkerPool({
      size,
      taskTimeoutMs: limits.pageTimeoutMs,
      maxHeapMb: limits.workerMaxHeapMb,
      maxPerTenant: limits.workspaceThreads,
    });
  }
  return g[KEY];
}

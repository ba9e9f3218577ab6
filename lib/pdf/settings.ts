import { getEnv } from "@/lib/env";
import type { PdfBounds } from "./bounds";

export type PdfLimits = PdfBounds & { pageTimeoutMs: number; workerMaxHeapMb: number; workspaceThreads?: number };

/** The PDF bounds of this process (PDF_* in lib/env/pdf.ts). */
export function pdfLimits(): PdfLimits {
  const env = getEnv();
  return {
    maxPageOperators: env.PDF_MAX_PAGE_OPERATORS,
    maxStreamBytes: env.PDF_MAX_STREAM_BYTES,
    pageTimeoutMs: env.PDF_PAGE_TIMEOUT,
    workerMaxHeapMb: env.PDF_WORKER_MAX_HEAP_MB,
    // 0 means the pool's default share (tenantShare in worker/pool.ts).
    workspaceThreads: env.PDF_WORKSPACE_THREADS || undefined,
  };
}

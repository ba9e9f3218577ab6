import { getEnv } from "@/lib/env";

export type DocumentsConfig = { maxBytes: number; maxPages: number; concurrency: number; maxCells: number; retentionMs: number };

/** The documents settings (DOCUMENTS_* in lib/env/documents.ts). */
export function documentsConfig(): DocumentsConfig {
  const env = getEnv();
  return { maxBytes: env.DOCUMENTS_MAX_BYTES, maxPages: env.DOCUMENTS_MAX_PAGES, concurrency: env.DOCUMENTS_CONCURRENCY, maxCells: env.DOCUMENTS_MAX_CELLS, retentionMs: env.DOCUMENTS_RETENTION };
}

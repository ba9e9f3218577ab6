/** What the page reads from the documents API (the same shapes as lib/documents/schemas.ts). */
export type DocumentItem = { document_id: string; filename: string; content_type: string; size: number; pages: number; sha256: string; created_at: string };
export type Settings = { method: "auto" | "lattice" | "stream"; pages: string | null; header_rows: number; merge_across_pages: boolean };
export type ConfigurationItem = Settings & { configuration_id: string; name: string; version: number; created_at: string; updated_at: string; versions?: (Settings & { version: number; name: string; created_at: string })[] };
export type TimelineEvent = { id: string; type: string; data: unknown; created_at: string };
export type Box = { x0: number; y0: number; x1: number; y1: number };
export type TableSummary = { table_id: string; page: number; pages: number[]; index: number; n_rows: number; n_cols: number; bbox: Box | null; page_width: number | null; page_height: number | null; method: string; title?: string };
export type TableDetail = TableSummary & { document_id: string; job_id: string; header_rows: number; rows: string[][]; spans: number[][] };
export type JobItem = { job_id: string; status: string; stage: string | null; progress: number; message?: string; error?: { type: string; detail: string } };

export async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { type: string; message: string; details?: { path?: string; message: string }[] } };
    if (body.error) {
      const details = Array.isArray(body.error.details) ? body.error.details.map((d) => `${d.path ? `${d.path}: ` : ""}${d.message}`).join("; ") : "";
      return `${body.error.message}${details ? ` (${details})` : ""} [${body.error.type}]`;
    }
  } catch {
    // Not JSON.
  }
  return `The server answered ${res.status}`;
}

import { db } from "@/lib/db";
import { deleteStoredFiles, storage } from "@/lib/storage";
import { documentsConfig } from "../settings";
import { PAGES_PER_BATCH, workFileKey } from "./types";

/**
 * The retention sweep's part for documents: exports older than DOCUMENTS_RETENTION (rows and
 * files), and export files whose row is gone (their job was deleted). Documents and tables stay
 * until someone deletes them: they are what people come back for.
 */
export async function sweepDocumentExports(now: Date = new Date()): Promise<number> {
  const prisma = await db();
  const cutoff = new Date(now.getTime() - documentsConfig().retentionMs);
  const due = await prisma.tableExport.findMany({ where: { createdAt: { lt: cutoff } }, select: { id: true, file: { select: { id: true, storageKey: true } } }, take: 500 });
  if (due.length) await prisma.tableExport.deleteMany({ where: { id: { in: due.map((e) => e.id) } } });
  // An hour's grace: an export being written has its file a moment before its row.
  const orphans = await prisma.storedFile.findMany({ where: { purpose: "export", export: null, createdAt: { lt: new Date(now.getTime() - 3_600_000) } }, select: { id: true, storageKey: true }, take: 500 });
  return deleteStoredFiles([...due.map((e) => e.file), ...orphans]);
}

/** A stopped job's batch work files (`<workspace>/documents-work/<job>-<n>.json`). */
export async function removeDocumentsWorkArea(ref: { jobId: string; workspaceId: string | null }): Promise<void> {
  if (!ref.workspaceId) return;
  const ext = await (await db()).documentExtraction.findUnique({ where: { jobId: ref.jobId }, include: { document: { select: { pages: true } } } });
  const batches = Math.max(1, Math.ceil((ext?.document.pages ?? 1) / PAGES_PER_BATCH));
  const ref2 = { jobId: ref.jobId, workspaceId: ref.workspaceId };
  await Promise.all(Array.from({ length: batches }, (_, i) => storage().delete(workFileKey(ref2, i)).catch(() => {})));
}

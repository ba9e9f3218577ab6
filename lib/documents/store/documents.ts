import type { Document } from "@prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/jobs";
import { deleteStoredFiles, openFile } from "@/lib/storage";

export function presentDocument(d: Document) {
  return { document_id: d.id, filename: d.filename, content_type: d.contentType, size: Number(d.size), pages: d.pages, sha256: d.sha256, created_at: d.createdAt.toISOString() };
}

/** The workspace's document; another workspace's is a 404 like a missing one. */
export async function getDocument(workspaceId: string, documentId: string): Promise<Document> {
  const doc = await (await db()).document.findFirst({ where: { id: documentId, workspaceId } });
  if (!doc) throw notFound("Document");
  return doc;
}

/** Newest first, `limit` a page, `next_cursor` for the next. */
export async function listDocuments(workspaceId: string, opts: { cursor?: string; limit: number }) {
  const after = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const rows = await (await db()).document.findMany({
    where: {
      workspaceId,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  return { items: page.map(presentDocument), next_cursor: rows.length > opts.limit ? encodeCursor(page[page.length - 1]) : null };
}

export async function openDocumentFile(workspaceId: string, documentId: string) {
  const doc = await getDocument(workspaceId, documentId);
  return openFile(workspaceId, doc.fileId);
}

/**
 * Deletes a document with everything made from it: its tables and their exports (rows cascade),
 * the export files and the upload itself. The files' rows go first in one transaction, so a
 * crash leaves at worst an orphan file, never a row pointing at nothing.
 */
export async function deleteDocument(workspaceId: string, documentId: string): Promise<void> {
  const prisma = await db();
  const doc = await getDocument(workspaceId, documentId);
  const jobIds = (await prisma.documentExtraction.findMany({ where: { documentId }, select: { jobId: true } })).map((e) => e.jobId);
  const exports = await prisma.tableExport.findMany({ where: { jobId: { in: jobIds } }, select: { id: true, file: { select: { id: true, storageKey: true } } } });
  const tableIds = (await prisma.extractedTable.findMany({ where: { documentId }, select: { id: true } })).map((t) => t.id);
  const files = [...exports.map((e) => e.file), ...(await prisma.storedFile.findMany({ where: { id: doc.fileId }, select: { id: true, storageKey: true } }))];
  await prisma.$transaction([
    prisma.tableExport.deleteMany({ where: { jobId: { in: jobIds } } }),
    prisma.extractedTable.deleteMany({ where: { documentId } }),
    prisma.documentEvent.deleteMany({ where: { workspaceId, subjectId: { in: [documentId, ...tableIds, ...exports.map((e) => e.id)] } } }),
    prisma.document.delete({ where: { id: documentId } }),
  ]);
  await deleteStoredFiles(files);
}

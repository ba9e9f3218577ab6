import { notFound } from "@/lib/errors";
import { localPathFor } from "@/lib/storage";
import { db } from "@/lib/db";
import { documentsPool } from "../worker/pool";
import type { PreviewResult } from "../worker/protocol";
import { getDocument } from "./documents";

/** A JPEG of one PDF page at 96 DPI, rendered on the worker pool ahead of queued extraction work. */
export async function renderDocumentPreview(workspaceId: string, documentId: string, page: number): Promise<PreviewResult> {
  const doc = await getDocument(workspaceId, documentId);
  if (doc.format !== "pdf" || page > doc.pages) throw notFound("Page");
  const file = await (await db()).storedFile.findUniqueOrThrow({ where: { id: doc.fileId }, select: { storageKey: true } });
  return documentsPool().run<PreviewResult>({ kind: "render-preview", path: localPathFor(file.storageKey), page, dpi: 96 }, { priority: "high" });
}

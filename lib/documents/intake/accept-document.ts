import type { Readable } from "node:stream";
import type { Document } from "@prisma/client";
import { db } from "@/lib/db";
import { inspectPdfOnPool } from "@/lib/pdf/inspect";
import { pdfLimits } from "@/lib/pdf/settings";
import { deleteStoredFiles, recordStoredFile, sniffContentType, storage } from "@/lib/storage";
import { emptyDocument, unsupportedDocument } from "../errors";
import { documentsConfig } from "../settings";
import type { SheetsResult } from "../worker/protocol";
import { documentsPool } from "../worker/pool";
import { localPathFor } from "@/lib/storage";
import { recordEvent } from "../timeline";
import { receiveUpload } from "./receive-upload";
import { CONTENT_TYPES, type DocumentFormat, isXlsxZip, sniffDocument } from "./sniff-document";

/**
 * An upload becomes a document. The bytes stream into storage (413 past DOCUMENTS_MAX_BYTES) and
 * decide the format: a PDF is inspected on the worker pool (encrypted 422 EncryptedPdfError,
 * unreadable 422 PdfParseError, too many pages), an XLSX or CSV is read there once (unreadable 422
 * SpreadsheetParseError); anything else is 415, an empty file 422. Refused: nothing is kept.
 */
export async function acceptDocument(req: Request, caller: { workspaceId: string; userId: string }): Promise<Document> {
  const config = documentsConfig();
  const received = await receiveUpload(req, caller.workspaceId, config.maxBytes);
  try {
    if (received.written.size === 0) throw emptyDocument();
    const { format, pages } = await checkDocument(received.key, received.written.head, config);
    const file = await recordStoredFile({
      workspaceId: caller.workspaceId,
      purpose: "input",
      storageKey: received.key,
      filename: received.filename,
      contentType: CONTENT_TYPES[format],
      size: received.written.size,
      sha256: received.written.sha256,
    });
    try {
      return await (await db()).$transaction(async (tx) => {
        const document = await tx.document.create({
          data: {
            workspaceId: caller.workspaceId,
            createdById: caller.userId,
            filename: file.filename,
            contentType: CONTENT_TYPES[format],
            format,
            size: BigInt(received.written.size),
            pages,
            sha256: received.written.sha256,
            fileId: file.id,
          },
        });
        await recordEvent({ workspaceId: caller.workspaceId, subjectType: "document", subjectId: document.id, type: "document.uploaded", data: { filename: document.filename, format, size: received.written.size, pages } }, tx);
        return document;
      });
    } catch (error) {
      await deleteStoredFiles([file]);
      throw error;
    }
  } catch (error) {
    await storage().delete(received.key).catch(() => {});
    throw error;
  }
}

async function checkDocument(key: string, head: Buffer, config: ReturnType<typeof documentsConfig>): Promise<{ format: DocumentFormat; pages: number }> {
  const sniffed = sniffDocument(head);
  if (!sniffed) throw unsupportedDocument(sniffContentType(head, false));
  const pool = documentsPool();
  if (sniffed === "pdf") {
    const bytes = await readAll(await storage().get(key));
    const { maxPageOperators, maxStreamBytes } = pdfLimits();
    const summary = await inspectPdfOnPool(pool, bytes, { maxPages: config.maxPages, maxPageOperators, maxStreamBytes });
    return { format: "pdf", pages: summary.pageCount };
  }
  if (sniffed === "zip") {
    if (!isXlsxZip(await readAll(await storage().get(key)))) throw unsupportedDocument("a ZIP archive that is not an XLSX workbook");
  }
  const format = sniffed === "zip" ? "xlsx" : "csv";
  const result = await pool.run<SheetsResult>({ kind: "read-sheets", path: localPathFor(key), format, maxCells: config.maxCells, maxSheets: config.maxPages }, { priority: "high" });
  return { format, pages: result.sheets.length };
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

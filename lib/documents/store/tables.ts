import type { ExtractedTable } from "@prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { ConfigurationSettings } from "../schemas";
import { DOCUMENTS_JOB_KIND } from "../errors";

type Box = { x0: number; y0: number; x1: number; y1: number };

export function presentTableSummary(t: ExtractedTable) {
  return {
    table_id: t.id,
    page: t.page,
    pages: t.pages as number[],
    index: t.index,
    n_rows: t.nRows,
    n_cols: t.nCols,
    bbox: (t.bbox as Box | null) ?? null,
    page_width: t.pageWidth,
    page_height: t.pageHeight,
    method: t.method,
    ...(t.title ? { title: t.title } : {}),
  };
}

export function presentTable(t: ExtractedTable, headerRows: number) {
  return { ...presentTableSummary(t), document_id: t.documentId, job_id: t.jobId, header_rows: headerRows, rows: t.rows as string[][], spans: t.spans as number[][] };
}

/** A documents job of the workspace (404 for another kind, workspace or id). */
export async function getExtractionJob(workspaceId: string, jobId: string) {
  const ext = await (await db()).documentExtraction.findFirst({ where: { jobId, workspaceId, job: { kind: DOCUMENTS_JOB_KIND } }, include: { job: true } });
  if (!ext) throw notFound("Extraction job");
  return ext;
}

export async function listJobTables(workspaceId: string, jobId: string): Promise<ExtractedTable[]> {
  await getExtractionJob(workspaceId, jobId);
  return (await db()).extractedTable.findMany({ where: { jobId, workspaceId }, orderBy: { index: "asc" } });
}

export async function listDocumentTables(workspaceId: string, documentId: string): Promise<ExtractedTable[]> {
  return (await db()).extractedTable.findMany({ where: { documentId, workspaceId }, orderBy: [{ createdAt: "desc" }, { index: "asc" }] });
}

/** The table with its job's header-row setting. */
export async function getTable(workspaceId: string, tableId: string): Promise<{ table: ExtractedTable; headerRows: number }> {
  const prisma = await db();
  const table = await prisma.extractedTable.findFirst({ where: { id: tableId, workspaceId } });
  if (!table) throw notFound("Table");
  const ext = await prisma.documentExtraction.findUnique({ where: { jobId: table.jobId }, select: { settings: true } });
  return { table, headerRows: (ext?.settings as ConfigurationSettings | undefined)?.header_rows ?? 0 };
}

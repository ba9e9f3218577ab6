import type { TableExport } from "@prisma/client";
import { getEnv } from "@/lib/env";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { openFile, saveFile } from "@/lib/storage";
import { tableToCsv } from "../export/to-csv";
import { tablesToXlsx } from "../export/to-xlsx";
import { tableFilename, tablesToZip } from "../export/to-zip";
import { noteOnJob } from "../jobs/job-note";
import type { ConfigurationSettings } from "../schemas";
import { recordEvents } from "../timeline";
import { getExtractionJob, getTable } from "./tables";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
} as const;

export function presentExport(e: TableExport) {
  return { export_id: e.id, format: e.format, download_url: `${getEnv().appUrl}/api/v1/exports/${encodeURIComponent(e.id)}/download`, created_at: e.createdAt.toISOString() };
}

const baseName = (filename: string) => filename.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "document";

/** One table as CSV or XLSX: a produced file linked to its table, on the table's and the job's timelines. */
export async function exportTable(workspaceId: string, tableId: string, format: "csv" | "xlsx"): Promise<TableExport> {
  const { table, headerRows } = await getTable(workspaceId, tableId);
  const doc = await (await db()).document.findUniqueOrThrow({ where: { id: table.documentId }, select: { filename: true } });
  const rows = table.rows as string[][];
  const bytes = format === "csv" ? Buffer.from(tableToCsv(rows), "utf8") : Buffer.from(tablesToXlsx([{ name: table.title ?? `Table ${table.index + 1}`, rows, spans: table.spans as [number, number, number, number][], headerRows }]));
  const filename = `${baseName(doc.filename)}-${tableFilename(table, format)}`;
  return saveExport({ workspaceId, jobId: table.jobId, tableId, format, bytes, filename });
}

/** All of a job's tables: a ZIP of CSVs, or one XLSX with a sheet per table. */
export async function exportJobTables(workspaceId: string, jobId: string, format: "zip" | "xlsx"): Promise<TableExport> {
  const ext = await getExtractionJob(workspaceId, jobId);
  const prisma = await db();
  const tables = await prisma.extractedTable.findMany({ where: { jobId, workspaceId }, orderBy: { index: "asc" } });
  const doc = await prisma.document.findUniqueOrThrow({ where: { id: ext.documentId }, select: { filename: true } });
  const headerRows = (ext.settings as ConfigurationSettings).header_rows;
  const bytes =
    format === "zip"
      ? Buffer.from(tablesToZip(tables.map((t) => ({ index: t.index, page: t.page, rows: t.rows as string[][] }))))
      : Buffer.from(tablesToXlsx(tables.map((t) => ({ name: t.title ?? `Table ${t.index + 1} p${t.page}`, rows: t.rows as string[][], spans: t.spans as [number, number, number, number][], headerRows }))));
  return saveExport({ workspaceId, jobId, tableId: null, format, bytes, filename: `${baseName(doc.filename)}-tables.${format}` });
}

async function saveExport(input: { workspaceId: string; jobId: string; tableId: string | null; format: "csv" | "xlsx" | "zip"; bytes: Buffer; filename: string }): Promise<TableExport> {
  // Not linked to the job as a stored file: retention of exports is the pipeline's own sweep.
  const file = await saveFile({ workspaceId: input.workspaceId, purpose: "export", filename: input.filename, contentType: CONTENT_TYPES[input.format], source: input.bytes });
  const created = await (await db()).tableExport.create({ data: { workspaceId: input.workspaceId, jobId: input.jobId, tableId: input.tableId, format: input.format, fileId: file.id } });
  const data = { export_id: created.id, format: input.format, ...(input.tableId ? { table_id: input.tableId } : {}), size: input.bytes.length };
  await recordEvents([
    { workspaceId: input.workspaceId, subjectType: "job", subjectId: input.jobId, type: "export.created", data },
    ...(input.tableId ? [{ workspaceId: input.workspaceId, subjectType: "table" as const, subjectId: input.tableId, type: "export.created", data }] : []),
    { workspaceId: input.workspaceId, subjectType: "export", subjectId: created.id, type: "export.created", data },
  ]);
  await noteOnJob(input.jobId, "export.created", `${input.format.toUpperCase()} export ${input.filename}`, data);
  return created;
}

export async function openExport(workspaceId: string, exportId: string) {
  const e = await (await db()).tableExport.findFirst({ where: { id: exportId, workspaceId } });
  if (!e) throw notFound("Export");
  await recordEvents([{ workspaceId, subjectType: "export", subjectId: e.id, type: "export.downloaded" }]);
  return openFile(workspaceId, e.fileId);
}

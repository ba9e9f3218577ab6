import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { assertStillRunning, completeJob, failJobFromRun, stageRunner, startJob, updateJobProgress } from "@/lib/jobs";
import { localPathFor, storage } from "@/lib/storage";
import { documentRemoved, DOCUMENTS_ERRORS, DOCUMENTS_JOB_KIND, DOCUMENTS_WARNINGS } from "../errors";
import { DOCUMENTS_STAGES } from "../stages";
import { removeDocumentsWorkArea } from "./retention";
import { mergeAcrossPages } from "../extract/merge-pages";
import type { ExtractedTable } from "../extract/types";
import { selectPages } from "../page-spec";
import type { ConfigurationSettings } from "../schemas";
import { recordEvents } from "../timeline";
import { documentsPool } from "../worker/pool";
import type { PageResult, SheetsResult } from "../worker/protocol";
import { noteOnJob } from "./job-note";
import { type ExtractionPlan, type ExtractionRef, PAGES_PER_BATCH, workFileKey } from "./types";

const runner = stageRunner(DOCUMENTS_STAGES);

type BatchFile = { pages: PageResult[] };
type Warning = { type: keyof typeof DOCUMENTS_WARNINGS; page?: number; message: string };

async function loadExtraction(ref: ExtractionRef) {
  const ext = await (await db()).documentExtraction.findFirst({ where: { jobId: ref.jobId, workspaceId: ref.workspaceId }, include: { document: { include: { file: true } } } });
  if (!ext) throw documentRemoved();
  return { ext, settings: ext.settings as ConfigurationSettings, path: localPathFor(ext.document.file.storageKey) };
}

/** Step 1: the job is running; the pages (PDF) or sheets (CSV, XLSX) to read, in batches. */
export async function startExtractionRun(ref: ExtractionRef): Promise<ExtractionPlan> {
  const { ext, settings } = await loadExtraction(ref);
  const format = ext.document.format as ExtractionPlan["format"];
  const pages = format === "pdf" ? selectPages(settings.pages, ext.document.pages) : [1];
  const started = await startJob(ref.jobId, { stage: "extracting", message: format === "pdf" ? `Reading ${pages.length} of ${ext.document.pages} pages` : "Reading the sheets" });
  if (started.applied) await recordEvents([{ workspaceId: ref.workspaceId, subjectType: "job", subjectId: ref.jobId, type: "job.started", data: { pages: pages.length } }]);
  const batches: number[][] = [];
  for (let i = 0; i < pages.length; i += PAGES_PER_BATCH) batches.push(pages.slice(i, i + PAGES_PER_BATCH));
  return { format, batches, total: pages.length };
}

/**
 * Step 2, once per batch: its pages extracted on the documents worker pool (off the event loop;
 * the job's pages take turns with other jobs'), progress after each page, the result written to a
 * work file so no step output or memory holds all pages.
 */
export async function extractBatch(ref: ExtractionRef, plan: ExtractionPlan, index: number): Promise<{ tables: number; scanned: number[] }> {
  const { settings, path } = await loadExtraction(ref);
  const batch = plan.batches[index];
  const pool = documentsPool();
  const done = plan.batches.slice(0, index).reduce((n, b) => n + b.length, 0);
  let progressChain = Promise.resolve();
  const report = (pageIndex: number) => {
    const finished = done + pageIndex + 1;
    // Reports go one after another; a canceled or deleted job stops the batch at the next page.
    progressChain = progressChain.then(async () => {
      const t = await updateJobProgress(ref.jobId, { stage: "extracting", progress: runner.progress("extracting", finished, plan.total), message: plan.format === "pdf" ? `${finished} of ${plan.total} pages extracted` : "Sheets read" });
      assertStillRunning(t);
    });
  };
  let pages: PageResult[];
  if (plan.format === "pdf") {
    // The batch is shared out over the pool's threads (each opens the file once and keeps it open
    // for the job's next batch), so one document uses every core the pool has.
    const parts = Math.max(1, Math.min(pool.size, Math.ceil(batch.length / 2)));
    const size = Math.ceil(batch.length / parts);
    let reported = 0;
    const results = await Promise.all(
      Array.from({ length: parts }, (_, k) => batch.slice(k * size, (k + 1) * size))
        .filter((part) => part.length > 0)
        .map((part) => pool.run<PageResult[]>({ kind: "extract-pages", path, pages: part, method: settings.method }, { group: ref.jobId, onProgress: () => report(reported++) })),
    );
    pages = results.flat();
  } else {
    const { sheets } = await pool.run<SheetsResult>({ kind: "read-sheets", path, format: plan.format, maxCells: Number.MAX_SAFE_INTEGER, maxSheets: Number.MAX_SAFE_INTEGER }, { group: ref.jobId });
    pages = sheets.map((s, i) => ({
      page: i + 1,
      width: 0,
      height: 0,
      scanned: false,
      tables: s.rows.length ? [{ page: i + 1, pages: [i + 1], bbox: { x0: 0, y0: 0, x1: 0, y1: 0 }, method: "stream" as const, rows: s.rows, spans: s.spans, title: s.name }] : [],
    }));
    report(0);
  }
  await progressChain;
  await storage().put(workFileKey(ref, index), Buffer.from(JSON.stringify({ pages } satisfies BatchFile)));
  return { tables: pages.reduce((n, p) => n + p.tables.length, 0), scanned: pages.filter((p) => p.scanned).map((p) => p.page) };
}

/**
 * Step 3: the batches' tables (merged across pages when configured) replace any the job had, in
 * one transaction with `job.outputs.persisted`; then the job succeeds, with scanned pages and an
 * empty result as warnings, not errors.
 */
export async function saveExtraction(ref: ExtractionRef, plan: ExtractionPlan): Promise<{ tableCount: number; warnings: Warning[] }> {
  const { ext, settings } = await loadExtraction(ref);
  const pages: PageResult[] = [];
  for (let i = 0; i < plan.batches.length; i++) pages.push(...((JSON.parse(await readText(workFileKey(ref, i))) as BatchFile).pages));
  const sizes = new Map(pages.map((p) => [p.page, p]));
  let tables: ExtractedTable[] = pages.flatMap((p) => p.tables);
  if (settings.merge_across_pages && plan.format === "pdf") tables = mergeAcrossPages(tables, new Map(pages.map((p) => [p.page, p.height])));
  const warnings: Warning[] = pages.filter((p) => p.scanned).map((p) => ({ type: "ScannedPageWarning" as const, page: p.page, message: `Page ${p.page} has no text layer (a scan); OCR is not part of this pipeline` }));
  if (tables.length === 0) warnings.push({ type: "NoTablesWarning", message: DOCUMENTS_WARNINGS.NoTablesWarning });
  const isPdf = plan.format === "pdf";
  const prisma = await db();
  await runner.enter(ref.jobId, "saving", { total: 1, message: `Saving ${tables.length} tables` });
  await prisma.$transaction(async (tx) => {
    await tx.extractedTable.deleteMany({ where: { jobId: ref.jobId } });
    await tx.extractedTable.createMany({
      data: tables.map((t, index) => ({
        workspaceId: ref.workspaceId,
        documentId: ext.documentId,
        jobId: ref.jobId,
        page: t.page,
        pages: t.pages,
        index,
        nRows: t.rows.length,
        nCols: t.rows[0]?.length ?? 0,
        bbox: isPdf ? roundBox(t.bbox) : undefined,
        pageWidth: isPdf ? sizes.get(t.page)?.width : null,
        pageHeight: isPdf ? sizes.get(t.page)?.height : null,
        method: isPdf ? t.method : plan.format,
        title: t.title ?? null,
        rows: t.rows,
        spans: t.spans,
      })),
    });
    await tx.documentExtraction.update({ where: { jobId: ref.jobId }, data: { tableCount: tables.length, warnings: warnings as unknown as Prisma.InputJsonArray } });
    await recordEvents([{ workspaceId: ref.workspaceId, subjectType: "job", subjectId: ref.jobId, type: "job.outputs.persisted", data: { table_count: tables.length } }], tx);
  });
  await noteOnJob(ref.jobId, "outputs.persisted", `${tables.length} tables saved`, { table_count: tables.length });
  const scanned = warnings.filter((w) => w.type === "ScannedPageWarning").length;
  const message = `${tables.length} ${tables.length === 1 ? "table" : "tables"} found` + (scanned ? `; ${scanned} scanned ${scanned === 1 ? "page" : "pages"} without a text layer skipped` : "");
  // The timeline's entries commit with the job's success: never a succeeded job without them (a
  // crash in between, or a reader polling the job), never them twice (a retried step changes nothing).
  await completeJob(ref.jobId, {
    result: { table_count: tables.length, warnings },
    message,
    alsoWrite: (tx) =>
      recordEvents(
        [
          { workspaceId: ref.workspaceId, subjectType: "job", subjectId: ref.jobId, type: "job.succeeded", data: { table_count: tables.length, warnings: warnings.length } },
          { workspaceId: ref.workspaceId, subjectType: "document", subjectId: ext.documentId, type: "job.succeeded", data: { job_id: ref.jobId, table_count: tables.length } },
        ],
        tx,
      ),
  });
  await removeWorkFiles(ref, plan.batches.length);
  return { tableCount: tables.length, warnings };
}

/**
 * The run failed for good: the job fails with a documents error type (or InternalError), work files
 * go. The timeline's job.failed entry commits with the job's failure, as job.succeeded does with its
 * success: never a failed job without it, never it twice (a retried onFailure step changes nothing).
 */
export async function failExtraction(ref: ExtractionRef, error: unknown): Promise<{ type: string; detail: string }> {
  return failJobFromRun(ref, error, {
    kind: DOCUMENTS_JOB_KIND,
    userFacing: new Set(Object.keys(DOCUMENTS_ERRORS)),
    cleanUp: async (r) => {
      await removeDocumentsWorkArea(r);
      return { files: 0 };
    },
    alsoWrite: (tx, failure) =>
      recordEvents([{ workspaceId: ref.workspaceId, subjectType: "job", subjectId: ref.jobId, type: "job.failed", data: { error_type: failure.type } }], tx),
  });
}

/** Retrying cannot help: the document is gone, damaged, or too complex (any 4xx AppError). */
export const isPermanentExtractionFailure = (error: unknown) => isAppError(error) && error.status >= 400 && error.status < 500;

async function removeWorkFiles(ref: ExtractionRef, batches: number) {
  await Promise.all(Array.from({ length: batches }, (_, i) => storage().delete(workFileKey(ref, i)).catch(() => {})));
}

async function readText(key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const roundBox = (b: { x0: number; y0: number; x1: number; y1: number }) => ({ x0: r2(b.x0), y0: r2(b.y0), x1: r2(b.x1), y1: r2(b.y1) });
const r2 = (n: number) => Math.round(n * 100) / 100;

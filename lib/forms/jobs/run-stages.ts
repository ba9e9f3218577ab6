import fs from "node:fs/promises";
import path from "node:path";
import type { Job } from "@prisma/client";
import { db } from "@/lib/db";
import { formsError } from "../error-types";
import { completeJob, isTerminal, startJob, updateJobProgress } from "@/lib/jobs";
import { deleteStoredFiles, localPathFor } from "@/lib/storage";
import { workPaths } from "../files";
import { detectPageFields, type DetectSummary } from "../pipeline/detect-stage";
import { renderPages, type RenderSummary } from "../pipeline/render-stage";
import { formsConfig } from "../pipeline/settings";
import { validateStoredPdf } from "../pipeline/validate-stage";
import { writeFillablePdf } from "../pipeline/write-stage";
import type { FieldType } from "../types";
import type { FormsJobInput } from "./options";
import { formsJobPaths, type FormsJobRef, resultFilename } from "./paths";
import { assertStillRunning, enterStage, jobStopped, pageProgress, stageProgress } from "./progress";

/** What the first step hands to the others: keys and numbers only. */
export type FormsPlan = { inputKey: string; filename: string; pageCount: number; dpi?: number; raster?: boolean };

export type RenderStepSummary = Pick<RenderSummary, "scannedPages" | "raster" | "rasterError" | "timings">;

/** The job's result summary (`jobs.result`), also what the fields API reports. */
export type FormsResult = {
  page_count: number;
  field_count: number;
  fields_by_type: Record<FieldType, number>;
  existing_field_count: number;
  scanned_pages: number;
  raster: RenderSummary["raster"];
  warnings: string[];
};

const inputMissing = () => formsError("InputMissingError", "The uploaded PDF is no longer stored; upload it again");

async function findJob(ref: FormsJobRef): Promise<Job | null> {
  return (await db()).job.findFirst({ where: { id: ref.jobId, workspaceId: ref.workspaceId } });
}

/**
 * Stage **validating**: the job starts, the stored upload is checked again (it may have been
 * damaged since the 202) and the plan for the other stages is made. A job deleted or canceled
 * before its run began gives `{ stopped }` and the run ends quietly.
 */
export async function validateFormsJob(ref: FormsJobRef): Promise<FormsPlan | { stopped: string }> {
  const job = await findJob(ref);
  if (!job) return { stopped: "deleted" };
  if (isTerminal(job.status)) return { stopped: job.status };
  assertStillRunning(await startJob(job.id, { stage: "validating", message: "Checking the PDF" }));
  const input = await (await db()).storedFile.findFirst({ where: { jobId: job.id, workspaceId: ref.workspaceId, purpose: "input" }, orderBy: { createdAt: "desc" } });
  if (!input) throw inputMissing();
  const inputPath = localPathFor(input.storageKey);
  if (!(await fs.stat(inputPath).catch(() => null))) throw inputMissing();
  const stored = (job.input ?? {}) as Partial<FormsJobInput>;
  // The upload's inspection (page count, form facts) is on the job: the file is not parsed again.
  const known =
    typeof stored.page_count === "number"
      ? { pageCount: stored.page_count, hasAcroForm: stored.has_acroform ?? false, existingFieldCount: stored.existing_field_count ?? 0, hasXfa: false }
      : undefined;
  const summary = await validateStoredPdf({ inputPath, maxPages: formsConfig().maxPages, known });
  const n = summary.pageCount;
  assertStillRunning(
    await updateJobProgress(job.id, {
      stage: "validating",
      progress: stageProgress("validating", 1, 1),
      message: `The PDF is readable: ${n} ${n === 1 ? "page" : "pages"}`,
      data: { page: n, page_count: n },
    }),
  );
  return { inputKey: input.storageKey, filename: stored.filename ?? input.filename, pageCount: n, ...stored.options };
}

/** Stage **rendering**: every page rendered, measured and previewed on the worker pool; a retry resumes. */
export async function renderFormsJob(ref: FormsJobRef, plan: FormsPlan): Promise<RenderStepSummary> {
  await enterStage(ref.jobId, "rendering", plan.pageCount);
  const progress = pageProgress(ref.jobId, "rendering");
  const summary = await renderPages({
    inputPath: localPathFor(plan.inputKey),
    workDir: formsJobPaths(ref).workDir,
    pageCount: plan.pageCount,
    dpi: plan.dpi,
    raster: plan.raster === undefined ? undefined : { enabled: plan.raster },
    onProgress: progress.report,
  });
  return { scannedPages: summary.scannedPages, raster: summary.raster, timings: summary.timings, ...(summary.rasterError ? { rasterError: summary.rasterError } : {}) };
}

/** Stage **detecting**: fields found, labelled, typed, ordered and named from the page evidence. */
export async function detectFormsJob(ref: FormsJobRef, plan: FormsPlan): Promise<DetectSummary> {
  await enterStage(ref.jobId, "detecting", plan.pageCount);
  const progress = pageProgress(ref.jobId, "detecting");
  return detectPageFields({ workDir: formsJobPaths(ref).workDir, pageCount: plan.pageCount, onProgress: progress.report });
}

/**
 * Stage **writing**: the fillable PDF is written into the job's folder, recorded as its result
 * (`<original>-fillable.pdf`, one record per job however often the step runs) and the job
 * succeeds with its summary and the time retention will delete it.
 */
export async function writeFormsJob(
  ref: FormsJobRef,
  plan: FormsPlan,
  done: { render: RenderStepSummary; detect: DetectSummary },
  now: () => Date = () => new Date(),
): Promise<{ resultFileId: string; result: FormsResult }> {
  await enterStage(ref.jobId, "writing", plan.pageCount);
  const paths = formsJobPaths(ref);
  const progress = pageProgress(ref.jobId, "writing");
  await writeFillablePdf({
    inputPath: localPathFor(plan.inputKey),
    workDir: paths.workDir,
    outputPath: paths.resultPath,
    onProgress: (i, n) => void progress.report(i, n).catch(() => {}),
  });
  await progress.flush();
  const file = await paths.area.registerOutput(paths.resultName, { filename: resultFilename(plan.filename), contentType: "application/pdf" });
  const result: FormsResult = {
    page_count: plan.pageCount,
    field_count: done.detect.fieldCount,
    fields_by_type: done.detect.byType,
    existing_field_count: done.detect.existingFieldCount,
    scanned_pages: done.render.scannedPages,
    raster: done.render.raster,
    warnings: done.detect.warnings,
  };
  const fields = result.field_count;
  const transition = await completeJob(ref.jobId, {
    resultFileId: file.id,
    result,
    message: `Found ${fields} ${fields === 1 ? "field" : "fields"} on ${plan.pageCount} ${plan.pageCount === 1 ? "page" : "pages"}`,
    expiresAt: new Date(now().getTime() + formsConfig().retentionMs),
  });
  if (!transition.applied) {
    // Canceled while writing: the result must not outlive the job's wish to stop.
    await deleteStoredFiles([file]);
    throw jobStopped(transition.job.status);
  }
  // Page evidence (up to a few hundred KB a page) served detection only; previews and fields.json stay for the page.
  await fs.rm(path.dirname(workPaths(paths.workDir).evidence(0)), { recursive: true, force: true });
  return { resultFileId: file.id, result };
}

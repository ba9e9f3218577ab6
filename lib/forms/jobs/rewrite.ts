import fs from "node:fs/promises";
import { db } from "@/lib/db";
import { completeJob } from "@/lib/jobs";
import { localPathFor } from "@/lib/storage";
import { formsError } from "../error-types";
import { workPaths } from "../files";
import { readFieldsFile } from "../pipeline/cleanup";
import { writeFillablePdf } from "../pipeline/write-stage";
import type { FieldType } from "../types";
import { formsJobFailure } from "./failure";
import { formsJobPaths, type FormsJobRef, resultFilename } from "./paths";
import { jobStopped, pageProgress } from "./progress";
import type { FormsResult } from "./run-stages";
import type { FormsLastEdit } from "./schemas";

/** Where the rebuilt PDF is written before it replaces the result: a failed rebuild leaves the result as it was. */
const NEXT_RESULT = "result.next.pdf";

type Edited = FormsResult & { last_edit?: FormsLastEdit };

/**
 * The `writing` stage again, for an edited field list (`forms-rewrite`'s one step). The PDF is
 * rebuilt from the upload and the edited list into a new file; only then does it replace the
 * result and the edited list replace fields.json, and the job succeeds again with new counts and
 * `last_edit.status: "applied"`. A retry after a crash between those renames finds the edit
 * already in fields.json and rebuilds from there.
 */
export async function rewriteFormsJob(ref: FormsJobRef, revision: string): Promise<{ resultFileId: string; fieldCount: number }> {
  const prisma = await db();
  const job = await prisma.job.findFirst({ where: { id: ref.jobId, workspaceId: ref.workspaceId } });
  if (!job || job.status !== "running") throw jobStopped(job?.status ?? "deleted");
  const paths = formsJobPaths(ref);
  const work = workPaths(paths.workDir);
  const pending = work.edit(revision);
  const current = await readFieldsFile(paths.workDir);
  const hasPending = Boolean(await fs.stat(pending).catch(() => null));
  if (!hasPending && current?.revision !== revision) throw formsError("InputMissingError", "The edited field list is no longer stored; edit the fields again");
  const input = await prisma.storedFile.findFirst({ where: { jobId: job.id, workspaceId: ref.workspaceId, purpose: "input" }, orderBy: { createdAt: "desc" } });
  if (!input) throw formsError("InputMissingError", "The uploaded PDF is no longer stored; upload it again");
  const fieldsPath = hasPending ? pending : work.fields;
  const edited = JSON.parse(await fs.readFile(fieldsPath, "utf8")) as { fields: { type: FieldType }[]; pageCount: number };
  const progress = pageProgress(ref.jobId, "writing");
  const next = paths.area.localPath(NEXT_RESULT);
  await writeFillablePdf({
    inputPath: localPathFor(input.storageKey),
    workDir: paths.workDir,
    fieldsPath,
    outputPath: next,
    onProgress: (i, n) => void progress.report(i, n).catch(() => {}),
    tenant: ref.workspaceId,
  });
  await progress.flush();
  await fs.rename(next, paths.resultPath);
  if (hasPending) await fs.rename(pending, work.fields);
  const filename = (job.input as { filename?: string } | null)?.filename ?? input.filename;
  const file = await paths.area.registerOutput(paths.resultName, { filename: resultFilename(filename), contentType: "application/pdf" });
  const byType: Record<FieldType, number> = { text: 0, checkbox: 0, signature: 0 };
  for (const f of edited.fields) byType[f.type]++;
  const previous = (job.result ?? {}) as Edited;
  const n = edited.fields.length;
  const result: Edited = {
    ...previous,
    field_count: n,
    fields_by_type: byType,
    ...(previous.last_edit ? { last_edit: { ...previous.last_edit, status: "applied" } } : {}),
  };
  // Retention keeps its original deadline: an edit does not extend how long the upload is kept.
  const done = await completeJob(ref.jobId, { resultFileId: file.id, result, message: `Rebuilt the PDF with ${n} ${n === 1 ? "field" : "fields"} after an edit` });
  if (!done.applied) throw jobStopped(done.job.status);
  return { resultFileId: file.id, fieldCount: n };
}

/**
 * `forms-rewrite` failed for good: the job succeeds again with its previous result and field list
 * (neither was replaced), the edit marked failed with its error, and the message says so. A job
 * deleted or canceled meanwhile is left to the clean-up.
 */
export async function restoreAfterFailedRewrite(ref: FormsJobRef, revision: string, error: unknown): Promise<void> {
  const paths = formsJobPaths(ref);
  await fs.rm(workPaths(paths.workDir).edit(revision), { force: true });
  await fs.rm(paths.area.localPath(NEXT_RESULT), { force: true });
  const job = await (await db()).job.findFirst({ where: { id: ref.jobId, workspaceId: ref.workspaceId } });
  if (!job || job.status !== "running") return;
  const failure = formsJobFailure(error);
  const previous = (job.result ?? {}) as Edited;
  await completeJob(ref.jobId, {
    result: { ...previous, ...(previous.last_edit ? { last_edit: { ...previous.last_edit, status: "failed", error: failure } } : {}) },
    message: `The rebuild failed (${failure.detail}); the previous fillable PDF is still the result`,
  });
}

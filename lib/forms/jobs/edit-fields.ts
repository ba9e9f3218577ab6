import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { appError, conflict, validationFailed } from "@/lib/errors";
import type { EventSender } from "@/lib/events/sender";
import { completeJob, reopenJob } from "@/lib/jobs";
import { logger } from "@/lib/logging";
import { formsEvents } from "../events";
import { writeFileAtomic, workPaths } from "../files";
import { readFieldsFile } from "../pipeline/cleanup";
import type { FieldsFile } from "../pipeline/fields-file";
import { checkEditedFields, clampToPage, type ReviewPage } from "../review/check-fields";
import { diffFields } from "../review/diff-fields";
import type { EditedField, EditFieldsBody } from "../review/edit-schema";
import type { DetectedField } from "../types";
import { formsJobPaths } from "./paths";
import { formsJob } from "./present-fields";
import { STAGE_SPAN } from "./progress";
import type { FormsResult } from "./run-stages";
import type { FormsEditAccepted, FormsLastEdit } from "./schemas";

export type Editor = { workspaceId: string; userId: string; name: string | null; email: string };

const r2 = (n: number) => Math.round(n * 100) / 100;

/** The pages as the fields API reports them: the space edited boxes are checked in. */
export const reviewPages = (file: FieldsFile): ReviewPage[] => file.pages.map((p) => ({ page: p.index + 1, width: p.size.width, height: p.size.height }));

/** The detected list in the API's shape (as GET rounds it), for diffing against an edit. */
const asApiFields = (file: FieldsFile) =>
  file.fields.map((f) => ({ name: f.name ?? "", type: f.type, page: f.page + 1, box: { x: r2(f.box.x), y: r2(f.box.y), width: r2(f.box.width), height: r2(f.box.height) } }));

/**
 * An edited field as the writer takes it. A field that continues a detected one unchanged keeps
 * what detection knew (score, source, label, multiline, comb); one a person drew, moved, resized
 * or retyped is `manual`. Boxes overhanging the page within the tolerance are cut to it.
 */
function toDetected(f: EditedField, previous: DetectedField | undefined, unchanged: boolean, page: ReviewPage): DetectedField {
  const text = f.type === "text";
  const label = f.label === undefined ? previous?.label : (f.label ?? undefined);
  const multiline = text ? (f.multiline ?? (previous?.type === "text" ? previous.multiline : undefined)) : undefined;
  const comb = text ? (f.comb ?? (previous?.type === "text" ? previous.comb : undefined)) : undefined;
  return {
    page: f.page - 1,
    box: clampToPage(f.box, page),
    type: f.type,
    name: f.name,
    score: unchanged && previous ? previous.score : 1,
    source: unchanged && previous ? previous.source : "manual",
    ...(label ? { label } : {}),
    ...(multiline ? { multiline: true } : {}),
    ...(comb ? { comb } : {}),
  };
}

/**
 * `PUT /api/v1/forms/{id}/fields`: a person's edit of a finished job's fields. The list is checked
 * against the job's pages (422 naming each bad field), stored beside the current list (which stays
 * until the rebuild succeeds), the job goes back to `running` in its `writing` stage with an
 * `edited` event on its timeline (who, how many fields added, removed, changed), and
 * `forms/fields.edited` starts the rebuild. Only a succeeded job can be edited (409 while it runs,
 * after it failed or was canceled; 410 after retention); of two edits at once, one wins.
 */
export async function editFormsFields(editor: Editor, jobId: string, body: EditFieldsBody, send: EventSender, now: () => Date = () => new Date()): Promise<FormsEditAccepted> {
  const job = await formsJob(editor.workspaceId, jobId);
  if (job.status !== "succeeded") {
    throw conflict(
      job.status === "failed" || job.status === "canceled"
        ? `The job ${job.status === "failed" ? "failed" : "was canceled"}; there is nothing to edit`
        : "The job is still running; edit its fields once it succeeded",
      { status: job.status, stage: job.stage },
    );
  }
  const ref = { workspaceId: editor.workspaceId, jobId };
  const { workDir } = formsJobPaths(ref);
  const file = await readFieldsFile(workDir);
  if (!file) throw conflict("The job has no detected fields to edit", { status: job.status });
  const pages = reviewPages(file);
  const issues = checkEditedFields(body.fields, pages);
  if (issues.length > 0) {
    const n = new Set(issues.map((i) => i.index)).size;
    throw validationFailed(
      `${n} ${n === 1 ? "field is" : "fields are"} not valid`,
      issues.map((i) => ({ path: `body.fields.${i.index}.${i.part}`, message: `Field ${i.index} ("${body.fields[i.index].name}"): ${i.message}`, code: `invalid_${i.part}` })),
    );
  }
  const diff = diffFields(asApiFields(file), body.fields);
  const byNumber = new Map(pages.map((p) => [p.page, p]));
  const fields = body.fields.map((f, i) => {
    const j = diff.origin[i];
    const before = j === -1 ? undefined : file.fields[j];
    const same = before !== undefined && before.type === f.type && before.page + 1 === f.page && Math.abs(r2(before.box.x) - f.box.x) < 0.01 && Math.abs(r2(before.box.y) - f.box.y) < 0.01 && Math.abs(r2(before.box.width) - f.box.width) < 0.01 && Math.abs(r2(before.box.height) - f.box.height) < 0.01;
    return toDetected(f, before, same, byNumber.get(f.page)!);
  });
  const revision = randomBytes(12).toString("hex");
  const pending = workPaths(workDir).edit(revision);
  await writeFileAtomic(pending, JSON.stringify({ ...file, fields, revision } satisfies FieldsFile));

  const previous = (job.result ?? {}) as FormsResult;
  const edit: FormsLastEdit = { revision, status: "rebuilding", at: now().toISOString(), by: editor.name || editor.email, added: diff.added, removed: diff.removed, changed: diff.changed };
  const parts = [`${diff.added} added`, `${diff.removed} removed`, `${diff.changed} changed`].join(", ");
  const reopened = await reopenJob(jobId, {
    stage: "writing",
    progress: STAGE_SPAN.writing[0],
    message: `Fields edited (${parts}); rebuilding the PDF with ${fields.length} ${fields.length === 1 ? "field" : "fields"}`,
    result: { ...previous, last_edit: edit },
    event: { type: "edited", data: { revision, by_user_id: editor.userId, by: edit.by, added: diff.added, removed: diff.removed, changed: diff.changed, field_count: fields.length } },
  });
  if (!reopened.applied) {
    await fs.rm(pending, { force: true });
    throw conflict("The job changed meanwhile (another edit is being applied, or it was deleted); reload its fields and edit again", { status: reopened.job.status });
  }
  try {
    await send(formsEvents.fieldsEdited, { job_id: jobId, workspace_id: editor.workspaceId, revision }, { id: `forms-edited-${revision}` });
  } catch (error) {
    logger().error({ err: error, job_id: jobId }, "forms: could not queue the rebuild; restoring the previous result");
    await fs.rm(pending, { force: true });
    await completeJob(jobId, {
      result: { ...previous, last_edit: { ...edit, status: "failed", error: { type: "QueueUnavailableError", detail: "The rebuild could not be queued" } } },
      message: "The edit could not be queued for rebuilding; the previous fillable PDF is still the result",
    });
    throw appError("ServiceUnavailableError", "The edit could not be queued for rebuilding; the previous result is kept. Try again in a moment", undefined, { "Retry-After": "5" });
  }
  return { job_id: jobId, status: "running", stage: "writing", revision, field_count: fields.length, added: diff.added, removed: diff.removed, changed: diff.changed };
}

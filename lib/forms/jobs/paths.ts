import path from "node:path";
import { jobWorkArea } from "@/lib/storage";

/** Every job's folder lives at `<workspace>/forms-jobs/<job id>/` in storage, beside the workspace's other files. */
export const FORMS_JOBS_FOLDER = "forms-jobs"; // `${kind}-jobs`, as lib/storage/work-area.ts names it

/** `jobs.kind` of every forms job. */
export const FORMS_JOB_KIND = "forms";

export type FormsJobRef = { jobId: string; workspaceId: string };

/**
 * Where a forms job keeps its files in local storage: `work/` (page evidence, previews,
 * fields.json) and the result PDF. Under the storage root rather than a temp folder so that every
 * process sharing STORAGE_DIR (web, workers) sees the files a previous step wrote.
 */
export function formsJobPaths(ref: FormsJobRef) {
  const area = jobWorkArea({ kind: FORMS_JOB_KIND, ...ref });
  return {
    area,
    dir: area.dir,
    workDir: path.join(area.dir, "work"),
    /** The result's name in the work area: one per job, so a retried writing step replaces rather than adds. */
    resultName: "result.pdf",
    resultKey: area.key("result.pdf"),
    resultPath: area.localPath("result.pdf"),
  };
}

/** `<original>-fillable.pdf`: the name the result is downloaded as. */
export function resultFilename(original: string): string {
  const stem = original.replace(/\.pdf$/i, "").trim() || "form";
  return `${stem}-fillable.pdf`;
}

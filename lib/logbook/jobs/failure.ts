import { isAppError } from "@/lib/errors";
import { failJobFromRun, type JobFailure, toJobFailure } from "@/lib/jobs";
import { logbookErrors } from "../errors";
import { endEightASession } from "./fetch-stage";
import { LOGBOOK_JOB_KIND, type LogbookJobRef } from "./types";
import { removeWorkFiles } from "./work-files";

const USER_FACING: ReadonlySet<string> = new Set([...Object.keys(logbookErrors.table), "NotFoundError"]);

/**
 * `{type, detail}` for a failed sync (the shared mapping, lib/jobs): only the logbook's own types
 * keep their message (written for people, secret-free); a source deleted mid-sync reads as such.
 */
export function logbookJobFailure(error: unknown): JobFailure {
  const failure = toJobFailure(error, USER_FACING);
  if (failure.type === "NotFoundError") return { type: "SourceRemovedError", detail: "The logbook source was removed while it synced" };
  if (failure.type === "InternalError") return { type: "InternalError", detail: "The sync failed unexpectedly; try again" };
  return failure;
}

/** Retrying cannot help: the site's answer is final (bad password, no such profile, no password here). */
export function isPermanentLogbookFailure(error: unknown): boolean {
  return isAppError(error) && ((error as { permanent?: boolean }).permanent === true || error.status === 404 || error.status === 409);
}

/** The sync's 8a.nu session and work files (the result CSV is a stored file, removed with the job's files). */
export async function removeLogbookWorkArea(ref: { jobId: string; workspaceId: string | null }): Promise<void> {
  endEightASession(ref);
  if (!ref.workspaceId) return;
  await removeWorkFiles({ jobId: ref.jobId, workspaceId: ref.workspaceId, sourceId: "" }, ["raw.csv", "clean.json"]);
}

/** The run failed for good: the job fails with its type, the 8a.nu session and work files go. */
export async function failLogbookJob(ref: LogbookJobRef, error: unknown): Promise<JobFailure> {
  endEightASession(ref);
  return failJobFromRun(ref, error, {
    kind: LOGBOOK_JOB_KIND,
    userFacing: USER_FACING,
    toFailure: logbookJobFailure,
    cleanUp: async (r) => {
      await removeLogbookWorkArea(r);
      return { files: 0 };
    },
  });
}

import { isAppError } from "@/lib/errors";
import { failJob } from "@/lib/jobs";
import { logger } from "@/lib/logging";
import { LOGBOOK_ERROR_TYPES } from "../errors";
import { endEightASession } from "./fetch-stage";
import type { LogbookJobRef } from "./types";
import { removeWorkFiles } from "./work-files";

type ErrorLike = { name?: unknown; message?: unknown; cause?: unknown };
const USER_FACING = new Set<string>([...LOGBOOK_ERROR_TYPES, "NotFoundError"]);

/**
 * `{type, detail}` for a failed sync. A run's error reaches `onFailure` serialized (name, message,
 * cause); only the logbook's own types keep their message (written for people, secret-free).
 */
export function logbookJobFailure(error: unknown): { type: string; detail: string } {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (isAppError(current) && USER_FACING.has(current.type)) return { type: current.type, detail: current.message };
    const e = current as ErrorLike;
    if (typeof e.name === "string" && USER_FACING.has(e.name) && typeof e.message === "string") {
      return e.name === "NotFoundError" ? { type: "SourceRemovedError", detail: "The logbook source was removed while it synced" } : { type: e.name, detail: e.message };
    }
    current = e.cause;
  }
  return { type: "InternalError", detail: "The sync failed unexpectedly; try again" };
}

/** Retrying cannot help: the site's answer is final (bad password, no such profile, no password here). */
export function isPermanentLogbookFailure(error: unknown): boolean {
  return isAppError(error) && ((error as { permanent?: boolean }).permanent === true || error.status === 404 || error.status === 409);
}

/** The run failed for good: the job fails with its type, the 8a.nu session and work files go. */
export async function failLogbookJob(ref: LogbookJobRef, error: unknown) {
  endEightASession(ref);
  const failure = logbookJobFailure(error);
  try {
    await failJob(ref.jobId, failure);
  } catch (cause) {
    if (!(isAppError(cause) && cause.status === 404)) throw cause;
  }
  await removeWorkFiles(ref, ["raw.csv", "clean.json"]);
  logger().info({ job_id: ref.jobId, error_type: failure.type }, "logbook: sync failed");
  return failure;
}

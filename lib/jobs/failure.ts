import type { Prisma } from "@prisma/client";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { failJob } from "./transitions";

/** What a failed job records: `error.type` and `error.detail`. */
export type JobFailure = { type: string; detail: string };

export const INTERNAL_FAILURE: JobFailure = { type: "InternalError", detail: "Processing failed unexpectedly; try again or contact support" };

type ErrorLike = { name?: unknown; message?: unknown; cause?: unknown };

/**
 * `{type, detail}` for a failed job. An AppError carries a type and a message written for users.
 * A run's error reaches `onFailure` serialized (name, message, cause), no longer an AppError: only
 * the pipeline's own error types (`userFacing`, its registry entry's error table) keep their
 * message there. Wrappers (NonRetriableError, step errors) are looked through to the cause;
 * anything else is an InternalError, since its message may hold paths or library internals.
 */
export function toJobFailure(error: unknown, userFacing: ReadonlySet<string> = new Set()): JobFailure {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (isAppError(current)) return { type: current.type, detail: current.message };
    const e = current as ErrorLike;
    if (typeof e.name === "string" && userFacing.has(e.name) && typeof e.message === "string") return { type: e.name, detail: e.message };
    current = e.cause;
  }
  return INTERNAL_FAILURE;
}

/** Input the pipeline cannot process however often it tries: fail at once instead of retrying. */
export function isPermanentFailure(error: unknown): boolean {
  return isAppError(error) && error.status >= 400 && error.status < 500;
}

export type JobRef = { jobId: string; workspaceId: string | null };

/**
 * A pipeline function's `onFailure`: the job ends `failed` with a typed error (a job deleted
 * meanwhile is no error), then the pipeline's clean-up removes its work area and files.
 */
export async function failJobFromRun(
  ref: JobRef,
  error: unknown,
  pipeline: {
    kind: string;
    userFacing: ReadonlySet<string>;
    /** A pipeline's own reading of a failure (it renames or rewords some types); default `toJobFailure`. */
    toFailure?: (error: unknown) => JobFailure;
    cleanUp?: (ref: JobRef) => Promise<{ files: number }>;
    /** The pipeline's own record of the failure (its timeline entry): commits with the job's failure or not at all. */
    alsoWrite?: (tx: Prisma.TransactionClient, failure: JobFailure) => Promise<void>;
  },
): Promise<JobFailure> {
  const failure = pipeline.toFailure ? pipeline.toFailure(error) : toJobFailure(error, pipeline.userFacing);
  const alsoWrite = pipeline.alsoWrite;
  try {
    await failJob(ref.jobId, failure, alsoWrite ? { alsoWrite: (tx) => alsoWrite(tx, failure) } : {});
  } catch (cause) {
    if (!(isAppError(cause) && cause.status === 404)) throw cause;
  }
  const cleaned = pipeline.cleanUp ? await pipeline.cleanUp(ref) : { files: 0 };
  logger().info({ job_id: ref.jobId, kind: pipeline.kind, error_type: failure.type, files_removed: cleaned.files }, "job failed");
  return failure;
}

import { failJobFromRun, type JobFailure, toJobFailure } from "@/lib/jobs";
import { formsErrors } from "../error-types";
import { cleanUpStoppedFormsJob } from "./cleanup";
import type { FormsJobRef } from "./paths";

export { isPermanentFailure } from "@/lib/jobs";

/** The forms error types keep their user-facing message even when a run's error arrives serialized. */
const USER_FACING: ReadonlySet<string> = new Set(Object.keys(formsErrors.table));

/** `{type, detail}` for a failed forms job, looking through wrappers (NonRetriableError, step errors) to the cause. */
export function formsJobFailure(error: unknown): JobFailure {
  return toJobFailure(error, USER_FACING);
}

/**
 * The run failed for good: the job ends `failed` with a typed error, and its folder (work files,
 * partial result) and stored files go. A job deleted meanwhile only has its folder removed.
 */
export async function failFormsJob(ref: FormsJobRef, error: unknown): Promise<JobFailure> {
  return failJobFromRun(ref, error, { kind: "forms", userFacing: USER_FACING, cleanUp: cleanUpStoppedFormsJob });
}

import os from "node:os";
import { NonRetriableError } from "inngest";
import { getEnv } from "@/lib/env";
import { formsConfig } from "@/lib/forms";
import { isPermanentFailure } from "@/lib/jobs";
import { jobCanceled } from "../events";

/** Bad input fails at once: retrying cannot repair a damaged PDF (or undo a canceled job). */
export async function once<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPermanentFailure(error)) throw new NonRetriableError((error as Error).message, { cause: error });
    throw error;
  }
}

/** Steps of the forms functions in flight at once (FORMS_CONCURRENCY, else one per core); read at import, so never throws. */
export function concurrencyLimit(): number {
  try {
    return formsConfig().concurrency;
  } catch {
    return os.availableParallelism();
  }
}

/** Steps one workspace may have in flight (FORMS_WORKSPACE_CONCURRENCY); read at import, so never throws. */
export function workspaceLimit(): number {
  try {
    return getEnv().FORMS_WORKSPACE_CONCURRENCY;
  } catch {
    return 1;
  }
}

/** A per-workspace cap and a global one; a tuple, as the SDK types a list of caps. */
type FormsConcurrency = [{ key: string; limit: number }, { limit: number }];

/**
 * Retries, concurrency and cancellation of every forms function: a rewrite runs the same CPU-heavy
 * writing stage as forms-process, so it gets the same limits (each function its own slots, as
 * caps without a scope are per function), and a canceled job stops whichever of them is running.
 */
export function formsFlowControl() {
  // CPU-heavy steps: at most FORMS_WORKSPACE_CONCURRENCY per workspace, so one workspace's queue
  // cannot take every slot of the global cap (FORMS_CONCURRENCY) from the others.
  const concurrency: FormsConcurrency = [{ key: "event.data.workspace_id", limit: workspaceLimit() }, { limit: concurrencyLimit() }];
  return {
    // Transient trouble (a worker crash, the database restarting) gets two more tries; bad input none.
    retries: 2 as const,
    concurrency,
    cancelOn: [{ event: jobCanceled, if: "async.data.job_id == event.data.job_id" }],
  };
}

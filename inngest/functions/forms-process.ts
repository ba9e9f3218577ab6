import os from "node:os";
import { type Inngest, NonRetriableError } from "inngest";
import { getEnv } from "@/lib/env";
import { formsConfig } from "@/lib/forms";
import { detectFormsJob, failFormsJob, renderFormsJob, validateFormsJob, writeFormsJob } from "@/lib/forms/jobs";
import { isPermanentFailure } from "@/lib/jobs";
import { inngest } from "../client";
import { formsPdfUploaded, jobCanceled } from "../events";

/** Bad input fails at once: retrying cannot repair a damaged PDF (or undo a canceled job). */
export async function once<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPermanentFailure(error)) throw new NonRetriableError((error as Error).message, { cause: error });
    throw error;
  }
}

/** Steps of this function in flight at once (FORMS_CONCURRENCY, else one per core); read at import, so never throws. */
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

/**
 * forms-process: an uploaded PDF becomes fillable, one durable step per stage. Each step calls one
 * lib/forms/jobs function, which moves the job's stage and reports progress page by page; steps
 * hand each other ids, storage keys and small summaries, never file contents. A deleted or
 * canceled job cancels the run (`jobs/job.canceled`); a run that fails for good marks the job
 * failed with a typed error and removes its files.
 */
export function createFormsProcess(client: Inngest) {
  return client.createFunction(
    {
      id: "forms-process",
      name: "Forms: make a PDF fillable",
      triggers: [formsPdfUploaded],
      // Transient trouble (a worker crash, the database restarting) gets two more tries; bad input none.
      retries: 2,
      // CPU-heavy steps: at most FORMS_WORKSPACE_CONCURRENCY per workspace, so one workspace's queue
      // cannot take every slot of the global cap (FORMS_CONCURRENCY) from the others.
      concurrency: [
        { key: "event.data.workspace_id", limit: workspaceLimit() },
        { limit: concurrencyLimit() },
      ],
      cancelOn: [{ event: jobCanceled, if: "async.data.job_id == event.data.job_id" }],
      onFailure: async ({ event, error, step }) => {
        const data = event.data.event.data as { job_id: string; workspace_id: string };
        await step.run("fail-job", () => failFormsJob({ jobId: data.job_id, workspaceId: data.workspace_id }, error));
      },
    },
    async ({ event, step }) => {
      const ref = { jobId: event.data.job_id, workspaceId: event.data.workspace_id };
      const plan = await step.run("validating", () => once(() => validateFormsJob(ref)));
      if ("stopped" in plan) return { job_id: ref.jobId, stopped: plan.stopped };
      const render = await step.run("rendering", () => once(() => renderFormsJob(ref, plan)));
      const detect = await step.run("detecting", () => once(() => detectFormsJob(ref, plan)));
      const written = await step.run("writing", () => once(() => writeFormsJob(ref, plan, { render, detect })));
      return { job_id: ref.jobId, result_file_id: written.resultFileId, field_count: written.result.field_count };
    },
  );
}

export const formsProcess = createFormsProcess(inngest);

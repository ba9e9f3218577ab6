import type { Inngest } from "inngest";
import { detectFormsJob, failFormsJob, renderFormsJob, validateFormsJob, writeFormsJob } from "@/lib/forms/jobs";
import { inngest } from "../client";
import { formsPdfUploaded } from "../events";
import { formsFlowControl, once } from "./forms-flow-control";

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
      ...formsFlowControl(),
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

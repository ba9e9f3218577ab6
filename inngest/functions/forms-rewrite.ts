import type { Inngest } from "inngest";
import { restoreAfterFailedRewrite, rewriteFormsJob } from "@/lib/forms/jobs";
import { formsFieldsEdited } from "../events";
import { inngest } from "../client";
import { formsFlowControl, once } from "./forms-flow-control";

/**
 * forms-rewrite: a person edited a finished job's fields (`PUT /api/v1/forms/{id}/fields`); the
 * `writing` stage runs again as one durable step, retried on its own like forms-process's steps
 * (and, memoized, never run again once it succeeded). The step replaces the result only once the
 * rebuilt PDF is written; a rebuild that fails for good restores the job to `succeeded` with its
 * previous PDF and fields instead of failing it (the user still has a usable result).
 */
export function createFormsRewrite(client: Inngest) {
  return client.createFunction(
    {
      id: "forms-rewrite",
      name: "Forms: rebuild the PDF from edited fields",
      triggers: [formsFieldsEdited],
      ...formsFlowControl(),
      onFailure: async ({ event, error, step }) => {
        const data = event.data.event.data as { job_id: string; workspace_id: string; revision: string };
        await step.run("restore-previous-result", () => restoreAfterFailedRewrite({ jobId: data.job_id, workspaceId: data.workspace_id }, data.revision, error));
      },
    },
    async ({ event, step }) => {
      const ref = { jobId: event.data.job_id, workspaceId: event.data.workspace_id };
      const written = await step.run("writing", () => once(() => rewriteFormsJob(ref, event.data.revision)));
      return { job_id: ref.jobId, revision: event.data.revision, result_file_id: written.resultFileId, field_count: written.fieldCount };
    },
  );
}

export const formsRewrite = createFormsRewrite(inngest);

import type { Inngest } from "inngest";
import { cleanUpCanceledJob } from "@/lib/jobs";
import { PIPELINES } from "@/lib/pipelines/registry";
import { inngest } from "../client";
import { jobCanceled } from "../events";

/**
 * jobs-cleanup: a canceled or deleted job's work area and files go at once, and again a minute
 * later for whatever the canceled run's last step (already running when the cancel came) wrote
 * after that. One function for every pipeline: it dispatches on the job's kind.
 */
export function createJobsCleanup(client: Inngest) {
  return client.createFunction(
    { id: "jobs-cleanup", name: "Jobs: remove a canceled job's files", triggers: [jobCanceled], retries: 3 },
    async ({ event, step }) => {
      const ref = { jobId: event.data.job_id, workspaceId: event.data.workspace_id };
      const first = await step.run("remove-files", () => cleanUpCanceledJob(ref, PIPELINES));
      if (!first.removed) return first;
      await step.sleep("let-the-run-stop", "1m");
      return step.run("remove-late-files", () => cleanUpCanceledJob(ref, PIPELINES));
    },
  );
}

export const jobsCleanup = createJobsCleanup(inngest);

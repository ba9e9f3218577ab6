import type { Inngest } from "inngest";
import { cleanUpStoppedFormsJob } from "@/lib/forms/jobs";
import { inngest } from "../client";
import { jobCanceled } from "../events";

/**
 * forms-cleanup: a canceled or deleted forms job's files go at once, and again a minute later for
 * whatever the canceled run's last step (already running when the cancel came) wrote after that.
 * Jobs of other pipelines are left alone.
 */
export function createFormsCleanup(client: Inngest) {
  return client.createFunction(
    { id: "forms-cleanup", name: "Forms: remove a canceled job's files", triggers: [jobCanceled], retries: 3 },
    async ({ event, step }) => {
      const ref = { jobId: event.data.job_id, workspaceId: event.data.workspace_id };
      const first = await step.run("remove-files", () => cleanUpStoppedFormsJob(ref));
      if (!first.removed) return first;
      await step.sleep("let-the-run-stop", "1m");
      return step.run("remove-late-files", () => cleanUpStoppedFormsJob(ref));
    },
  );
}

export const formsCleanup = createFormsCleanup(inngest);

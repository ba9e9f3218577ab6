import { cron, type Inngest } from "inngest";
import { expireEveryPipeline } from "@/lib/jobs";
import { PIPELINES } from "@/lib/pipelines/registry";
import { inngest } from "../client";

/**
 * jobs-expire: every 15 minutes, results past their kind's retention (each pipeline's retention
 * setting, e.g. FORMS_RETENTION) are deleted (the job keeps its record, marked expired), then each
 * pipeline sweeps the work folders nothing needs any more. One cron for every pipeline.
 */
export function createJobsExpire(client: Inngest) {
  return client.createFunction(
    {
      id: "jobs-expire",
      name: "Jobs: delete expired results",
      triggers: [cron("*/15 * * * *")],
      // A slow sweep must not overlap the next one.
      singleton: { mode: "skip" },
      retries: 1,
    },
    async ({ step }) => step.run("expire", () => expireEveryPipeline(PIPELINES, new Date())),
  );
}

export const jobsExpire = createJobsExpire(inngest);

import { logger } from "@/lib/logging";

/**
 * Asks the durable run behind a job to stop: the event `jobs/job.canceled`, which pipeline
 * functions list in `cancelOn`. Best effort: the job is already marked canceled, so a failed send
 * only lets the run finish its current step, whose transitions are then ignored.
 */
export async function emitJobCanceled(event: { jobId: string; workspaceId: string }): Promise<void> {
  try {
    // Loaded on use: reading job state must not construct the Inngest client.
    const [{ inngest }, { jobCanceled }] = await Promise.all([import("@/inngest/client"), import("@/inngest/events")]);
    // The id makes a repeated cancellation one event.
    await inngest.send(jobCanceled.create({ job_id: event.jobId, workspace_id: event.workspaceId }, { id: `job-canceled-${event.jobId}` }));
  } catch (error) {
    logger().warn({ err: error, job_id: event.jobId }, "could not emit jobs/job.canceled");
  }
}

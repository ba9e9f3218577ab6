import type { EventSender } from "@/lib/events/sender";
import { logger } from "@/lib/logging";
import { jobEvents } from "./events";

/**
 * Asks the durable run behind a job to stop: the event `jobs/job.canceled`, which pipeline
 * functions list in `cancelOn`. Best effort: the job is already marked canceled, so a failed send
 * only lets the run finish its current step, whose transitions are then ignored.
 */
export async function emitJobCanceled(event: { jobId: string; workspaceId: string }, send: EventSender): Promise<void> {
  try {
    // The id makes a repeated cancellation one event.
    await send(jobEvents.canceled, { job_id: event.jobId, workspace_id: event.workspaceId }, { id: `job-canceled-${event.jobId}` });
  } catch (error) {
    logger().warn({ err: error, job_id: event.jobId }, "could not emit jobs/job.canceled");
  }
}

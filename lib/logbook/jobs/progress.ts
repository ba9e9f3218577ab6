import { AppError } from "@/lib/errors";
import { isTerminal, updateJobProgress } from "@/lib/jobs";
import { STAGE_SPAN, type LogbookStage } from "./types";

export const jobStopped = (status: string) => new AppError("JobStoppedError", `The job is ${status}; the sync stopped`, 409, { status });

/** Moves the job to a stage (or reports within it); a job canceled or deleted meanwhile stops the step. */
export async function reportStage(jobId: string, stage: LogbookStage, fraction: number, message: string, data?: Record<string, number | string>) {
  const [start, end] = STAGE_SPAN[stage];
  const transition = await updateJobProgress(jobId, { stage, progress: start + (end - start) * Math.min(1, Math.max(0, fraction)), message, data });
  if (!transition.applied && isTerminal(transition.job.status)) throw jobStopped(transition.job.status);
}

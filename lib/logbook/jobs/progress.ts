import { stageRunner } from "@/lib/jobs";
import { LOGBOOK_STAGES, type LogbookStage } from "./types";

export { jobStopped } from "@/lib/jobs";

const runner = stageRunner(LOGBOOK_STAGES);

/** Moves the job to a stage (or reports within it); a job canceled or deleted meanwhile stops the step. */
export async function reportStage(jobId: string, stage: LogbookStage, fraction: number, message: string, data?: Record<string, number | string>) {
  await runner.enter(jobId, stage, { message, fraction, data });
}

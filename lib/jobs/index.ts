export { createJob, type CreateJobInput } from "./create-job";
export {
  startJob,
  updateJobProgress,
  completeJob,
  failJob,
  cancelJob,
  reopenJob,
  isTerminal,
  type Transition,
} from "./transitions";
export { getJob, listJobs, listJobEvents, type ListJobsOptions } from "./read";
export { getSystemJob, listSystemJobs, listSystemJobEvents, type SystemJobViewer } from "./read-system";
export { toJobResponse, toJobEventResponse, jobResultUrl } from "./presenter";
export { deleteJob, requestJobCancellation } from "./delete-job";
export { expireJobResults, type ExpireResult } from "./expire-results";
export { openJobResult, resultExpired } from "./job-result";
export { emitJobCanceled } from "./emit";
export { registerJobGauges, jobDurationHistogram } from "./metrics";
export { encodeCursor, decodeCursor } from "./cursor";
export * from "./schemas";
export { stageRunner, stageSpans, stageProgress, jobStopped, assertStillRunning, type StageSpec, type StageSpans, type StageReport } from "./stages";
export { toJobFailure, isPermanentFailure, failJobFromRun, INTERNAL_FAILURE, type JobFailure, type JobRef } from "./failure";
export { cleanUpStoppedJob, cleanUpCanceledJob, type CleanUpSpec } from "./clean-up";
export { expireEveryPipeline, retentionDeadline, type RetentionSpec } from "./retention";

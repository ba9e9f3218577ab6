export { createJob, type CreateJobInput } from "./create-job";
export {
  startJob,
  updateJobProgress,
  completeJob,
  failJob,
  cancelJob,
  isTerminal,
  type Transition,
} from "./transitions";
export { getJob, listJobs, listJobEvents, type ListJobsOptions } from "./read";
export { toJobResponse, toJobEventResponse, jobResultUrl } from "./presenter";
export { deleteJob, requestJobCancellation } from "./delete-job";
export { expireJobResults, type ExpireResult } from "./expire-results";
export { openJobResult, resultExpired } from "./job-result";
export { emitJobCanceled } from "./emit";
export { registerJobGauges, jobDurationHistogram } from "./metrics";
export { encodeCursor, decodeCursor } from "./cursor";
export * from "./schemas";

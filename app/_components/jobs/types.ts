import type { JobEventResponse, JobResponse, JobStatusName } from "@/lib/jobs/schemas";

/**
 * The job shapes the browser gets from `GET /api/v1/jobs[/{id}[/events]]` (snake_case, as the API
 * sends them): the server's zod schemas' types, imported as types only. Server pages pass the
 * same shapes (via `toJobResponse`) as initial data.
 */
export type JobStatus = JobStatusName;
export type JobView = JobResponse;
export type JobEventView = JobEventResponse;

export const ACTIVE_STATUSES: readonly JobStatus[] = ["queued", "running"];

export function isActive(status: JobStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** A succeeded job whose artifacts retention has removed. */
export function isExpired(job: Pick<JobView, "result_expired" | "expired_at">): boolean {
  return Boolean(job.result_expired || job.expired_at);
}

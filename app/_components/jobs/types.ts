/**
 * The job shapes the browser gets from `GET /api/v1/jobs[/{id}[/events]]` (snake_case, as the API
 * sends them). Server pages pass the same shapes (via `toJobResponse`) as initial data.
 */
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "canceled";

export type JobView = {
  job_id: string;
  kind: string;
  status: JobStatus;
  stage: string | null;
  /** 0..1 */
  progress: number;
  message?: string | null;
  download_url?: string | null;
  error?: { type: string; detail: string | null } | null;
  created_at: string;
  updated_at: string;
  started_at?: string | null;
  finished_at?: string | null;
  /** When retention will delete the result. */
  expires_at?: string | null;
  /** Retention deleted the result; the job record stays. */
  result_expired?: boolean;
  expired_at?: string | null;
};

export type JobEventView = {
  id: string | number;
  type: string;
  status: JobStatus;
  stage: string | null;
  progress: number;
  message?: string | null;
  data?: Record<string, unknown> | null;
  created_at: string;
};

export const ACTIVE_STATUSES: readonly JobStatus[] = ["queued", "running"];

export function isActive(status: JobStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** A succeeded job whose artifacts retention has removed. */
export function isExpired(job: Pick<JobView, "result_expired" | "expired_at">): boolean {
  return Boolean(job.result_expired || job.expired_at);
}

import type { Job, JobEvent } from "@prisma/client";
import { getEnv } from "@/lib/env";
import type { JobEventResponse, JobResponse } from "./schemas";

/** The URL that streams a job's result. */
export function jobResultUrl(jobId: string): string {
  return `${getEnv().appUrl}/api/v1/jobs/${encodeURIComponent(jobId)}/result`;
}

/** The public shape of a job: API responses, the UI and webhooks all use this. */
export function toJobResponse(job: Job): JobResponse {
  const out: JobResponse = {
    job_id: job.id,
    kind: job.kind,
    status: job.status,
    stage: job.stage,
    progress: job.progress,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
  if (job.message) out.message = job.message;
  // Optional like message: the required fields stay exactly the documented ones.
  if (job.startedAt) out.started_at = job.startedAt.toISOString();
  if (job.finishedAt) out.finished_at = job.finishedAt.toISOString();
  if (job.status === "succeeded" && job.resultFileId && !job.expiredAt) out.download_url = jobResultUrl(job.id);
  if (job.status === "failed") out.error = { type: job.errorType ?? "JobError", detail: job.errorDetail ?? "The job failed" };
  if (job.expiredAt) {
    out.result_expired = true;
    out.expired_at = job.expiredAt.toISOString();
  } else if (job.expiresAt && job.status === "succeeded") {
    out.expires_at = job.expiresAt.toISOString();
  }
  return out;
}

export function toJobEventResponse(event: JobEvent): JobEventResponse {
  return {
    id: event.id.toString(),
    type: event.type,
    status: event.status,
    stage: event.stage,
    progress: event.progress,
    message: event.message,
    data: (event.data as Record<string, unknown> | null) ?? null,
    created_at: event.createdAt.toISOString(),
  };
}

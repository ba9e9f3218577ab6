import type { Job, JobEvent, JobStatus } from "@prisma/client";
import { db, getDatabase } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";

/**
 * One job row as Prisma's `Job`, in one prepared statement: the hot read of API polling, where
 * Prisma's per-call query compilation cost several times the query itself (docs/benchmarks.md,
 * "API"). Timestamps are read as UTC, as Prisma stores them.
 */
export const JOB_QUERY = `
  SELECT id, workspace_id AS "workspaceId", created_by_id AS "createdById", kind, status::text AS status, stage, progress,
         message, error_type AS "errorType", error_detail AS "errorDetail", input, result, result_file_id AS "resultFileId",
         created_at AT TIME ZONE 'UTC' AS "createdAt", updated_at AT TIME ZONE 'UTC' AS "updatedAt",
         started_at AT TIME ZONE 'UTC' AS "startedAt", finished_at AT TIME ZONE 'UTC' AS "finishedAt",
         expires_at AT TIME ZONE 'UTC' AS "expiresAt", expired_at AT TIME ZONE 'UTC' AS "expiredAt"
    FROM jobs
   WHERE id = $1 AND workspace_id = $2`;

/** The workspace's job; another workspace's or an unknown id is the same NotFound. */
export async function getJob(workspaceId: string, jobId: string): Promise<Job> {
  const { sql } = await getDatabase();
  const [job] = await sql.query<Job>(JOB_QUERY, [jobId, workspaceId], { name: "conveyor_get_job" });
  if (!job) throw notFound("Job");
  return job;
}

export type ListJobsOptions = { kind?: string; status?: JobStatus; cursor?: string; limit: number };

/**
 * Newest first, by keyset on (created_at, id): a page boundary is a position, not an offset, so
 * jobs created while a client pages never shift or repeat rows.
 */
export async function listJobs(workspaceId: string, opts: ListJobsOptions): Promise<{ jobs: Job[]; nextCursor: string | null }> {
  const limit = Math.min(100, Math.max(1, Math.floor(opts.limit)));
  const after = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const rows = await (await db()).job.findMany({
    where: {
      workspaceId,
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(opts.status ? { status: opts.status } : {}),
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const jobs = rows.slice(0, limit);
  const last = jobs[jobs.length - 1];
  return { jobs, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** The job's timeline in order, optionally only events after a known id (for polling). */
export async function listJobEvents(
  workspaceId: string,
  jobId: string,
  opts: { after?: string | bigint; limit?: number } = {},
): Promise<{ events: JobEvent[]; hasMore: boolean }> {
  await getJob(workspaceId, jobId);
  return eventsAfter(jobId, opts);
}

/** A job's events after `after`, oldest first, one page; the caller has checked who may read the job. */
export async function eventsAfter(jobId: string, opts: { after?: string | bigint; limit?: number }): Promise<{ events: JobEvent[]; hasMore: boolean }> {
  const limit = Math.min(1000, Math.max(1, Math.floor(opts.limit ?? 200)));
  const rows = await (await db()).jobEvent.findMany({
    where: { jobId, ...(opts.after !== undefined ? { id: { gt: BigInt(opts.after) } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return { events: rows.slice(0, limit), hasMore: rows.length > limit };
}

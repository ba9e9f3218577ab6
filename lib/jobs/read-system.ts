import type { Job, JobEvent } from "@prisma/client";
import { forbidden, notFound } from "@/lib/errors";
import { db } from "@/lib/db";
import { decodeCursor, encodeCursor } from "./cursor";
import { eventsAfter, type ListJobsOptions } from "./read";

/** Who may read system jobs: instance operators (OPERATOR_EMAILS or the user flag), whatever their workspace role. */
export type SystemJobViewer = { user: { isOperator: boolean } };

function assertOperator(viewer: SystemJobViewer): void {
  if (!viewer.user.isOperator) throw forbidden("Only instance operators can see system jobs");
}

/**
 * A system job: one of an instance-level pipeline (no workspace). Workspace read models never
 * return these (`workspaceId` is null); only operators read them, here.
 */
export async function getSystemJob(viewer: SystemJobViewer, jobId: string): Promise<Job> {
  assertOperator(viewer);
  const job = await (await db()).job.findFirst({ where: { id: jobId, workspaceId: null } });
  if (!job) throw notFound("Job");
  return job;
}

/** System jobs, newest first, keyset-paged like `listJobs`. */
export async function listSystemJobs(viewer: SystemJobViewer, opts: ListJobsOptions): Promise<{ jobs: Job[]; nextCursor: string | null }> {
  assertOperator(viewer);
  const limit = Math.min(100, Math.max(1, Math.floor(opts.limit)));
  const after = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const rows = await (await db()).job.findMany({
    where: {
      workspaceId: null,
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(opts.status ? { status: opts.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const jobs = rows.slice(0, limit);
  const last = jobs[jobs.length - 1];
  return { jobs, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** A system job's timeline, oldest first, paged like `listJobEvents`. */
export async function listSystemJobEvents(
  viewer: SystemJobViewer,
  jobId: string,
  opts: { after?: string | bigint; limit?: number } = {},
): Promise<{ events: JobEvent[]; hasMore: boolean }> {
  await getSystemJob(viewer, jobId);
  return eventsAfter(jobId, opts);
}

import type { Job, RelayJob } from "@prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/jobs";
import type { RelayJobResponse, RelayStatus } from "./schemas";

type Row = RelayJob & { job: Job };

/** The relay's four statuses over the platform's five. */
export function relayStatus(job: Pick<Job, "status">): RelayStatus {
  switch (job.status) {
    case "queued":
      return "queued";
    case "running":
      return "processing";
    case "succeeded":
      return "success";
    default:
      return "failure";
  }
}

const JOB_STATUSES: Record<RelayStatus, Job["status"][]> = {
  queued: ["queued"],
  processing: ["running"],
  success: ["succeeded"],
  failure: ["failed", "canceled"],
};

export function toRelayJobResponse(row: Row): RelayJobResponse {
  const failed = row.job.status === "failed" || row.job.status === "canceled";
  return {
    job_id: row.jobId,
    status: relayStatus(row.job),
    stage: row.job.status === "queued" ? "queued" : row.job.stage,
    filename: row.filename,
    content_type: row.contentType,
    notion_database_id: row.notionDatabaseId,
    created_at: row.createdAt.toISOString(),
    completed_at: row.job.finishedAt?.toISOString() ?? null,
    result_message: row.resultMessage ?? (failed ? (row.job.errorDetail ?? row.job.message) : null),
    notion_page_url: row.notionPageUrl,
    error: failed ? { type: row.job.errorType ?? "JobError", detail: row.job.errorDetail ?? row.job.message ?? "The job failed" } : null,
  };
}

/** One job of the workspace; another workspace's job is NotFound. */
export async function getRelayJob(workspaceId: string, jobId: string): Promise<RelayJobResponse> {
  const row = await (await db()).relayJob.findFirst({ where: { jobId, workspaceId }, include: { job: true } });
  if (!row) throw notFound("Relay job");
  return toRelayJobResponse(row);
}

/** The workspace's relay jobs, newest first, optionally of one status; keyset pages. */
export async function listRelayJobs(
  workspaceId: string,
  opts: { status?: RelayStatus; limit: number; cursor?: string },
): Promise<{ items: RelayJobResponse[]; next_cursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const rows = await (await db()).relayJob.findMany({
    where: {
      workspaceId,
      ...(opts.status ? { job: { status: { in: JOB_STATUSES[opts.status] } } } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, jobId: { lt: after.id } }] } : {}),
    },
    include: { job: true },
    orderBy: [{ createdAt: "desc" }, { jobId: "desc" }],
    take: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  return {
    items: page.map(toRelayJobResponse),
    next_cursor: rows.length > opts.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.jobId }) : null,
  };
}

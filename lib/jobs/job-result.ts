import type { Readable } from "node:stream";
import type { StoredFile } from "@prisma/client";
import { appError, conflict, notFound } from "@/lib/errors";
import { openFile } from "@/lib/storage";
import { getJob } from "./read";

export const resultExpired = () =>
  appError("ResultExpiredError", "The result was deleted after the retention period");

/**
 * The job's result artifact, ready to stream. 404 for an unknown or foreign job, 409 while the job
 * has no result yet (or failed, or was canceled), 410 once retention deleted it.
 */
export async function openJobResult(workspaceId: string, jobId: string): Promise<{ file: StoredFile; stream: Readable }> {
  const job = await getJob(workspaceId, jobId);
  if (job.expiredAt) throw resultExpired();
  if (job.status !== "succeeded") {
    const message =
      job.status === "failed" || job.status === "canceled"
        ? `The job ${job.status === "failed" ? "failed" : "was canceled"}; it has no result`
        : "The job has not finished yet; poll it and download once it succeeded";
    throw conflict(message, { status: job.status });
  }
  if (!job.resultFileId) throw notFound("Result");
  return openFile(workspaceId, job.resultFileId);
}

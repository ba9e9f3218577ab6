import { db } from "@/lib/db";
import type { EventSender } from "@/lib/events/sender";
import { deleteStoredFiles } from "@/lib/storage";
import { emitJobCanceled } from "./emit";
import { getJob } from "./read";
import { cancelJob, isTerminal, type Transition } from "./transitions";

/** Cancels an unfinished job of the workspace and asks its durable run to stop. */
export async function requestJobCancellation(workspaceId: string, jobId: string, send: EventSender, message = "Canceled"): Promise<Transition> {
  const job = await getJob(workspaceId, jobId);
  if (isTerminal(job.status)) return { job, applied: false };
  const result = await cancelJob(jobId, { message });
  if (result.applied) await emitJobCanceled({ jobId, workspaceId }, send);
  return result;
}

/**
 * Deletes a job with everything it owns: its files (uploads and artifacts, bytes first), its events
 * and the record. A job still queued or running is canceled first, so its run stops writing.
 */
export async function deleteJob(workspaceId: string, jobId: string, send: EventSender): Promise<void> {
  await requestJobCancellation(workspaceId, jobId, send, "Canceled: the job was deleted");
  const prisma = await db();
  const job = await getJob(workspaceId, jobId);
  const files = await prisma.storedFile.findMany({
    where: { workspaceId, OR: [{ jobId }, ...(job.resultFileId ? [{ id: job.resultFileId }] : [])] },
    select: { id: true, storageKey: true },
  });
  await deleteStoredFiles(files);
  // deleteMany: a concurrent delete of the same job is not an error.
  await prisma.job.deleteMany({ where: { id: jobId, workspaceId } });
}

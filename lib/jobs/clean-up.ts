import { db } from "@/lib/db";
import { deleteStoredFiles } from "@/lib/storage";
import type { JobRef } from "./failure";

const STOPPED = new Set(["failed", "canceled"]);

/** What the shared clean-up needs of a pipeline: its kind and how to remove its work area. */
export type CleanUpSpec = { kind: string; removeWorkArea?: (ref: JobRef) => Promise<void> };

/**
 * After a job stopped without a result (failed, canceled) or was deleted: its pipeline's work area
 * and every file it stored (the upload too: nothing can use it any more). A job of another
 * pipeline, or one still running or succeeded, is left alone. Idempotent.
 */
export async function cleanUpStoppedJob(ref: JobRef, spec: CleanUpSpec): Promise<{ removed: boolean; files: number }> {
  const prisma = await db();
  const job = await prisma.job.findFirst({ where: { id: ref.jobId, workspaceId: ref.workspaceId }, select: { kind: true, status: true } });
  if (job && (job.kind !== spec.kind || !STOPPED.has(job.status))) return { removed: false, files: 0 };
  await spec.removeWorkArea?.(ref);
  const files = job ? await prisma.storedFile.findMany({ where: { jobId: ref.jobId, workspaceId: ref.workspaceId ?? undefined }, select: { id: true, storageKey: true } }) : [];
  return { removed: true, files: await deleteStoredFiles(files) };
}

/**
 * The one cancellation clean-up: finds the job's kind and runs that pipeline's clean-up. A job
 * already deleted has no kind any more, so every pipeline removes its work area for it (each is
 * idempotent and touches only its own folder).
 */
export async function cleanUpCanceledJob(ref: JobRef, pipelines: readonly CleanUpSpec[]): Promise<{ removed: boolean; files: number }> {
  const job = await (await db()).job.findFirst({ where: { id: ref.jobId, workspaceId: ref.workspaceId }, select: { kind: true } });
  const targets = job ? pipelines.filter((p) => p.kind === job.kind) : pipelines;
  const total = { removed: false, files: 0 };
  for (const spec of targets) {
    const r = await cleanUpStoppedJob(ref, spec);
    total.removed ||= r.removed;
    total.files += r.files;
  }
  return total;
}

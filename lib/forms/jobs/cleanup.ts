import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { logger } from "@/lib/logging";
import { cleanUpStoppedJob } from "@/lib/jobs";
import { localStorageRoot } from "@/lib/storage";
import { FORMS_JOB_KIND, FORMS_JOBS_FOLDER, formsJobPaths } from "./paths";

const STOPPED = new Set(["failed", "canceled"]);

/** Removes the job's folder (work files, previews, a partial or finished result). Idempotent. */
export async function removeFormsJobFolder(ref: { jobId: string; workspaceId: string | null }): Promise<void> {
  // Forms jobs always belong to a workspace; a system job has no forms folder.
  if (ref.workspaceId) await fs.rm(formsJobPaths({ jobId: ref.jobId, workspaceId: ref.workspaceId }).dir, { recursive: true, force: true });
}

/**
 * After a forms job stopped without a result (failed, canceled) or was deleted: its folder and
 * every file it stored, through the shared clean-up (lib/jobs). A job of another pipeline, or one
 * still running or succeeded, is left alone.
 */
export function cleanUpStoppedFormsJob(ref: { jobId: string; workspaceId: string | null }): Promise<{ removed: boolean; files: number }> {
  return cleanUpStoppedJob(ref, { kind: FORMS_JOB_KIND, removeWorkArea: removeFormsJobFolder });
}

/**
 * Finds job folders nothing needs any more: their job was deleted, stopped without a result, or
 * its result expired. Catches what a crash or a canceled run's last in-flight step left behind.
 */
export async function sweepFormsJobFolders(): Promise<number> {
  const root = localStorageRoot();
  const prisma = await db();
  let removed = 0;
  for (const workspace of await subfolders(root)) {
    if (workspace.startsWith(".")) continue;
    const ids = await subfolders(path.join(root, workspace, FORMS_JOBS_FOLDER));
    if (ids.length === 0) continue;
    const byId = new Map<string, { status: string; expiredAt: Date | null }>();
    for (let i = 0; i < ids.length; i += 500) {
      const jobs = await prisma.job.findMany({ where: { id: { in: ids.slice(i, i + 500) }, workspaceId: workspace }, select: { id: true, status: true, expiredAt: true } });
      for (const j of jobs) byId.set(j.id, j);
    }
    for (const id of ids) {
      const job = byId.get(id);
      if (job && !job.expiredAt && !STOPPED.has(job.status)) continue;
      try {
        await removeFormsJobFolder({ workspaceId: workspace, jobId: id });
        removed++;
      } catch (error) {
        logger().warn({ err: error, job_id: id }, "forms: could not remove a job folder; the next sweep retries");
      }
    }
  }
  return removed;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

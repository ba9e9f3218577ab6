import { db } from "@/lib/db";
import { logger } from "@/lib/logging";
import { deleteStoredFiles } from "@/lib/storage";
import { TX_OPTIONS } from "./transitions";

/** Jobs expired, files deleted, and jobs that failed (left due, so the next sweep retries them). */
export type ExpireResult = { jobs: number; files: number; failed: number };

const BATCH = 100;

/**
 * Retention: for every job whose `expiresAt` has passed, deletes its files (the result and the
 * uploads it was made from), keeps the record, sets `expiredAt` and appends an `expired` event.
 * Safe to run concurrently and repeatedly: a job is claimed by setting `expiredAt` only where it
 * is still null. Works in batches until nothing is due (or `maxJobs` were handled).
 */
export async function expireJobResults(now: Date = new Date(), opts: { maxJobs?: number } = {}): Promise<ExpireResult> {
  const prisma = await db();
  const total: ExpireResult = { jobs: 0, files: 0, failed: 0 };
  const maxJobs = opts.maxJobs ?? 10_000;
  // A job whose files cannot be deleted (a permissions problem) must not stall the others.
  const skipped: string[] = [];
  while (total.jobs + skipped.length < maxJobs) {
    const due = await prisma.job.findMany({
      where: { expiresAt: { lte: now }, expiredAt: null, ...(skipped.length ? { id: { notIn: skipped } } : {}) },
      select: { id: true },
      orderBy: { expiresAt: "asc" },
      take: Math.min(BATCH, maxJobs - total.jobs - skipped.length),
    });
    if (due.length === 0) break;
    for (const { id } of due) {
      try {
        const { expired, files } = await expireOne(id, now);
        total.files += files;
        if (expired) total.jobs++;
      } catch (error) {
        logger().error({ err: error, job_id: id }, "could not expire a job's result; the next sweep retries");
        skipped.push(id);
        total.failed++;
      }
    }
  }
  if (total.jobs > 0 || total.failed > 0) logger().info(total, "expired job results");
  return total;
}

async function expireOne(id: string, now: Date): Promise<{ expired: boolean; files: number }> {
  const prisma = await db();
  const files = await prisma.storedFile.findMany({ where: { jobId: id }, select: { id: true, storageKey: true } });
  // Bytes go first: if the process dies here, the job is still due and the next sweep finishes.
  const deleted = await deleteStoredFiles(files);
  const expired = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM jobs WHERE id = ${id} FOR UPDATE`;
    const { count } = await tx.job.updateMany({ where: { id, expiredAt: null }, data: { expiredAt: now, resultFileId: null } });
    if (count === 0) return false;
    const job = await tx.job.findUniqueOrThrow({ where: { id } });
    await tx.jobEvent.create({
      data: {
        jobId: id,
        type: "expired",
        status: job.status,
        stage: job.stage,
        progress: job.progress,
        message: "The result was deleted after the retention period",
        data: { files_deleted: files.length },
      },
    });
    return true;
  }, TX_OPTIONS);
  return { expired, files: deleted };
}

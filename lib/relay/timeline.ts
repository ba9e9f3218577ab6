import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";

/**
 * Adds an event to a job's timeline without changing the job: callbacks are recorded whether they
 * are accepted or refused, finished jobs included (the platform's transitions never touch those).
 */
export async function noteOnTimeline(jobId: string, type: string, message: string, data?: Prisma.InputJsonObject): Promise<void> {
  const prisma = await db();
  const job = await prisma.job.findUnique({ where: { id: jobId }, select: { status: true, stage: true, progress: true } });
  if (!job) return;
  await prisma.jobEvent.create({ data: { jobId, type, status: job.status, stage: job.stage, progress: job.progress, message, data } });
}

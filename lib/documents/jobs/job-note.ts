import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";

/** Adds an event to the shared job timeline (GET /api/v1/jobs/{id}/events) without changing the job. */
export async function noteOnJob(jobId: string, type: string, message: string, data?: Prisma.InputJsonObject): Promise<void> {
  const prisma = await db();
  const job = await prisma.job.findUnique({ where: { id: jobId }, select: { status: true, stage: true, progress: true } });
  if (!job) return;
  await prisma.jobEvent.create({ data: { jobId, type, status: job.status, stage: job.stage, progress: job.progress, message, data } });
}

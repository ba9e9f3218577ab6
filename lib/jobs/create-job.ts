import type { Job, Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { jobKindSchema } from "./schemas";
import { cleanText, TX_OPTIONS } from "./transitions";

export type CreateJobInput = {
  /** A chosen id (a system job mirroring a run keeps the run's id); a fresh cuid otherwise. */
  id?: string;
  /** Null for a system job (an instance-level pipeline): seen by operators only. */
  workspaceId: string | null;
  /** Null for jobs started by the system (cron). */
  createdById: string | null;
  kind: string;
  /** Validated, non-secret options; shown back to the workspace. */
  input?: Prisma.InputJsonValue;
  stage?: string;
  message?: string;
};

/** A queued job and its `created` event, written together. */
export async function createJob(input: CreateJobInput): Promise<Job> {
  const kind = jobKindSchema.parse(input.kind);
  const message = cleanText(input.message) ?? null;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const job = await tx.job.create({
      data: {
        ...(input.id ? { id: input.id } : {}),
        workspaceId: input.workspaceId,
        createdById: input.createdById,
        kind,
        stage: input.stage ?? null,
        message,
        ...(input.input !== undefined ? { input: input.input } : {}),
      },
    });
    await tx.jobEvent.create({
      data: { jobId: job.id, type: "created", status: job.status, stage: job.stage, progress: 0, message },
    });
    return job;
  }, TX_OPTIONS);
}

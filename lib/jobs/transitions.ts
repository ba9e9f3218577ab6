import type { Job, Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { redactString } from "@/lib/logging";
import { attachFileToJob } from "@/lib/storage";
import { observeJobFinished } from "./metrics";
import { TERMINAL_STATUSES, type JobStatusName } from "./schemas";

export type Transition = { job: Job; applied: boolean };

type Change = { data: Prisma.JobUpdateInput; event: { type: string; message?: string | null; data?: Prisma.InputJsonValue } };

// Under load (PGlite serialises every transaction) Prisma's 2 s default wait is too short.
export const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export const isTerminal = (status: string) => (TERMINAL_STATUSES as readonly string[]).includes(status);

/**
 * The one way a job changes: lock the row, let `decide` look at the current state, write the change
 * and its event in the same transaction. The row lock orders concurrent writers, so event ids
 * follow the order of changes. Terminal jobs never change (`applied: false`), which makes retried
 * durable steps harmless; `decide` returning null is a no-op too.
 */
/** Writes that must commit with a transition or not at all (a pipeline's own timeline entry). */
export type WithinTransition = (tx: Prisma.TransactionClient, job: Job) => Promise<void>;

export async function transition(jobId: string, decide: (job: Job) => Change | null, opts: { reopening?: boolean; alsoWrite?: WithinTransition } = {}): Promise<Transition> {
  const prisma = await db();
  const result = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM jobs WHERE id = ${jobId} FOR UPDATE`;
    const current = await tx.job.findUnique({ where: { id: jobId } });
    if (!current) throw notFound("Job");
    if (isTerminal(current.status) && !opts.reopening) return { job: current, applied: false };
    const change = decide(current);
    if (!change) return { job: current, applied: false };
    const job = await tx.job.update({ where: { id: jobId }, data: change.data });
    await tx.jobEvent.create({
      data: {
        jobId,
        type: change.event.type,
        status: job.status,
        stage: job.stage,
        progress: job.progress,
        message: change.event.message ?? null,
        data: change.event.data,
      },
    });
    await opts.alsoWrite?.(tx, job);
    return { job, applied: true };
  }, TX_OPTIONS);
  if (result.applied && isTerminal(result.job.status)) observeJobFinished(result.job);
  return result;
}

export function clampProgress(value: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(1, Math.max(0, value));
}

/** Messages and error details are shown to users: bounded, and scrubbed of anything key-shaped. */
export function cleanText(text: string | null | undefined, max = 2000): string | null | undefined {
  if (text === undefined || text === null) return text;
  const cleaned = redactString(text).trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

/** queued -> running. Starting a running job again (a retried step) changes nothing. */
export function startJob(jobId: string, opts: { stage: string; message?: string }): Promise<Transition> {
  return transition(jobId, (job) => {
    if (job.status !== "queued") return null;
    const message = cleanText(opts.message);
    return {
      data: { status: "running", stage: opts.stage, startedAt: new Date(), ...(message !== undefined ? { message } : {}) },
      event: { type: "started", message },
    };
  });
}

/**
 * Records progress (clamped to 0..1) and optionally a new stage and message. A queued job that
 * reports progress is running. Repeating the current state (a retried step) adds no event.
 */
export function updateJobProgress(
  jobId: string,
  opts: { stage?: string; progress: number; message?: string; data?: Prisma.InputJsonObject },
): Promise<Transition> {
  return transition(jobId, (job) => {
    const progress = clampProgress(opts.progress, job.progress);
    const stage = opts.stage ?? job.stage;
    const message = cleanText(opts.message);
    const unchanged = progress === job.progress && stage === job.stage && (message === undefined || message === job.message);
    if (unchanged && opts.data === undefined && job.status === "running") return null;
    return {
      data: {
        progress,
        stage,
        ...(message !== undefined ? { message } : {}),
        ...(job.status === "queued" ? { status: "running" as const, startedAt: new Date() } : {}),
      },
      event: { type: "progress", message, data: opts.data },
    };
  });
}

type FinishChange = { status: JobStatusName; message?: string | null; data?: Prisma.JobUpdateInput };

function finish(jobId: string, type: string, change: FinishChange, eventData?: Prisma.InputJsonObject, alsoWrite?: WithinTransition) {
  return transition(
    jobId,
    () => ({
      data: { status: change.status, finishedAt: new Date(), ...(change.message !== undefined ? { message: change.message } : {}), ...change.data },
      event: { type, message: change.message, data: eventData },
    }),
    { alsoWrite },
  );
}

/**
 * Marks the job succeeded with its result: an artifact (a StoredFile of the same workspace, linked
 * to the job here), a small JSON summary, and when retention should delete the artifact.
 */
export async function completeJob(
  jobId: string,
  opts: { resultFileId?: string; result?: Prisma.InputJsonValue; message?: string; expiresAt?: Date; alsoWrite?: WithinTransition } = {},
): Promise<Transition> {
  if (opts.resultFileId) {
    const prisma = await db();
    const [job, file] = await Promise.all([
      prisma.job.findUnique({ where: { id: jobId }, select: { workspaceId: true } }),
      prisma.storedFile.findUnique({ where: { id: opts.resultFileId }, select: { workspaceId: true, jobId: true } }),
    ]);
    if (!job) throw notFound("Job");
    if (!file || file.workspaceId !== job.workspaceId) throw new Error(`result file ${opts.resultFileId} is not in the job's workspace`);
    if (file.jobId !== jobId) await attachFileToJob(opts.resultFileId, jobId);
  }
  return finish(
    jobId,
    "succeeded",
    {
      status: "succeeded",
      message: cleanText(opts.message),
      data: {
        progress: 1,
        ...(opts.resultFileId ? { resultFile: { connect: { id: opts.resultFileId } } } : {}),
        ...(opts.result !== undefined ? { result: opts.result } : {}),
        ...(opts.expiresAt ? { expiresAt: opts.expiresAt } : {}),
      },
    },
    {
      ...(opts.resultFileId ? { result_file_id: opts.resultFileId } : {}),
      ...(opts.expiresAt ? { expires_at: opts.expiresAt.toISOString() } : {}),
    },
    opts.alsoWrite,
  );
}

/**
 * succeeded -> running again, at `stage`: a finished job redoes part of its work on the user's
 * request (a forms job rebuilding its PDF from an edited field list). Only a succeeded job whose
 * result retention has not deleted reopens; any other state is `applied: false`, so of two
 * concurrent requests exactly one reopens the job. Its result file stays linked: a rebuild that
 * fails completes the job again with the previous result.
 */
export function reopenJob(
  jobId: string,
  opts: { stage: string; progress: number; message?: string; result?: Prisma.InputJsonValue; event: { type: string; data?: Prisma.InputJsonObject } },
): Promise<Transition> {
  return transition(
    jobId,
    (job) => {
      if (job.status !== "succeeded" || job.expiredAt) return null;
      const message = cleanText(opts.message);
      return {
        data: {
          status: "running",
          stage: opts.stage,
          progress: clampProgress(opts.progress, job.progress),
          finishedAt: null,
          ...(message !== undefined ? { message } : {}),
          ...(opts.result !== undefined ? { result: opts.result } : {}),
        },
        event: { type: opts.event.type, message, data: opts.event.data },
      };
    },
    { reopening: true },
  );
}

/**
 * Marks the job failed. `type` is a PascalCase error name clients can switch on. `alsoWrite` runs
 * in the failing transaction, only when the job does fail (not when it had ended already).
 */
export function failJob(jobId: string, error: { type: string; detail: string }, opts: { alsoWrite?: WithinTransition } = {}): Promise<Transition> {
  const type = /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(error.type) ? error.type : "JobError";
  const detail = cleanText(error.detail) || "The job failed";
  return finish(jobId, "failed", { status: "failed", message: detail, data: { errorType: type, errorDetail: detail } }, { type, detail }, opts.alsoWrite);
}

/** Marks the job canceled. Use `requestJobCancellation` to also stop its durable run. */
export function cancelJob(jobId: string, opts: { message?: string } = {}): Promise<Transition> {
  return finish(jobId, "canceled", { status: "canceled", message: cleanText(opts.message) ?? "Canceled" });
}

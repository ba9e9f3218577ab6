import { db } from "@/lib/db";
import { completeJob, failJob, isTerminal, stageRunner, updateJobProgress } from "@/lib/jobs";
import { storage } from "@/lib/storage";
import { dispatchToWorkflow } from "./dispatch";
import { RELAY_ERRORS, RelayJobError, type RelayErrorType } from "./errors";
import { storedCallback } from "./callback";
import type { RelayCallback } from "./schemas";
import { relayConfig } from "./settings";
import { RELAY_STAGES } from "./stages";

const stages = stageRunner(RELAY_STAGES);

export type RelayJobRef = { jobId: string; workspaceId: string };

async function readAll(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Step `dispatch`: hands the image to the n8n workflow. Skipped when the job is finished (a
 * cancel) or the callback is already in (a retried step after the workflow answered).
 */
export async function dispatchRelayJob(ref: RelayJobRef): Promise<{ dispatched: boolean }> {
  const config = relayConfig();
  const prisma = await db();
  const row = await prisma.relayJob.findFirstOrThrow({ where: { jobId: ref.jobId, workspaceId: ref.workspaceId }, include: { job: true } });
  if (isTerminal(row.job.status) || row.callbackStatus) return { dispatched: false };
  await updateJobProgress(ref.jobId, { stage: "dispatching", progress: stages.progress("dispatching", 0, 1), message: "Sending to the workflow" });
  const file = row.inputFileId ? await prisma.storedFile.findUnique({ where: { id: row.inputFileId } }) : null;
  if (!file) throw new RelayJobError("DispatchRejectedError", "The uploaded image is gone");
  const result = await dispatchToWorkflow({
    webhookUrl: config.webhookUrl,
    signingSecret: config.signingSecret,
    jobId: ref.jobId,
    notionDatabaseId: row.notionDatabaseId,
    filename: row.filename,
    contentType: row.contentType,
    callbackUrl: config.callbackUrl(ref.jobId),
    file: await readAll(file.storageKey),
  });
  await updateJobProgress(ref.jobId, {
    stage: "waiting",
    progress: stages.progress("waiting", 0, 1),
    message: "Sent to the workflow; waiting for Notion",
    data: { webhook_status: result.status },
  });
  return { dispatched: true };
}

/** The callback stored for the job, if any (checked before and after waiting: the event can be missed). */
export const readRelayCallback = (ref: RelayJobRef): Promise<RelayCallback | null> => storedCallback(ref.jobId);

async function keepUntil(jobId: string): Promise<Date> {
  const expiresAt = new Date(Date.now() + relayConfig().retentionMs);
  // The shared retention sweep deletes the image then; the job and its relay log stay.
  await (await db()).job.updateMany({ where: { id: jobId, expiresAt: null }, data: { expiresAt } });
  return expiresAt;
}

/** Ends the job from the workflow's answer, or with CallbackTimeoutError when none came. */
export async function finishRelayJob(ref: RelayJobRef, callback: RelayCallback | null): Promise<{ status: string }> {
  if (!callback) {
    const timeout = relayConfig().callbackTimeoutMs;
    await failRelayJob(ref, new RelayJobError("CallbackTimeoutError", `The workflow did not call back within ${Math.round(timeout / 1000)} s`));
    return { status: "failure" };
  }
  if (callback.status === "failure") {
    await failRelayJob(ref, new RelayJobError("WorkflowFailedError", callback.message));
    return { status: "failure" };
  }
  const expiresAt = new Date(Date.now() + relayConfig().retentionMs);
  await completeJob(ref.jobId, { result: { notion_page_url: callback.notion_page_url }, message: "Created in Notion", expiresAt });
  return { status: "success" };
}

/** Marks the job failed with a typed error (the relay's own, else DispatchFailedError while dispatching). */
export async function failRelayJob(ref: RelayJobRef, error: unknown): Promise<void> {
  const prisma = await db();
  const job = await prisma.job.findUnique({ where: { id: ref.jobId }, select: { stage: true } });
  const err = error as { name?: string; message?: string; cause?: unknown };
  const own = (e: { name?: string } | undefined): e is { name: RelayErrorType } => Boolean(e?.name && e.name in RELAY_ERRORS);
  const cause = err.cause as { name?: string; message?: string } | undefined;
  const typed = own(err) ? err : own(cause) ? cause : undefined;
  const type = typed?.name ?? (job?.stage === "dispatching" ? "DispatchFailedError" : "JobError");
  const detail = (typed as { message?: string } | undefined)?.message ?? (type === "DispatchFailedError" ? `${RELAY_ERRORS.DispatchFailedError} ${err.message ?? ""}`.trim() : "The relay job failed");
  await failJob(ref.jobId, { type, detail });
  await keepUntil(ref.jobId);
}

import { db } from "@/lib/db";
import { cancelJob, completeJob, createJob, failJob, startJob, stageRunner, updateJobProgress } from "@/lib/jobs";
import { contractsErrors } from "./errors";
import { CONTRACTS_JOB_KIND, CONTRACTS_STAGES } from "./stages";
import type { RunSummary } from "./summary";

/**
 * Each aggregation run is also a system job (no workspace; operators read it through the system
 * jobs API), with the run's id: the platform's timeline, stages and retention apply to it like to
 * any pipeline's job, while `contract_runs` keeps the run's detailed summary. Every function here
 * is idempotent, since the steps that call them may run again.
 */
const stages = stageRunner(CONTRACTS_STAGES);

export async function ensureRunJob(runId: string, trigger: "cron" | "manual", requestedBy?: string): Promise<void> {
  const prisma = await db();
  if (await prisma.job.findUnique({ where: { id: runId }, select: { id: true } })) return;
  try {
    await createJob({ id: runId, workspaceId: null, createdById: requestedBy ?? null, kind: CONTRACTS_JOB_KIND, input: { trigger }, message: "Waiting to start" });
  } catch (error) {
    // A concurrent first attempt created it (unique id): the same job.
    if (!(await prisma.job.findUnique({ where: { id: runId }, select: { id: true } }))) throw error;
  }
}

export async function startRunJob(runId: string, regions: number): Promise<void> {
  await startJob(runId, { stage: "regions", message: `Fetching ${regions} ${regions === 1 ? "region" : "regions"}` });
}

export async function reportRunJob(runId: string, stage: "regions" | "types" | "summary", done: number, total: number, message: string): Promise<void> {
  await updateJobProgress(runId, { stage, progress: stages.progress(stage, done, total), message });
}

/** The run ended: succeeded and partial runs complete the job (the outcome and totals are its result), failed ones fail it. */
export async function finishRunJob(summary: RunSummary, retentionMs: number): Promise<void> {
  const t = summary.totals;
  const message = `${summary.outcome === "partial" ? "Partly done" : "Done"}: ${t.contracts_fetched} contracts fetched, ${t.contracts_new} new, ${t.contracts_updated} updated, ${t.contracts_expired} expired`;
  if (summary.outcome === "failed") {
    await failJob(summary.run_id, { type: "EsiUnavailableError", detail: summary.errors[0]?.message ?? "Every region failed" });
    return;
  }
  await completeJob(summary.run_id, {
    result: { outcome: summary.outcome, duration_ms: summary.duration_ms, totals: t },
    message,
    expiresAt: new Date(Date.now() + retentionMs),
  });
}

/** A run another run's lock kept from starting. */
export async function skipRunJob(runId: string): Promise<void> {
  await cancelJob(runId, { message: "Skipped: another run holds the aggregation lock" });
}

/** A run that ended in an error no step could absorb (`name` from the serialized error). */
export async function failRunJob(runId: string, error: { name?: string; message: string }): Promise<void> {
  const type = error.name && error.name in contractsErrors.table ? error.name : "InternalError";
  await failJob(runId, { type, detail: type === "InternalError" ? "The run failed unexpectedly; the next scheduled run tries again" : error.message });
}
